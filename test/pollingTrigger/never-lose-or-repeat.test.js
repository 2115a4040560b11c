/**
 * Records the Polling Trigger must neither lose nor emit twice, through n8n-core's real poll path
 * against the sandbox: records dated in the future, overlapping polls and polls that run too long,
 * a `next` link back to a page already read, timestamps without a zone under a non-UTC host zone,
 * records without timestamp or id (and a null in the list), and a `from` filter Peach ignores.
 */
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const { usePolling } = require('./setup');

const execFileAsync = promisify(execFile);
const fromN8nCore = (name) => require(require.resolve(name, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromN8nCore('@n8n/di');
const { Logger } = fromN8nCore('@n8n/backend-common');

const ctx = usePolling();
const JOHN = '+919988776655';
const ALFRED = '+13309106536';
const inbound = { event: 'newInboundMessage' };
const MESSAGES = 'GET /api/v1/messages';

const ids = (items) => items.map((item) => item.id);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A message as Peach lists it, dated `at` (ms, or the text Peach would send). */
function message(id, at, extra = {}) {
	return {
		id,
		direction: 'inbound',
		text: `message ${id}`,
		content_type: 'text',
		conversation_id: 7,
		created_at: typeof at === 'number' ? new Date(at).toISOString() : at,
		author: { type: 'contact', name: 'John Doe', phone_number: JOHN },
		...extra,
	};
}

/** One page of GET /api/v1/messages as Peach answers it; `nextPage` null on the last page. */
function page(messages, nextPage) {
	const next = nextPage ? `${ctx.sandbox.url}/api/v1/messages?direction=inbound&page=${nextPage}&per_page=1000` : null;
	return { count: messages.length, next, previous: null, messages };
}

describe('records dated in the future', () => {
	test('do not move the cursor past now: later records are still emitted, and a held-back record comes out once its time has come', async () => {
		const { poller } = await ctx.activate(inbound);
		const inTwoMinutes = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, at: Date.now() + 2 * 60_000 });
		const tomorrow = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, at: Date.now() + 24 * 3600_000 });
		const soon = Date.now() + 1000;
		const inASecond = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED, at: soon });
		const now = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED });

		expect(ids((await poller.poll()).items)).toEqual([now.id]);
		expect(Date.parse(poller.storedState().cursor)).toBeLessThanOrEqual(Date.now());

		const later = ctx.sandbox.receiveMessage({ phoneNumber: JOHN });
		await ctx.untilDue(soon);
		expect(ids((await poller.poll()).items)).toEqual([later.id, inASecond.id]);
		expect((await poller.poll()).items).toEqual([]);
		const emitted = poller.executions.flat().map((item) => item.id);
		expect(emitted).toEqual([now.id, later.id, inASecond.id]);
		expect(emitted).not.toContain(inTwoMinutes.id);
		expect(emitted).not.toContain(tomorrow.id);
		expect(Date.parse(poller.storedState().cursor)).toBeLessThanOrEqual(Date.now());
	});
});

