/**
 * One New Inbound Message poll in a process of its own, so the host zone (TZ) is the one this
 * process started with: jest gives each test file a copy of process.env, and setting TZ there does
 * not reach Node's Date. Peach answers six messages whose created_at has no zone; the result
 * (emitted IDs, stored cursor, error, the messages' UTC instants) is printed as JSON.
 */
const { startSandbox } = require('../../tools/sandbox');
const { createPoller } = require('../harness/poll');

const HOLD_BACK_MS = require('../../dist/nodes/PeachPollingTrigger/window.js').HOLD_BACK_MS ?? 0;

/**
 * A conversation created after the cursor, its created_at without a zone, first seen by a
 * Conversation Updated poll: it is new, so its changes say "opened".
 */
async function newConversation(sandbox) {
	const poller = createPoller({
		parameters: { event: 'conversationUpdated' },
		credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
	});
	await poller.activate();
	const second = Math.ceil((Date.parse(poller.storedState().cursor) + 1) / 1000) * 1000;
	const createdAt = new Date(second).toISOString().slice(0, 19).replace('T', ' ');
	const conversation = { id: 501, status: 'open', escalated: false, created_at: createdAt, updated_at: new Date(second).toISOString() };
	while (Date.now() - HOLD_BACK_MS < second) await new Promise((resolve) => setTimeout(resolve, 20));
	sandbox.fault('GET /api/v1/conversations', { status: 200, times: 1, body: { count: 1, next: null, previous: null, conversations: [conversation] } });
	const { items, error } = await poller.poll();
	return {
		zoneOffsetMinutes: new Date(second).getTimezoneOffset(),
		createdAt,
		emitted: items.map((item) => ({ id: item.id, changes: item.changes })),
		error: error ? error.message : null,
	};
}

async function main() {
	const sandbox = await startSandbox({ port: 0 });
	if (process.argv[2] === 'conversation') {
		try {
			process.stdout.write(JSON.stringify(await newConversation(sandbox)));
		} finally {
			await sandbox.close();
		}
		return;
	}
	try {
		const poller = createPoller({
			parameters: { event: 'newInboundMessage' },
			credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
		});
		await poller.activate();
		// A whole second after the cursor, so the formats without milliseconds are after it too.
		const second = Math.ceil((Date.parse(poller.storedState().cursor) + 1) / 1000) * 1000;
		const text = (ms) => new Date(ms).toISOString().replace('Z', '');
		const createdAt = [
			text(second).slice(0, 19).replace('T', ' '), // 2026-12-04 10:00:00
			text(second).slice(0, 19), // 2026-12-04T10:00:00
			text(second + 1).replace('T', ' '), // 2026-12-04 10:00:00.001
			text(second + 2), // 2026-12-04T10:00:00.002
			text(second + 3).replace('T', ' ').slice(0, 19), // 2026-12-04 10:00:00 (of second + 3 ms)
			text(second + 4), // 2026-12-04T10:00:00.004
		];
		const messages = createdAt.map((created_at, i) => ({
			id: `tz${i + 1}`,
			direction: 'inbound',
			text: `message ${i + 1}`,
			content_type: 'text',
			conversation_id: 7,
			created_at,
			author: { type: 'contact', name: 'John Doe', phone_number: '+919988776655' },
		}));
		while (Date.now() - HOLD_BACK_MS < second + 4) await new Promise((resolve) => setTimeout(resolve, 20));
		sandbox.fault('GET /api/v1/messages', { status: 200, times: 1, body: { count: 6, next: null, previous: null, messages } });
		const { items, error } = await poller.poll();
		process.stdout.write(
			JSON.stringify({
				zoneOffsetMinutes: new Date(second).getTimezoneOffset(),
				second: new Date(second).toISOString(),
				createdAt,
				emitted: items.map((item) => item.id),
				cursor: poller.storedState().cursor,
				error: error ? error.message : null,
			}),
		);
	} finally {
		await sandbox.close();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(String(error && error.stack));
		process.exit(1);
	},
);
