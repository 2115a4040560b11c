/**
 * Drop Duplicate Deliveries: a repeat of the same event (type, object id, status) within the window
 * is acknowledged and ignored; after the window it passes again; the memory stays bounded.
 * The fake context saves and reloads static data as JSON between requests, as n8n does.
 */
const { createTrigger, NODE_NAME } = require('./fake-webhook-context');
const { WEBHOOK_EVENTS, DOCUMENTED_VARIANTS } = require('./fixtures');
const {
	isRepeatDelivery,
	MAX_REMEMBERED_EVENTS,
	SEEN_EVENTS_KEY,
	STATIC_DATA_WRITE_INTERVAL_MS,
	writeToStaticData,
} = require('../../dist/nodes/PeachTrigger/deduplicate.js');

const START = new Date('2026-11-24T10:00:00Z').getTime();
const WINDOW_SECONDS = 300;
const PARAMETERS = { dropDuplicates: true, duplicateWindow: WINDOW_SECONDS };

function remembered(trigger) {
	const nodeData = trigger.savedStaticData[`node:${NODE_NAME}`] || {};
	const seen = nodeData[SEEN_EVENTS_KEY];
	if (!seen) return 0;
	expect(seen.times).toHaveLength(seen.keys.length);
	return seen.keys.length;
}

function expectDropped(outcome) {
	expect(outcome.started).toBe(false);
	expect(outcome.answer.status).toBe(200);
	expect(outcome.answer.body).toMatchObject({ received: true, ignored: 'repeat delivery within the duplicate window' });
}