describe('polls that overlap or run long', () => {
	test('a poll that starts while the previous one is still running emits nothing new: every record comes out once', async () => {
		const { poller } = await ctx.activate(inbound);
		const injected = [JOHN, ALFRED, JOHN].map((phoneNumber) => ctx.sandbox.receiveMessage({ phoneNumber }).id);
		// The first poll's answer takes 1.5 s; n8n starts the next poll on its tick regardless.
		ctx.sandbox.fault(MESSAGES, { delayMs: 1500, times: 1 });
		const slow = poller.poll();
		// The next tick comes while Peach is still answering the first poll's request.
		while (ctx.requestsTo('/api/v1/messages').length === 0) await pause(20);
		const overlapping = poller.poll();
		await Promise.all([slow, overlapping]);

		expect(poller.failures).toEqual([]);
		expect(poller.executions.map(ids)).toEqual([injected]);
		expect((await poller.poll()).items).toEqual([]);
		expect(poller.executions.flat()).toHaveLength(3);
	});

	test('a poll still waiting for Peach when the next one is due fails clearly, emits nothing and keeps the cursor', async () => {
		// Two Poll Times 5 seconds apart: each poll gets 90% of that, 4.5 s.
		const pollTimes = {
			item: [
				{ mode: 'custom', cronExpression: '0 * * * * *' },
				{ mode: 'custom', cronExpression: '5 * * * * *' },
			],
		};
		const { poller } = await ctx.activate({ ...inbound, pollTimes });
		const injected = [JOHN, ALFRED].map((phoneNumber) => ctx.sandbox.receiveMessage({ phoneNumber }).id);
		const before = poller.storedState();
		ctx.sandbox.fault(MESSAGES, { delayMs: 8000, times: 1 });

		const started = Date.now();
		const slow = await poller.poll();
		expect(slow.items).toEqual([]);
		expect(slow.error.message).toBe(
			'This poll stopped after 4.5 seconds, before the next scheduled poll: Peach answered too slowly',
		);
		expect(Date.now() - started).toBeLessThan(7500);
		expect(poller.storedState()).toEqual(before);

		expect(ids((await poller.poll()).items)).toEqual(injected);
		expect(poller.executions.flat()).toHaveLength(2);
	});
});

test('a next link back to a page already read fails the poll and keeps the cursor; the next poll emits every record once', async () => {
	const { poller } = await ctx.activate({ ...inbound, options: { maxRecordsPerPoll: 5000 } });
	const start = ctx.now() + 1;
	const injected = [];
	for (let i = 0; i < 1500; i++) injected.push(ctx.sandbox.receiveMessage({ phoneNumber: JOHN, at: start + i }).id);
	await ctx.untilDue(start + 1499);
	const before = poller.storedState();
	// Page 1 as Peach lists it (the 1,000 newest), but its next link points at page 1 again.
	const firstPage = await (
		await fetch(`${ctx.sandbox.url}/api/v1/messages?direction=inbound&page=1&per_page=1000`, {
			headers: { authorization: ctx.sandbox.apiKey },
		})
	).json();
	ctx.sandbox.fault(MESSAGES, { status: 200, times: 1, query: { page: '1' }, body: { ...firstPage, next: page([], 1).next } });

	const looping = await poller.poll();
	expect(looping.items).toEqual([]);
	expect(looping.error.message).toBe('Stopped reading messages: the next link of page 1 points back to page 1, already read');
	expect(poller.storedState()).toEqual(before);

	const retried = await poller.poll();
	expect(retried.error).toBeUndefined();
	expect(ids(retried.items)).toEqual(injected);
	expect((await poller.poll()).items).toEqual([]);
});

test('timestamps without a zone are read as UTC, as Peach writes them, on a host in Asia/Kolkata (UTC+5:30)', async () => {
	// In a process of its own: the zone of a jest test file cannot be changed from inside it.
	const { stdout } = await execFileAsync(process.execPath, [path.join(__dirname, 'poll-in-zone.js')], {
		env: { ...process.env, TZ: 'Asia/Kolkata' },
	});
	const result = JSON.parse(stdout);
	expect(result.zoneOffsetMinutes).toBe(-330);
	expect(result.createdAt.every((text) => /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d{3})?$/.test(text))).toBe(true);
	expect(result.error).toBeNull();
	expect(result.emitted).toEqual(['tz1', 'tz2', 'tz5', 'tz3', 'tz4', 'tz6']);
	expect(result.cursor).toBe(new Date(Date.parse(result.second) + 4).toISOString());
});

