/**
 * A body that is not JSON, or not `{type, data}`, answers 400 and starts nothing.
 */
const { createTrigger } = require('./fake-webhook-context');

function expectBadRequest(outcome, reasonPart) {
	expect(outcome.started).toBe(false);
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.answer.status).toBe(400);
	expect(outcome.answer.body).toMatchObject({ received: false, error: 'Bad Request' });
	expect(outcome.answer.body.reason).toContain(reasonPart);
}

describe('Peach Trigger: malformed bodies answer 400', () => {
	test.each([
		['plain text', 'hello', 'not valid JSON'],
		['truncated JSON', '{"type": "order.completed", "data": {', 'not valid JSON'],
		['a form-encoded body', 'type=order.completed&data=x', 'not valid JSON'],
		['an empty body', '', 'empty'],
		['whitespace only', '   \n', 'empty'],
	])('%s', async (_name, rawBody, reason) => {
		expectBadRequest(await createTrigger().deliver({ rawBody }), reason);
	});

	test.each([
		['a JSON array', [{ type: 'order.completed', data: {} }], 'must be a JSON object'],
		['a JSON string', 'order.completed', 'must be a JSON object'],
		['a JSON number', 42, 'must be a JSON object'],
		['null', null, 'must be a JSON object'],
		['no type', { data: { id: 'wa_ord_1' } }, 'no "type"'],
		['an empty type', { type: '  ', data: { id: 'wa_ord_1' } }, 'no "type"'],
		['a numeric type', { type: 7, data: { id: 'wa_ord_1' } }, 'no "type"'],
		['no data', { type: 'order.completed' }, 'no "data" object'],
		['data is null', { type: 'order.completed', data: null }, 'no "data" object'],
		['data is a list', { type: 'order.completed', data: [] }, 'no "data" object'],
		['data is text', { type: 'order.completed', data: 'wa_ord_1' }, 'no "data" object'],
	])('%s', async (_name, value, reason) => {
		expectBadRequest(await createTrigger().deliver({ rawBody: JSON.stringify(value) }), reason);
	});

	test('when n8n kept no raw body, its parsed body is checked the same way', async () => {
		expectBadRequest(await createTrigger().deliver({ body: { type: 'order.completed' }, rawBody: null }), 'no "data"');
		const ok = await createTrigger().deliver({
			body: { type: 'order.completed', data: { id: 'wa_ord_1', status: 'completed' } },
			rawBody: null,
		});
		expect(ok.started).toBe(true);
	});

	test('a well-formed body still passes after a malformed one', async () => {
		const trigger = createTrigger();
		expectBadRequest(await trigger.deliver({ rawBody: '{oops' }), 'not valid JSON');
		const ok = await trigger.deliver({ body: { type: 'order.canceled', data: { id: 'wa_ord_1', status: 'canceled' } } });
		expect(ok.started).toBe(true);
		expect(ok.items[0]).toMatchObject({ event: 'order.canceled', orderId: 'wa_ord_1' });
	});
});
