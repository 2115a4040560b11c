/**
 * The Polling Trigger's cursor through n8n-core's real poll path (PollTriggerExecutor, PollContext,
 * static data persisted between polls), against the sandbox, in both of n8n's persistence modes:
 * nothing old on activation, every new record once, same-instant records across a poll boundary,
 * a backlog larger than the cap, a poll failing on page 2, and the manual test leaving the cursor.
 */
const { usePolling } = require('./setup');

const ctx = usePolling();
const JOHN = '+919988776655';
const ALFRED = '+13309106536';
const inbound = { event: 'newInboundMessage' };

const ids = (items) => items.map((item) => item.id);

describe.each(['memory', 'durable'])('New Inbound Message, %s persistence', (persistence) => {
	test('the first activation emits nothing old and starts the cursor at now (UTC)', async () => {
		const before = ctx.now();
		const poller = ctx.poller(inbound, persistence);
		const activation = await poller.activate();
		expect(activation).toMatchObject({ items: [], executions: 0, error: undefined });
		// The seed holds 200 inbound messages; the activation does not even ask for them.
		expect(ctx.requestsTo('/api/v1/messages')).toHaveLength(0);
		const first = await poller.poll();
		expect(first).toMatchObject({ items: [], executions: 0, error: undefined });
		const state = poller.storedState();
		expect(state.cursor).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Date.parse(state.cursor)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(state.cursor)).toBeLessThanOrEqual(ctx.now());
	});

	test('records injected over time are emitted once each, oldest first, one execution per poll with news', async () => {
		const { poller } = await ctx.activate(inbound, persistence);
		const a = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, text: 'Is this in stock?' });
		const first = await poller.poll();
		expect(ids(first.items)).toEqual([a.id]);
		expect(first.executions).toBe(1);

		await ctx.tick();
		const b = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED, text: 'Hello' });
		await ctx.tick();
		const c = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, text: 'Size M please' });
		const second = await poller.poll();
		expect(ids(second.items)).toEqual([b.id, c.id]);

		const third = await poller.poll();
		expect(third).toMatchObject({ items: [], executions: 0 });
		expect(poller.executions.flat().map((item) => item.id)).toEqual([a.id, b.id, c.id]);
	});

	test('a record sharing the cursor instant that arrives after the poll is still emitted, once', async () => {
		const { poller } = await ctx.activate(inbound, persistence);
		const at = ctx.now() + 1;
		await ctx.untilDue(at);
		const a = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, at });
		expect(ids((await poller.poll()).items)).toEqual([a.id]);
		expect(poller.storedState()).toMatchObject({ cursor: new Date(at).toISOString(), seenAtCursor: [a.id] });
		// Peach stores B with the same instant, but only after that poll read the list.
		const b = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED, at });
		expect(ids((await poller.poll()).items)).toEqual([b.id]);
		expect(poller.storedState().seenAtCursor).toEqual([a.id, b.id]);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('two records with one instant split by the cap across polls are both emitted once', async () => {
		const parameters = { ...inbound, options: { maxRecordsPerPoll: 1 } };
		const { poller } = await ctx.activate(parameters, persistence);
		const at = ctx.now() + 1;
		await ctx.untilDue(at);
		const a = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, at });
		const b = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED, at });
		const first = await poller.poll();
		const second = await poller.poll();
		const third = await poller.poll();
		expect(first.items).toHaveLength(1);
		expect(second.items).toHaveLength(1);
		expect([...ids(first.items), ...ids(second.items)].sort()).toEqual([a.id, b.id].sort());
		expect(third.items).toEqual([]);
	});

	test('2,500 new records come out in full across polls, 1,000 per poll (the cap), none twice', async () => {
		const { poller } = await ctx.activate({ ...inbound, options: { maxRecordsPerPoll: 1000 } }, persistence);
		const start = ctx.now() + 1;
		const injected = [];
		// Three records per instant, 4 ms apart: the cap falls inside such groups (records 999 and 1,999).
		for (let i = 0; i < 2500; i++) {
			injected.push(ctx.sandbox.receiveMessage({ phoneNumber: i % 2 ? JOHN : ALFRED, at: start + 4 * Math.floor(i / 3) }).id);
		}
		await ctx.untilDue(start + 4 * Math.floor(2499 / 3));
		ctx.sandbox.clearRequests();
		const polls = [];
		for (let i = 0; i < 4; i++) polls.push(await poller.poll());
		expect(polls.map((poll) => poll.items.length)).toEqual([1000, 1000, 500, 0]);
		const emitted = polls.flatMap((poll) => ids(poll.items));
		expect(new Set(emitted).size).toBe(2500);
		expect(emitted).toEqual(injected);
		// Each poll reads from a second before its cursor (whether Peach's filter includes the instant
		// is not documented), 1,000 per page: 3, 3, 2 and 1 requests.
		const requests = ctx.requestsTo('/api/v1/messages');
		expect(requests.map((request) => request.query.page)).toEqual(['1', '2', '3', '1', '2', '3', '1', '2', '1']);
		expect(requests.every((request) => request.query.per_page === '1000' && request.query.per === undefined)).toBe(true);
	});

	test('a poll failing on page 2 emits nothing and keeps the cursor; the next poll emits every record once', async () => {
		const { poller } = await ctx.activate({ ...inbound, options: { maxRecordsPerPoll: 5000 } }, persistence);
		const injected = [];
		const start = ctx.now() + 1;
		for (let i = 0; i < 1500; i++) injected.push(ctx.sandbox.receiveMessage({ phoneNumber: JOHN, at: start + i }).id);
		await ctx.untilDue(start + 1499);
		const before = poller.storedState();
		// Reads are tried four times after a 5xx, so page 2 fails four times for the poll to fail.
		ctx.sandbox.fault('GET /api/v1/messages', { status: 500, times: 4, query: { page: '2' } });

		const failed = await poller.poll();
		expect(failed.items).toEqual([]);
		expect(failed.executions).toBe(0);
		expect(failed.error.message).toMatch(/Peach is failing to answer \(500/);
		expect(poller.failures).toHaveLength(1);
		expect(poller.storedState()).toEqual(before);

		const retried = await poller.poll();
		expect(retried.error).toBeUndefined();
		expect(ids(retried.items)).toEqual(injected);
		expect((await poller.poll()).items).toEqual([]);
		expect(poller.executions.flat()).toHaveLength(1500);
	});

	test('"Fetch Test Event" returns the latest matching record and leaves the cursor where it was', async () => {
		const { poller } = await ctx.activate(inbound, persistence);
		const a = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, text: 'first' });
		await ctx.tick();
		const b = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED, text: 'latest' });
		const before = poller.storedState();

		const test = await poller.fetchTestEvent();
		expect(test.error).toBeUndefined();
		expect(test.items).toHaveLength(1);
		expect(test.items[0]).toMatchObject({ id: b.id, text: 'latest', contact: { phone_number: ALFRED } });
		expect(poller.storedState()).toEqual(before);

		// The production poll still emits both: the manual run moved nothing.
		expect(ids((await poller.poll()).items)).toEqual([a.id, b.id]);
	});
});
