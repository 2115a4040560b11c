/** Template Message → Get Status: reads the event a send returned. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

describe('Template Message → Get Status', () => {
	const ctx = useSandbox();

	async function sendOne() {
		const sent = await ctx.run({
			resource: 'templateMessage',
			operation: 'send',
			phoneNumber: '+919988776655',
			templateId: locator(ctx.sandbox.fixtures.templates.approvedNoVariables),
		});
		ctx.sandbox.clearRequests();
		return sent.items[0].event_id;
	}

	test('reads GET /api/v1/events/{event_id} and outputs the event as Peach returns it', async () => {
		const eventId = await sendOne();
		const result = await ctx.run({ resource: 'templateMessage', operation: 'getStatus', eventId: ` ${eventId} ` });
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/events/${eventId}`, query: {} });
		expect(request.body).toBeNull();
		expect(result.items).toEqual([
			{
				id: eventId,
				event_type: 'send_template_message',
				status: 'processed',
				result: expect.objectContaining({ type: 'template_message', status: 'queued', phone_number: '+919988776655' }),
			},
		]);
	});

	test('the event ID can be mapped from the send output, item by item', async () => {
		const first = await sendOne();
		const second = await sendOne();
		const result = await ctx.run(
			{ resource: 'templateMessage', operation: 'getStatus', eventId: '={{ $json.event_id }}' },
			{ items: [{ event_id: first }, { event_id: second }] },
		);
		expect(result.items.map((item) => item.id)).toEqual([first, second]);
		expect(ctx.apiRequests().map((r) => r.path)).toEqual([`/api/v1/events/${first}`, `/api/v1/events/${second}`]);
	});

	test('an empty or malformed event ID fails before anything is sent', async () => {
		// A literal empty value is refused by n8n itself (required field); an expression can still be empty.
		let result = await ctx.run({ resource: 'templateMessage', operation: 'getStatus', eventId: '={{ $json.event_id }}' });
		expectInputError(result, ctx.apiRequests(), 'Event ID');
		expect(result.error.message).toBe('Event ID: is empty [item 0]');
		result = await ctx.run({ resource: 'templateMessage', operation: 'getStatus', eventId: 'evt_1/../x' });
		expectInputError(result, ctx.apiRequests(), 'Event ID');
	});

	test('an unknown event is a 404 that names the event', async () => {
		const result = await ctx.run({ resource: 'templateMessage', operation: 'getStatus', eventId: 'evt_missing' });
		expect(result.error.message).toBe(
			"Peach has no event with ID \"evt_missing\" (404: Couldn't find Event with 'id'=evt_missing) [item 0]",
		);
	});
});