describe('Peach Trigger: duplicate deliveries', () => {
	beforeEach(() => {
		jest.useFakeTimers({ now: START });
	});
	afterEach(() => {
		jest.useRealTimers();
	});

	test('on by default in version 2: a repeat of every event with an identity is dropped with no setting touched', async () => {
		const trigger = createTrigger({ version: 2 });
		const withIdentity = Object.entries(WEBHOOK_EVENTS).filter(([type]) => !type.startsWith('ai_flow_execution.'));
		for (const [index, [type, payload]] of withIdentity.entries()) {
			// A second apart, so that every event is also written to the static data.
			jest.setSystemTime(START + index * STATIC_DATA_WRITE_INTERVAL_MS);
			expect((await trigger.deliver({ body: payload })).started).toBe(true);
			const repeat = await trigger.deliver({ body: payload });
			expect({ type, started: repeat.started }).toEqual({ type, started: false });
			expectDropped(repeat);
		}
		expect(remembered(trigger)).toBe(withIdentity.length);
	});

	test('a repeat is dropped even when n8n does not save the static data between deliveries', async () => {
		const trigger = createTrigger({ version: 2, persistence: 'lost' });
		for (const payload of [WEBHOOK_EVENTS['order.completed'], WEBHOOK_EVENTS['message_delivery.failed']]) {
			expect((await trigger.deliver({ body: payload })).started).toBe(true);
			expectDropped(await trigger.deliver({ body: payload }));
		}
		// Nothing reached the stored static data: the process kept the memory.
		expect(remembered(trigger)).toBe(0);
	});

	test('a burst costs n8n one static data save a second, and each save holds every event seen by then', async () => {
		const trigger = createTrigger({ version: 2 });
		const base = WEBHOOK_EVENTS['message_delivery.delivered'];
		const delivery = (i) => ({ ...base, data: { ...base.data, message: { ...base.data.message, id: `cmsg_${i}` } } });
		for (let i = 0; i < 10; i++) {
			jest.setSystemTime(START + i * 10);
			expect((await trigger.deliver({ body: delivery(i) })).started).toBe(true);
		}
		// The first event was written at once; the nine after it within the same second were not.
		expect(trigger.saves).toBe(1);
		expect(remembered(trigger)).toBe(1);
		// Repeats of the unwritten ones are still dropped: the process remembers them.
		expectDropped(await trigger.deliver({ body: delivery(9) }));

		jest.setSystemTime(START + STATIC_DATA_WRITE_INTERVAL_MS);
		expect((await trigger.deliver({ body: delivery(10) })).started).toBe(true);
		expect(trigger.saves).toBe(2);
		expect(remembered(trigger)).toBe(11);
	});

	test('another process (or a restart) drops a repeat once the static data was written', async () => {
		const first = createTrigger({ version: 2 });
		const base = WEBHOOK_EVENTS['order.completed'];
		const orders = [1, 2, 3].map((i) => ({ ...base, data: { ...base.data, id: `order_${i}` } }));
		for (const order of orders) expect((await first.deliver({ body: order })).started).toBe(true);
		jest.setSystemTime(START + STATIC_DATA_WRITE_INTERVAL_MS);
		expect((await first.deliver({ body: WEBHOOK_EVENTS['order.canceled'] })).started).toBe(true);

		// A process with an empty memory of its own, reading the same stored static data.
		const second = createTrigger({ version: 2, staticData: first.savedStaticData });
		for (const order of orders) expectDropped(await second.deliver({ body: order }));
		expectDropped(await second.deliver({ body: WEBHOOK_EVENTS['order.canceled'] }));
		expect((await second.deliver({ body: { ...base, data: { ...base.data, id: 'order_4' } } })).started).toBe(true);
	});

	test('version 1 keeps its default (off), so existing workflows behave as before', async () => {
		const trigger = createTrigger({ version: 1 });
		expect((await trigger.deliver({ body: WEBHOOK_EVENTS['order.completed'] })).started).toBe(true);
		expect((await trigger.deliver({ body: WEBHOOK_EVENTS['order.completed'] })).started).toBe(true);
		expect(trigger.saves).toBe(0);
	});

	test('a repeat within the window is dropped; after the window it passes again', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const payload = WEBHOOK_EVENTS['message_delivery.failed'];

		expect((await trigger.deliver({ body: payload })).started).toBe(true);
		expect(trigger.saves).toBe(1);

		jest.setSystemTime(START + 10 * 1000);
		expectDropped(await trigger.deliver({ body: payload }));

		jest.setSystemTime(START + (WINDOW_SECONDS - 1) * 1000);
		expectDropped(await trigger.deliver({ body: payload }));

		// The window counts from the first delivery: the repeats did not extend it.
		jest.setSystemTime(START + WINDOW_SECONDS * 1000);
		expect((await trigger.deliver({ body: payload })).started).toBe(true);

		jest.setSystemTime(START + (WINDOW_SECONDS + 1) * 1000);
		expectDropped(await trigger.deliver({ body: payload }));
	});

	test('the window is the Duplicate Window parameter', async () => {
		const trigger = createTrigger({ parameters: { dropDuplicates: true, duplicateWindow: 5 } });
		const payload = WEBHOOK_EVENTS['order.completed'];
		expect((await trigger.deliver({ body: payload })).started).toBe(true);
		jest.setSystemTime(START + 4000);
		expectDropped(await trigger.deliver({ body: payload }));
		jest.setSystemTime(START + 5000);
		expect((await trigger.deliver({ body: payload })).started).toBe(true);
	});

	test('same object, different status is not a repeat (sent then delivered then failed)', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		for (const type of ['message_delivery.sent', 'message_delivery.delivered', 'message_delivery.failed']) {
			expect((await trigger.deliver({ body: WEBHOOK_EVENTS[type] })).started).toBe(true);
		}
		for (const type of ['message_delivery.sent', 'message_delivery.delivered', 'message_delivery.failed']) {
			expectDropped(await trigger.deliver({ body: WEBHOOK_EVENTS[type] }));
		}
	});

	test('the docs\' "delivered typed as sent" is a repeat of a properly typed delivered event', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		expect((await trigger.deliver({ body: WEBHOOK_EVENTS['message_delivery.delivered'] })).started).toBe(true);
		expectDropped(await trigger.deliver({ body: DOCUMENTED_VARIANTS.deliveredTypedAsSent }));
	});

	test('different objects with the same status are not repeats', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const first = WEBHOOK_EVENTS['message_delivery.failed'];
		const second = { ...first, data: { ...first.data, message: { ...first.data.message, id: 'cmsg_5678efgh' } } };
		expect((await trigger.deliver({ body: first })).started).toBe(true);
		expect((await trigger.deliver({ body: second })).started).toBe(true);
	});

	test('a session message id 1 and a template message id "1" are different objects', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const session = DOCUMENTED_VARIANTS.sessionSent;
		const template = { ...session, data: { ...session.data, message: { ...session.data.message, id: '1', type: 'template_message' } } };
		expect((await trigger.deliver({ body: session })).started).toBe(true);
		expect((await trigger.deliver({ body: template })).started).toBe(true);
	});

	test('orders and flow executions are deduplicated by their id and status', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		for (const type of ['order.completed', 'flow_execution.pending', 'flow_execution.completed']) {
			expect((await trigger.deliver({ body: WEBHOOK_EVENTS[type] })).started).toBe(true);
			expectDropped(await trigger.deliver({ body: WEBHOOK_EVENTS[type] }));
		}
	});

	test('AI agent events name only the agent: two runs of one agent within the window both start', async () => {
		const trigger = createTrigger({ version: 2 });
		for (const type of ['ai_flow_execution.started', 'ai_flow_execution.completed', 'ai_agent_execution.started']) {
			const payload = { ...WEBHOOK_EVENTS[type.replace('ai_agent_execution.', 'ai_flow_execution.')], type };
			const first = await trigger.deliver({ body: payload });
			const second = await trigger.deliver({ body: payload });
			expect({ type, started: [first.started, second.started] }).toEqual({ type, started: [true, true] });
			expect(second.items[0]).toMatchObject({ event: type.replace('ai_agent_execution.', 'ai_flow_execution.'), aiAgentId: payload.data.id });
		}
		// Nothing was remembered for them, so the memory is not filled with keys that can never match.
		expect(remembered(trigger)).toBe(0);
	});

	test('an event ID in the envelope is an identity of its own: its repeat drops, for AI agent events too', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const payload = { id: 'evt_1', ...WEBHOOK_EVENTS['ai_flow_execution.escalated'] };
		expect((await trigger.deliver({ body: payload })).started).toBe(true);
		expectDropped(await trigger.deliver({ body: payload }));
		expect((await trigger.deliver({ body: { ...payload, id: 'evt_2' } })).started).toBe(true);
	});

	test('unknown event types: a repeat drops when they carry an id, never when they carry none', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const withId = { type: 'payment_link.paid', data: { id: 'pl_1', amount: 100 } };
		expect((await trigger.deliver({ body: withId })).started).toBe(true);
		expectDropped(await trigger.deliver({ body: withId }));
		const withoutId = { type: 'account.updated', data: { plan: 'pro' } };
		expect((await trigger.deliver({ body: withoutId })).started).toBe(true);
		expect((await trigger.deliver({ body: withoutId })).started).toBe(true);
	});

	test('deliveries, orders and flow runs without their id are not dropped (nothing tells two of them apart)', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const delivery = WEBHOOK_EVENTS['message_delivery.failed'];
		const { id: _messageId, ...message } = delivery.data.message;
		const { id: _orderId, ...order } = WEBHOOK_EVENTS['order.completed'].data;
		for (const payload of [
			{ ...delivery, data: { ...delivery.data, message } },
			{ ...WEBHOOK_EVENTS['order.completed'], data: order },
		]) {
			expect((await trigger.deliver({ body: payload })).started).toBe(true);
			expect((await trigger.deliver({ body: payload })).started).toBe(true);
		}
	});

	test('ignored events (not selected, filtered out) are not remembered', async () => {
		const trigger = createTrigger({ parameters: { ...PARAMETERS, events: ['order.completed'] } });
		await trigger.deliver({ body: WEBHOOK_EVENTS['message_delivery.failed'] });
		expect(remembered(trigger)).toBe(0);
	});

	test('old entries are forgotten once the window has passed', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		await trigger.deliver({ body: WEBHOOK_EVENTS['order.completed'] });
		jest.setSystemTime(START + STATIC_DATA_WRITE_INTERVAL_MS);
		await trigger.deliver({ body: WEBHOOK_EVENTS['order.canceled'] });
		expect(remembered(trigger)).toBe(2);
		jest.setSystemTime(START + STATIC_DATA_WRITE_INTERVAL_MS + WINDOW_SECONDS * 1000 + 1);
		await trigger.deliver({ body: WEBHOOK_EVENTS['flow_execution.pending'] });
		expect(remembered(trigger)).toBe(1);
	});

	test(`the memory bound holds after 100,000 distinct events (at most ${MAX_REMEMBERED_EVENTS} remembered)`, async () => {
		const trigger = createTrigger({
			parameters: { dropDuplicates: true, duplicateWindow: 24 * 3600 },
			persistence: 'memory',
		});
		const base = WEBHOOK_EVENTS['message_delivery.failed'];
		const delivery = (i) => ({ ...base, data: { ...base.data, message: { ...base.data.message, id: `cmsg_${i}` } } });

		let started = 0;
		for (let i = 0; i < 100000; i++) {
			jest.setSystemTime(START + i);
			const outcome = await trigger.deliver({ body: delivery(i) });
			if (outcome.started) started++;
			if (i % 25000 === 0) expect(remembered(trigger)).toBeLessThanOrEqual(MAX_REMEMBERED_EVENTS);
		}
		expect(started).toBe(100000);
		expect(remembered(trigger)).toBe(MAX_REMEMBERED_EVENTS);
		// Fixed-size entries: the saved static data stays small whatever the ids look like.
		expect(JSON.stringify(trigger.savedStaticData).length).toBeLessThan(MAX_REMEMBERED_EVENTS * 60);

		// The most recent events are still recognised; the oldest were evicted.
		expectDropped(await trigger.deliver({ body: delivery(99999) }));
		expectDropped(await trigger.deliver({ body: delivery(100000 - MAX_REMEMBERED_EVENTS) }));
		expect((await trigger.deliver({ body: delivery(0) })).started).toBe(true);
	}, 120000);

	test('huge ids do not grow the memory: keys are fixed-size hashes', async () => {
		const trigger = createTrigger({ parameters: PARAMETERS });
		const base = WEBHOOK_EVENTS['order.completed'];
		await trigger.deliver({ body: { ...base, data: { ...base.data, id: 'x'.repeat(100000) } } });
		expect(JSON.stringify(trigger.savedStaticData).length).toBeLessThan(200);
	});
});

