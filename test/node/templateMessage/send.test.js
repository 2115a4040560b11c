/**
 * Template Message → Send, through n8n's engine against the sandbox: the exact request Peach
 * receives, the items n8n outputs, input checks before sending, and Wait for Delivery.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, mapped } = require('../../harness/node-helpers');

const ORDER_VALUES = { order_id: 'ORD-77', first_name: 'John', amount: '₹1,200' };

describe('Template Message → Send', () => {
	const ctx = useSandbox();
	const fixtures = () => ctx.sandbox.fixtures;
	const send = (extra = {}) => ({
		resource: 'templateMessage',
		operation: 'send',
		phoneNumber: '+919988776655',
		templateId: locator(fixtures().templates.approvedWithVariables),
		templateVariables: mapped(ORDER_VALUES),
		...extra,
	});

	test('minimal: phone and a template without variables (read from Peach to check there are none)', async () => {
		const templateId = fixtures().templates.approvedNoVariables;
		const result = await ctx.run({
			resource: 'templateMessage',
			operation: 'send',
			phoneNumber: '+91 99887-76655',
			templateId: locator(templateId, 'id'),
		});
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/v1/whats_app_templates/${templateId}`,
			'POST /api/v1/events',
		]);
		const post = requests[1];
		expect(post.headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(post.headers['content-type']).toMatch(/^application\/json/);
		expect(post.query).toEqual({});
		expect(post.body).toEqual({
			event_type: 'send_template_message',
			contact: { phone_number: '+919988776655' },
			template_message: { whats_app_template_id: templateId },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toEqual({ status: 'success', event_id: expect.stringMatching(/^evt_/) });
	});

	test('full: every field reaches the body in its place, and nothing else is read first', async () => {
		const retryUntil = new Date(Date.now() + 86400000).toISOString();
		const result = await ctx.run(
			send({
				additionalFields: {
					businessPhoneNumber: '+91 98765 43222',
					contactEmail: ' alfred@example.com ',
					contactLanguage: 'en',
					contactMetadata: { values: [{ key: 'customer_tier', value: 'gold' }, { key: 'city', value: 'Mumbai' }] },
					contactName: 'Alfred Hitchcock',
					replyAutomationAiAgentId: 'aiflw_1234abcd',
					retryUntil,
					retryWindow: { window: { startAt: '8:00', endAt: '20:30' } },
				},
				additionalBodyFields: '{"template_message": {"priority": "high"}, "source": "n8n"}',
			}),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].path).toBe('/api/v1/events');
		expect(requests[0].body).toEqual({
			event_type: 'send_template_message',
			contact: {
				phone_number: '+919988776655',
				name: 'Alfred Hitchcock',
				email: 'alfred@example.com',
				language: 'en',
				metadata: { customer_tier: 'gold', city: 'Mumbai' },
			},
			template_message: {
				whats_app_template_id: fixtures().templates.approvedWithVariables,
				retry_until: retryUntil,
				retry_window: { start_at: '08:00', end_at: '20:30' },
				business_phone_number: '919876543222',
				reply_automation: { ai_agent_id: 'aiflw_1234abcd' },
				liquid_values: ORDER_VALUES,
				priority: 'high',
			},
			source: 'n8n',
		});
		expect(result.items).toEqual([{ status: 'success', event_id: expect.any(String) }]);
	});

	test('variables as JSON (e.g. from an expression): the template is read to check them, then sent as they are', async () => {
		const templateId = fixtures().templates.approvedWithVariables;
		const result = await ctx.run(
			send({
				variablesInput: 'json',
				variablesJson: '={{ { order_id: $json.order, first_name: $json.name, amount: 1200 } }}',
			}),
			{ items: [{ order: 'ORD-9', name: 'Jane' }] },
		);
		expect(result.error).toBeUndefined();
		const [get, post] = ctx.apiRequests();
		expect(get.path).toBe(`/api/v1/whats_app_templates/${templateId}`);
		expect(post.body.template_message.liquid_values).toEqual({ order_id: 'ORD-9', first_name: 'Jane', amount: 1200 });
	});

	test('a document header takes the file link and its name as {link, filename}', async () => {
		const result = await ctx.run(
			send({
				templateId: locator(fixtures().templates.approvedDocumentHeader),
				templateVariables: mapped(
					{
						header_media: 'https://example.com/invoice-2041.pdf',
						header_media_filename: 'invoice-2041.pdf',
						first_name: 'John',
						invoice_number: 'INV-2041',
					},
					[
						{ id: 'header_media', required: true },
						{ id: 'header_media_filename', required: false },
						{ id: 'first_name', required: true },
						{ id: 'invoice_number', required: true },
					],
				),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body.template_message.liquid_values).toEqual({
			header_media: { link: 'https://example.com/invoice-2041.pdf', filename: 'invoice-2041.pdf' },
			first_name: 'John',
			invoice_number: 'INV-2041',
		});
	});

	test('Map Automatically takes each variable from the input field of the same name', async () => {
		const value = { ...mapped({}, ['order_id', 'first_name', 'amount'].map((id) => ({ id, required: true }))), mappingMode: 'autoMapInputData', value: null };
		const result = await ctx.run(send({ templateVariables: value }), {
			items: [{ order_id: 'ORD-5', first_name: 'Meera', amount: '₹99', unrelated: 'x' }],
		});
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body.template_message.liquid_values).toEqual({
			order_id: 'ORD-5',
			first_name: 'Meera',
			amount: '₹99',
		});
	});

	test('a phone number that is not international fails before anything is sent', async () => {
		const result = await ctx.run(send({ phoneNumber: '99887 766' }));
		expectInputError(result, ctx.apiRequests(), 'Phone Number');
		expect(result.error.message).toBe('Phone Number: "99887 766" is not a phone number in international format [item 0]');
	});

	test('a variable the template needs but left empty is named, before anything is sent', async () => {
		const result = await ctx.run(send({ templateVariables: mapped({ ...ORDER_VALUES, order_id: '' }) }));
		expectInputError(result, ctx.apiRequests(), 'Template Variables');
		expect(result.error.message).toBe('Template Variables: the template needs a value for "order_id" [item 0]');
		expect(result.error.description).toMatch(/Fill in "order_id"/);
	});

	test('in JSON mode a missing variable is named after reading the template, and nothing is posted', async () => {
		const result = await ctx.run(send({ variablesInput: 'json', variablesJson: '{"first_name": "John"}' }));
		expect(result.error.message).toBe(
			'Template Variables (JSON): the template needs a value for "order_id", "amount" [item 0]',
		);
		expect(ctx.apiRequests().map((r) => r.method)).toEqual(['GET']);
	});

	test('a template ID without the wat_ prefix, a past Retry Until, a bad retry time, email or AI agent ID are input errors', async () => {
		// n8n itself refuses a typed By ID that does not match; an expression is checked by the node.
		let result = await ctx.run(send({ templateId: locator('={{ $json.template }}', 'id') }), { items: [{ template: '1234' }] });
		expectInputError(result, ctx.apiRequests(), 'Template');
		expect(result.error.message).toBe('Template: "1234" is not a template ID [item 0]');

		result = await ctx.run(send({ additionalFields: { retryUntil: '2020-01-01T00:00:00Z' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Retry Until');

		result = await ctx.run(send({ additionalFields: { retryWindow: { window: { startAt: '25:00' } } } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Retry Window → Start At');

		result = await ctx.run(send({ additionalFields: { contactEmail: 'not-an-email' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Contact Email');

		result = await ctx.run(send({ additionalFields: { replyAutomationAiAgentId: 'agent-7' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Reply Automation (AI Agent ID)');
		expect(result.error.message).toBe(
			'Additional Fields → Reply Automation (AI Agent ID): "agent-7" is not an AI agent ID [item 0]',
		);
	});

	test("a template Peach refuses to send (not approved) fails with Peach's reason", async () => {
		const result = await ctx.run(
			send({ templateId: locator(fixtures().templates.pending, 'id'), variablesInput: 'json', variablesJson: '{}' }),
		);
		// The pending template has a {{first_name}} and {{points}}: the check names them first.
		expect(result.error.message).toMatch(/^Template Variables \(JSON\): the template needs a value for "first_name", "points"/);
		const sent = await ctx.run(
			send({
				templateId: locator(fixtures().templates.pending, 'id'),
				variablesInput: 'json',
				variablesJson: '{"first_name": "John", "points": "10"}',
			}),
		);
		expect(sent.error.message).toBe(
			'Peach rejected the request (422): template_message.whats_app_template_id is not approved [item 0]',
		);
	});
});

describe('Template Message → Send with Wait for Delivery', () => {
	const ctx = useSandbox();
	const phone = '+919988776655';
	const waitingSend = (extra = {}) => ({
		resource: 'templateMessage',
		operation: 'send',
		phoneNumber: phone,
		templateId: locator(ctx.sandbox.fixtures.templates.approvedWithVariables),
		templateVariables: mapped(ORDER_VALUES),
		waitForDelivery: true,
		waitTimeout: 5,
		pollInterval: 0.5,
		...extra,
	});

	test('delivered: polls the event until delivered and outputs the final event', async () => {
		const result = await ctx.run(waitingSend());
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		// queued, sent, delivered: three reads of the event after the send.
		expect(requests.map((r) => `${r.method} ${r.route}`)).toEqual([
			'POST POST /api/v1/events',
			'GET GET /api/v1/events/:id',
			'GET GET /api/v1/events/:id',
			'GET GET /api/v1/events/:id',
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({
			id: requests[1].path.split('/').pop(),
			status: 'processed',
			result: { type: 'template_message', status: 'delivered', failure_message: null, phone_number: phone },
		});
	});

	test('Wait Until Read keeps polling past delivered', async () => {
		ctx.sandbox.setDeliveryPlan(phone, { statuses: ['sent', 'delivered', 'read'] });
		const result = await ctx.run(waitingSend({ waitUntil: 'read' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].result.status).toBe('read');
		expect(ctx.apiRequests().filter((r) => r.method === 'GET')).toHaveLength(3);
	});

	test("failed: the item fails with Peach's failure message", async () => {
		const failure = '(#131026) Message undeliverable';
		ctx.sandbox.setDeliveryPlan(phone, { statuses: ['queued', 'failed'], failureMessage: failure });
		const result = await ctx.run(waitingSend());
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(`Peach could not deliver the message: ${failure} [item 0]`);
		expect(result.error.description).toMatch(/WhatsApp refused this message/);
		expect(ctx.apiRequests().filter((r) => r.method === 'GET')).toHaveLength(2);
	});

	test('failed under Continue On Fail: an error item carrying the failure message, the other item goes on', async () => {
		ctx.sandbox.setDeliveryPlan(phone, { statuses: ['failed'], failureMessage: '(#131049) Not delivered to keep engagement healthy' });
		const result = await ctx.run(
			waitingSend({ phoneNumber: '={{ $json.phone }}' }),
			{ items: [{ phone }, { phone: '+13309106536' }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json.error).toBe(
			'Peach could not deliver the message: (#131049) Not delivered to keep engagement healthy [item 0]',
		);
		expect(result.output[1].json.result.status).toBe('delivered');
	});

	test('timeout: the item fails with the last status once the timeout passes', async () => {
		ctx.sandbox.setDeliveryPlan(phone, { statuses: ['queued', 'sent'] });
		const started = Date.now();
		const result = await ctx.run(waitingSend({ waitTimeout: 1.2, pollInterval: 0.5 }));
		const elapsed = Date.now() - started;
		expect(result.error.message).toBe('The message was still "sent" when the wait for "delivered" timed out [item 0]');
		expect(result.error.description).toMatch(/Template Message → Get Status and event ID evt_/);
		expect(elapsed).toBeGreaterThanOrEqual(1100);
		expect(elapsed).toBeLessThan(4000);
		// Reads at 0, 0.5, 1.0 and the last one at the timeout (1.2 s).
		expect(ctx.apiRequests().filter((r) => r.method === 'GET')).toHaveLength(4);
	});
});
