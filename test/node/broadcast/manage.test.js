/** Broadcast → Get Many, Get Status, Get, Archive and Cancel. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

const broadcastOp = (operation, extra = {}) => ({ resource: 'broadcast', operation, ...extra });

describe('Broadcast → Get Many', () => {
	const ctx = useSandbox();

	test('Limit asks for that many in one request; the output is one item per broadcast', async () => {
		const result = await ctx.run(broadcastOp('getAll', { limit: 7 }));
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: '/api/v1/broadcasts', query: { page: '1', per: '7' } });
		expect(result.items).toHaveLength(7);
		expect(result.items[0]).toEqual(
			expect.objectContaining({ id: expect.stringMatching(/^cmp_/), name: expect.any(String), status: expect.any(String) }),
		);
	});

	test('Return All with the status filter returns every broadcast of that status', async () => {
		const result = await ctx.run(broadcastOp('getAll', { returnAll: true, filters: { status: 'sent' } }));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests().map((r) => r.query)).toEqual([{ status: 'sent', page: '1', per: '1000' }]);
		expect(result.items.map((b) => b.id).sort()).toEqual([...ctx.sandbox.fixtures.broadcasts.sent].sort());
	});

	test('a Limit that is not a positive whole number fails before anything is sent', async () => {
		const result = await ctx.run(broadcastOp('getAll', { limit: '={{ -3 }}' }));
		expectInputError(result, ctx.apiRequests(), 'Limit');
		expect(result.error.message).toBe('Limit: -3 is below 1 [item 0]');
	});
});

describe('Broadcast → Get Status', () => {
	const ctx = useSandbox();

	async function launchOne() {
		const launched = await ctx.run({
			resource: 'broadcast',
			operation: 'launch',
			name: 'Status check',
			templateId: locator(ctx.sandbox.fixtures.templates.approvedNoVariables),
			recipients: 'audience',
			audienceId: 'aud_1',
		});
		ctx.sandbox.clearRequests();
		return launched.items[0].event_id;
	}

	test('without waiting: one read of the event, output as Peach answers (pending at first)', async () => {
		const eventId = await launchOne();
		const result = await ctx.run(broadcastOp('getStatus', { eventId }));
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/events/${eventId}`, query: {} });
		expect(request.body).toBeNull();
		expect(result.items).toEqual([{ id: eventId, event_type: 'send_broadcast', status: 'pending', result: null }]);
	});

	test('Wait Until Processed reads again until processed and outputs the broadcast result', async () => {
		const eventId = await launchOne();
		const result = await ctx.run(broadcastOp('getStatus', { eventId, waitUntilProcessed: true, waitTimeout: 5, pollInterval: 0.5 }));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests().map((r) => r.path)).toEqual([`/api/v1/events/${eventId}`, `/api/v1/events/${eventId}`]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({
			id: eventId,
			status: 'processed',
			result: {
				type: 'campaign',
				id: expect.stringMatching(/^cmp_/),
				name: 'Status check',
				template_messages_url: expect.stringContaining('/api/v1/template_messages?broadcast_id=cmp_'),
			},
		});
	});

	test('a failed launch fails the item with the reason; a wait that runs out says so', async () => {
		ctx.sandbox.fault('GET /api/v1/events/:id', {
			status: 200,
			body: { id: 'evt_x', status: 'failed', result: { failure_message: 'Template was paused' } },
		});
		let result = await ctx.run(broadcastOp('getStatus', { eventId: 'evt_x', waitUntilProcessed: true, pollInterval: 0.5 }));
		expect(result.error.message).toBe('Peach could not process the broadcast: Template was paused [item 0]');

		ctx.sandbox.reset();
		ctx.sandbox.fault('GET /api/v1/events/:id', { status: 200, body: { id: 'evt_y', status: 'pending', result: null } });
		result = await ctx.run(broadcastOp('getStatus', { eventId: 'evt_y', waitUntilProcessed: true, waitTimeout: 1.2, pollInterval: 0.5 }));
		expect(result.error.message).toBe('The broadcast was still "pending" when the wait timed out [item 0]');
		// The operation's own read, then reads at 0.5 s, 1 s and at the timeout (1.2 s).
		expect(ctx.apiRequests()).toHaveLength(4);
	});

	test('an event ID with a slash fails before anything is sent', async () => {
		const result = await ctx.run(broadcastOp('getStatus', { eventId: 'evt_1/cancel' }));
		expectInputError(result, ctx.apiRequests(), 'Event ID');
	});
});

describe('Broadcast → Get, Archive, Cancel', () => {
	const ctx = useSandbox();
	const fixtures = () => ctx.sandbox.fixtures.broadcasts;

	test('Get reads the broadcast picked from the list', async () => {
		const id = fixtures().large;
		const result = await ctx.run(broadcastOp('get', { broadcastId: locator(id) }));
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/broadcasts/${id}`, query: {} });
		expect(request.body).toBeNull();
		expect(result.items).toEqual([
			expect.objectContaining({ id, status: 'sent', stats: expect.any(Object), whats_app_template: expect.any(Object) }),
		]);
	});

	test('Archive (by ID) and Cancel send PATCH to their paths and output the updated broadcast', async () => {
		const sent = fixtures().sent[1];
		let result = await ctx.run(broadcastOp('archive', { broadcastId: locator(` ${sent} `, 'id') }));
		expect(result.error).toBeUndefined();
		const scheduled = fixtures().scheduled[0];
		result = await ctx.run(broadcastOp('cancel', { broadcastId: locator(scheduled) }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', `/api/v1/broadcasts/${sent}/archive`, null],
			['PATCH', `/api/v1/broadcasts/${scheduled}/cancel`, null],
		]);
		expect(result.items).toEqual([expect.objectContaining({ id: scheduled, status: 'canceled' })]);
		expect(ctx.sandbox.state.broadcasts.find((b) => b.id === sent).status).toBe('archived');
	});

	test("Peach's refusal (cancel a sent broadcast) and an unknown ID come back as readable errors", async () => {
		let result = await ctx.run(broadcastOp('cancel', { broadcastId: locator(fixtures().sent[0]) }));
		expect(result.error.message).toMatch(/^Peach rejected the request \(422\): status can't cancel a broadcast that is sent/);
		result = await ctx.run(broadcastOp('get', { broadcastId: locator('cmp_doesnotexist', 'id') }));
		expect(result.error.message).toMatch(/^Peach has no broadcast with ID "cmp_doesnotexist"/);
		expect(result.error.description).toMatch(/Broadcast IDs start with cmp_/);
	});

	test('an ID that is not a broadcast ID fails before anything is sent, for each of the three', async () => {
		for (const operation of ['get', 'archive', 'cancel']) {
			ctx.sandbox.clearRequests();
			const result = await ctx.run(broadcastOp(operation, { broadcastId: locator('={{ "wat_abc" }}', 'id') }));
			expectInputError(result, ctx.apiRequests(), 'Broadcast');
			expect(result.error.message).toBe('Broadcast: "wat_abc" is not a broadcast ID [item 0]');
		}
	});
});