describe('isRepeatDelivery (the bounded store itself)', () => {
	const keysOf = (store) => store[SEEN_EVENTS_KEY].keys;

	test('past the limit the oldest entry is forgotten first', () => {
		const store = {};
		for (const [key, time] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]]) {
			expect(isRepeatDelivery(store, key, 10000, time, 3)).toBe(false);
		}
		expect(keysOf(store)).toHaveLength(3);
		expect(isRepeatDelivery(store, 'd', 10000, 5, 3)).toBe(true);
		expect(isRepeatDelivery(store, 'b', 10000, 5, 3)).toBe(true);
		expect(isRepeatDelivery(store, 'a', 10000, 5, 3)).toBe(false); // 'a' was evicted
	});

	test('the store survives a JSON round trip, which is how n8n saves static data', () => {
		let store = {};
		isRepeatDelivery(store, 'a', 10000, 1);
		store = JSON.parse(JSON.stringify(store));
		expect(isRepeatDelivery(store, 'a', 10000, 2)).toBe(true);
	});

	test('a store edited beyond the limit is trimmed back to it', () => {
		const store = { [SEEN_EVENTS_KEY]: { keys: [], times: [] } };
		for (let i = 0; i < 50; i++) {
			store[SEEN_EVENTS_KEY].keys.push(`k${i}`);
			store[SEEN_EVENTS_KEY].times.push(100);
		}
		isRepeatDelivery(store, 'new', 1000, 200, 10);
		expect(keysOf(store)).toHaveLength(10);
	});

	test('an entry stored behind a newer one (clock set back) still expires', () => {
		const store = { [SEEN_EVENTS_KEY]: { keys: [], times: [] } };
		isRepeatDelivery(store, 'late', 1000, 5000);
		isRepeatDelivery(store, 'early', 1000, 4200); // clock went back 0.8 s
		expect(isRepeatDelivery(store, 'early', 1000, 5100)).toBe(true);
		expect(isRepeatDelivery(store, 'early', 1000, 5300)).toBe(false); // expired although it sits behind 'late'
	});

	test('corrupt entries and a corrupt store are replaced', () => {
		const store = { [SEEN_EVENTS_KEY]: { keys: ['x'], times: ['yesterday'] } };
		expect(isRepeatDelivery(store, 'k', 1000, 50)).toBe(false);
		expect(keysOf(store)).toHaveLength(1);
		for (const broken of [['not', 'a', 'map'], { keys: ['a'], times: [] }, 'text']) {
			const other = { [SEEN_EVENTS_KEY]: broken };
			expect(isRepeatDelivery(other, 'k', 1000, 50)).toBe(false);
			expect(isRepeatDelivery(other, 'k', 1000, 60)).toBe(true);
		}
	});
});