test('a conversation created_at without a zone is read as UTC on a host in Asia/Kolkata: a new conversation reports "opened"', async () => {
	const { stdout } = await execFileAsync(process.execPath, [path.join(__dirname, 'poll-in-zone.js'), 'conversation'], {
		env: { ...process.env, TZ: 'Asia/Kolkata' },
	});
	const result = JSON.parse(stdout);
	expect(result.zoneOffsetMinutes).toBe(-330);
	expect(result.createdAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	expect(result.error).toBeNull();
	expect(result.emitted).toEqual([{ id: 501, changes: ['opened'] }]);
});

test('records without a timestamp are skipped, records without id are told apart by content, a null entry is skipped: five polls, each record once', async () => {
	// n8n's logger as the node's this.logger reaches it, with warn recorded (n8n makes the silent
	// logger's methods read-only, so a stand-in inherits from it).
	const logger = Container.get(Logger);
	const warnings = [];
	const recording = Object.defineProperty(Object.create(logger), 'warn', { value: (text) => warnings.push(text) });
	Container.set(Logger, recording);
	const polls = [];
	try {
		const { poller } = await ctx.activate(inbound);
		const at = ctx.now() + 1;
		await ctx.untilDue(at + 2);
		const { id: _noId, ...withoutId } = message('x', at + 1);
		const { created_at: _noTime, ...undated } = message('undated', at);
		const records = [
			message('dated', at),
			undated,
			{ ...withoutId, text: 'first without id' },
			{ ...withoutId, text: 'second without id' },
			null,
		];
		// Peach answers the same list on every poll.
		ctx.sandbox.fault(MESSAGES, { status: 200, body: page(records, null) });
		for (let i = 0; i < 5; i++) polls.push(await poller.poll());
		expect(poller.executions).toHaveLength(1);
	} finally {
		Container.set(Logger, logger);
	}
	expect(polls.map((poll) => poll.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
	const [first, ...withoutIds] = polls[0].items.map((item) => item.id ?? item.text);
	expect(first).toBe('dated');
	expect(withoutIds.sort()).toEqual(['first without id', 'second without id']);
	expect(polls.slice(1).map((poll) => poll.items)).toEqual([[], [], [], []]);
	expect(warnings.filter((text) => /skipped 1 of Peach's messages with no readable "created_at"/.test(text))).toHaveLength(5);
	expect(warnings.filter((text) => /skipped 1 entries of messages page 1 that are not records/.test(text))).toHaveLength(5);
	expect(warnings.join('\n')).not.toContain(ctx.sandbox.apiKey);
});

describe('New Inbound Message when Peach ignores `from`', () => {
	/** Peach answering three pages whatever `from` says, each page through its own fault. */
	function answerPages(pages) {
		pages.forEach((records, index) => {
			const nextPage = index + 1 < pages.length ? index + 2 : null;
			ctx.sandbox.fault(MESSAGES, { status: 200, query: { page: String(index + 1) }, body: page(records, nextPage) });
		});
	}

	test('newest first: reading stops at the first page entirely older than the cursor, and the new records are emitted', async () => {
		const { poller } = await ctx.activate(inbound);
		const cursor = Date.parse(poller.storedState().cursor);
		const at = ctx.now() + 1;
		await ctx.untilDue(at + 1);
		const old = (n, offset) => Array.from({ length: n }, (_, i) => message(`old-${offset + i}`, cursor - 60_000 * (offset + i + 1)));
		answerPages([[message('new-2', at + 1), message('new-1', at), ...old(2, 0)], old(3, 2), old(3, 5)]);

		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(['new-1', 'new-2']);
		const requests = ctx.requestsTo('/api/v1/messages');
		expect(requests.map((request) => request.query.page)).toEqual(['1', '2']);
		expect(requests[0].query).toEqual({
			direction: 'inbound',
			from: new Date(cursor - 1000).toISOString(),
			page: '1',
			per_page: '1000',
		});
	});

	test('oldest first: every page is read, so the new records on the last page are not lost', async () => {
		const { poller } = await ctx.activate(inbound);
		const cursor = Date.parse(poller.storedState().cursor);
		const at = ctx.now() + 1;
		await ctx.untilDue(at + 1);
		const old = (n, offset) => Array.from({ length: n }, (_, i) => message(`old-${offset + i}`, cursor - 60_000 * (10 - offset - i)));
		answerPages([old(3, 0), old(3, 3), [...old(2, 6), message('new-1', at), message('new-2', at + 1)]]);

		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(['new-1', 'new-2']);
		expect(ctx.requestsTo('/api/v1/messages').map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});
});
