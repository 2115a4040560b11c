/** Template Message → Get Many: page/per pagination, filters, one item per message. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator } = require('../../harness/node-helpers');

const getMany = (extra = {}) => ({ resource: 'templateMessage', operation: 'getAll', ...extra });

describe('Template Message → Get Many', () => {
	const ctx = useSandbox();

	test('Return All returns all 2,500+ seeded messages in the fewest requests (1000 per page)', async () => {
		const since = '2000-01-01T00:00:00.000Z';
		const result = await ctx.run(getMany({ returnAll: true, filters: { updatedSince: since } }));
		expect(result.error).toBeUndefined();
		const total = ctx.sandbox.state.templateMessages.length;
		expect(total).toBeGreaterThanOrEqual(2500);
		expect(result.items).toHaveLength(total);
		expect(new Set(result.items.map((message) => message.id)).size).toBe(total);
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(Math.ceil(total / 1000));
		requests.forEach((request, index) => {
			expect(request.path).toBe('/api/v1/template_messages');
			expect(request.query).toEqual({ updated_since: since, page: String(index + 1), per: '1000' });
			expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
		});
		expect(result.items[0]).toEqual(
			expect.objectContaining({ id: expect.stringMatching(/^cmsg_/), status: expect.any(String) }),
		);
	});

	test('Limit 7 returns exactly 7 with one request and no unset filter', async () => {
		const result = await ctx.run(getMany({ limit: 7 }));
		expect(result.items).toHaveLength(7);
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ page: '1', per: '7' });
	});

	test('every filter goes into the query as Peach names it, the phone number normalised', async () => {
		const broadcastId = ctx.sandbox.fixtures.broadcasts.large;
		const since = '2001-02-03T04:05:06Z';
		const result = await ctx.run(
			getMany({
				returnAll: true,
				filters: {
					broadcastId: locator(broadcastId),
					updatedSince: since,
					status: 'delivered',
					phoneNumber: '+91 70000 00000',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({
			broadcast_id: broadcastId,
			// Every date-time goes as ISO 8601 UTC, always with milliseconds.
			updated_since: '2001-02-03T04:05:06.000Z',
			status: 'delivered',
			phone_number: '+917000000000',
			page: '1',
			per: '1000',
		});
	});

	test('the broadcast filter returns only that broadcast’s messages', async () => {
		const broadcastId = ctx.sandbox.fixtures.broadcasts.large;
		const result = await ctx.run(getMany({ returnAll: true, filters: { broadcastId: locator(broadcastId, 'id') } }));
		const expected = ctx.sandbox.state.templateMessages.filter((m) => m.broadcast_id === broadcastId).length;
		expect(expected).toBe(150);
		expect(result.items).toHaveLength(expected);
		expect(result.items.every((message) => message.broadcast_id === broadcastId)).toBe(true);
	});

	test('a bad broadcast ID, date, limit or phone number fails before anything is sent', async () => {
		let result = await ctx.run(getMany({ filters: { broadcastId: locator('={{ "wat_123" }}', 'id') } }));
		expectInputError(result, ctx.apiRequests(), 'Filters → Broadcast');
		expect(result.error.message).toBe('Filters → Broadcast: "wat_123" is not a broadcast ID [item 0]');
		result = await ctx.run(getMany({ filters: { updatedSince: '={{ "yesterday" }}' } }));
		expectInputError(result, ctx.apiRequests(), 'Filters → Updated Since');
		result = await ctx.run(getMany({ limit: '={{ 0 }}' }));
		expectInputError(result, ctx.apiRequests(), 'Limit');
		result = await ctx.run(getMany({ filters: { phoneNumber: '12345' } }));
		expectInputError(result, ctx.apiRequests(), 'Filters → Phone Number');
	});
});