describe('writeToStaticData (the merge into stored static data)', () => {
	const seen = (pairs) => ({ [SEEN_EVENTS_KEY]: { keys: pairs.map(([k]) => k), times: pairs.map(([, t]) => t) } });

	test('keeps what another process stored, drops what expired, keeps the earliest time, caps the size', () => {
		const stored = seen([['old', 1000], ['other', 5000], ['both', 6000]]);
		const memory = seen([['both', 5500], ['mine', 7000], ['mine2', 8000]]);
		expect(writeToStaticData(memory, stored, 10000, 12000, 3)).toBe(true);
		// 'old' is 11 s old (window 10 s); of the four left, the three newest stay, in time order.
		expect(stored[SEEN_EVENTS_KEY]).toEqual({ keys: ['both', 'mine', 'mine2'], times: [5500, 7000, 8000] });
	});

	test('writes at most once per interval, then again once it has passed', () => {
		const memory = seen([['a', 100]]);
		const stored = {};
		expect(writeToStaticData(memory, stored, 10000, 100)).toBe(true);
		memory[SEEN_EVENTS_KEY].keys.push('b');
		memory[SEEN_EVENTS_KEY].times.push(200);
		expect(writeToStaticData(memory, stored, 10000, 200)).toBe(false);
		expect(stored[SEEN_EVENTS_KEY].keys).toEqual(['a']);
		expect(writeToStaticData(memory, stored, 10000, 100 + STATIC_DATA_WRITE_INTERVAL_MS)).toBe(true);
		expect(stored[SEEN_EVENTS_KEY].keys).toEqual(['a', 'b']);
	});
});
