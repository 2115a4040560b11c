'use strict';
// The package in n8n's queue mode (../queue.js): PostgreSQL, Redis, the main process, one worker
// and two webhook processes, each with the package installed in its own user folder. Runs on the
// pinned n8n 2.x only, to keep CI's time. What each case shows:
//   1. the Peach node's operations run on the worker: a file received by a webhook process (binary
//      data in PostgreSQL), uploaded to Peach, a template message sent, and a Return All list;
//   2. 1,000 signed events POSTed to a webhook process become exactly 1,000 executions on the
//      worker, none lost, none twice; 100 badly signed ones become none;
//   3. what Drop Duplicate Deliveries really does when an event reaches two webhook processes;
//   4. the Polling Trigger polls from the main process only, once per interval.
const crypto = require('crypto');
const util = require('util');
const { any, regex } = require('../expect');
const { makePng } = require('../../fixtures/files');
const { nodeItems, uuid } = require('../../../tools/n8n/n8n');

const JOHN = '+919988776655';
const SIGNATURE_HEADER = 'X-Peach-Signature';
const FILE_NAME = 'e2e-queue.png';
const PNG = makePng(12, 8);
const md5 = (buf) => crypto.createHash('md5').update(buf).digest('base64');
const SIGNED_EVENTS = 1000;
const BAD_EVENTS = 100;
const SENDERS = 20;
// Not a seeded contact, and not the one the single-process polling case uses.
const POLL_CUSTOMER = '+14155550177';

function exactly(actual, expected, label) {
	if (!util.isDeepStrictEqual(actual, expected)) {
		throw new Error(`${label}: expected exactly ${util.inspect(expected, { depth: 6 })}, got ${util.inspect(actual, { depth: 6 })}`);
	}
}

// Nodes connected one after the other, starting with the first (a trigger of any kind).
function chain(ctx, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	nodes.forEach((n, i) => (n.position = [i * 240, 0]));
	return { name, nodes, connections };
}

const triggerNode = (wf) => wf.nodes.find((n) => n.type.endsWith('.peachTrigger'));
const triggerPath = (wf) => `${triggerNode(wf).webhookId}/webhook`;

// A delivery status event for message `id` (the trigger's duplicate key is the message id).
const deliveryEvent = (id) => ({ data: { message: { id } } });

// Runs `fn(i)` for i in [0, n) with at most `width` calls in flight; returns the results in order.
async function pool(n, width, fn) {
	const results = new Array(n);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(width, n) }, async () => {
			while (next < n) {
				const i = next++;
				results[i] = await fn(i);
			}
		}),
	);
	return results;
}

async function allRecords(ctx, resource) {
	const out = [];
	for (let page = 1; ; page++) {
		const res = await fetch(`${ctx.sandbox.url}/api/v1/${resource}?page=${page}&per=100`, { headers: { Authorization: ctx.sandboxApiKey } });
		const body = await res.json();
		const list = body[resource] || body.data || [];
		out.push(...list);
		if (!list.length || !body.next) return out;
	}
}

const settle = (msWait) => new Promise((r) => setTimeout(r, msWait));

module.exports = [
	{
		kind: 'queue',
		versions: [2],
		name: 'queue mode: the Peach node runs on the worker (a file from a webhook process uploaded, a send, a Return All list)',
		requires: ['media:upload', 'templateMessage:send', 'conversation:getAll'],
		workflows: (ctx) => {
			ctx.opsPath = `peach-queue-ops-${uuid().slice(0, 8)}`;
			ctx.ops = chain(ctx, 'E2E queue: operations on the worker', [
				{
					name: 'Receive File',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: uuid(),
					parameters: { httpMethod: 'POST', path: ctx.opsPath, responseMode: 'onReceived', options: {} },
				},
				ctx.wf.peach('Upload', { resource: 'media', operation: 'upload', binaryPropertyName: 'data' }),
				ctx.wf.peach('Send', {
					resource: 'templateMessage',
					operation: 'send',
					phoneNumber: JOHN,
					templateId: { __rl: true, mode: 'id', value: ctx.sandbox.fixtures.templates.approvedNoVariables },
				}),
				ctx.wf.peach('Conversations', { resource: 'conversation', operation: 'getAll', returnAll: true }),
			]);
			return [ctx.ops];
		},
		run: async (ctx) => {
			const { cluster } = ctx;
			const url = cluster.webhookUrl(0, ctx.opsPath);
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'image/png', 'content-disposition': `attachment; filename="${FILE_NAME}"` },
				body: PNG,
			});
			ctx.expect.assert(res.status === 200, `the webhook process answered HTTP ${res.status}: ${await res.text()}`);
			const [execution] = await cluster.waitForExecutions(ctx.ops.id, { count: 1, timeoutMs: 60000 });
			ctx.expect.equal(execution, { status: 'success', finished: true, mode: 'webhook' }, 'the execution');
			ctx.expect.assert(cluster.workerExecutionIds()[0].has(execution.id), `the worker's log does not show execution ${execution.id}`);
			ctx.log(`execution ${execution.id} ran on the worker`);

			const run = await cluster.runData(execution.id);
			// The webhook process stored the file in the database; the worker read it from there.
			const received = nodeItems(run, 'Receive File');
			ctx.expect.assert(received && received[0].binary && received[0].binary.data, 'Receive File output no binary data');
			const stored = received[0].binary.data;
			ctx.expect.equal(stored, { id: regex(/^database:/), fileName: FILE_NAME, mimeType: 'image/png' }, 'the binary data the webhook process stored');
			ctx.log(`binary data mode: the file was stored as ${stored.id.split(':')[0]}:… and read back on the worker`);

			const uploaded = nodeItems(run, 'Upload');
			ctx.expect.checkItems('Upload', uploaded, [{ id: any(Number), filename: FILE_NAME, content_type: 'image/png', media_url: regex(/^media:\/\/\d+$/) }]);
			const uploads = await (await fetch(`${ctx.sandbox.url}/__sandbox/storage-uploads`)).json();
			ctx.expect.equal(uploads.length, 1, 'storage uploads');
			ctx.expect.assert(Buffer.from(uploads[0].body, 'base64').equals(PNG), 'storage received other bytes than were POSTed to the webhook process');
			ctx.expect.equal(uploads[0].md5, md5(PNG), 'MD5 of the stored bytes');

			ctx.expect.checkItems('Send', nodeItems(run, 'Send'), [{ status: 'success', event_id: regex(/^evt_/) }]);

			const conversations = await allRecords(ctx, 'conversations');
			ctx.expect.assert(conversations.length > 100, `the sandbox has only ${conversations.length} conversations: Return All would not span pages`);
			ctx.expect.checkItems('Conversations', nodeItems(run, 'Conversations'), conversations.map((c) => ({ id: c.id, status: c.status })));

			// What Peach received from this workflow (the polling case's trigger checks messages meanwhile).
			const requests = ctx.sandbox.apiRequests().filter((r) => r.path !== '/api/v1/messages');
			const calls = requests.map((r) => `${r.method} ${r.path}`);
			// Each create sent exactly once, in order; the send may read its template first.
			exactly(calls.filter((c) => c.startsWith('POST')), ['POST /api/v1/medias/direct_uploads', 'POST /api/v1/medias/finalize', 'POST /api/v1/events'], 'creates Peach received');
			const pages = calls.filter((c) => c === 'GET /api/v1/conversations').length;
			exactly(calls.slice(calls.length - pages), Array(pages).fill('GET /api/v1/conversations'), 'the Return All pages, last');
			const others = calls.filter((c) => !c.startsWith('POST') && c !== 'GET /api/v1/conversations');
			ctx.expect.assert(others.every((c) => c.startsWith('GET /api/v1/whats_app_templates/')), `other requests Peach received: ${others.join(', ')}`);
			ctx.expect.assert(pages >= 2, `Return All read ${pages} page(s)`);
			const sent = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/events');
			ctx.expect.equal(sent.body, { event_type: 'send_template_message', contact: { phone_number: JOHN }, template_message: { whats_app_template_id: ctx.sandbox.fixtures.templates.approvedNoVariables } }, 'the send body');
			ctx.expect.assert(requests.every((r) => r.headers.authorization === ctx.sandboxApiKey), 'a request went to Peach without the API key');
			ctx.log(`Peach received: upload, finalize, send, ${pages} pages of conversations (${conversations.length} items)`);
		},
	},
	{
		kind: 'queue',
		versions: [2],
		timeoutMs: 900000,
		name: `queue mode: ${SIGNED_EVENTS.toLocaleString('en')} signed events to a webhook process become exactly ${SIGNED_EVENTS.toLocaleString('en')} executions on the worker, ${BAD_EVENTS} badly signed ones none`,
		workflows: (ctx) => {
			const trigger = ctx.wf.peachTrigger('Peach Trigger', { authentication: 'hmacSignature', signatureHeader: SIGNATURE_HEADER, signatureEncoding: 'hex', events: ['*'] });
			ctx.signed = chain(ctx, 'E2E queue: signed events', [trigger, ctx.wf.postToSink('To sink', 'queue-signed')]);
			return [ctx.signed];
		},
		run: async (ctx) => {
			const { cluster } = ctx;
			const url = cluster.webhookUrl(0, triggerPath(ctx.signed));
			const ids = Array.from({ length: SIGNED_EVENTS }, (_, i) => `cmsg_q${String(i).padStart(4, '0')}`);
			const started = Date.now();
			const answers = await pool(SIGNED_EVENTS, SENDERS, (i) =>
				ctx.sandbox.postWebhook(url, 'message_delivery.delivered', { ...deliveryEvent(ids[i]), hmacSecret: ctx.webhookSecret, hmacHeader: SIGNATURE_HEADER, timeoutMs: 120000 }),
			);
			const acceptedMs = Date.now() - started;
			const refused = answers.filter((r) => r.status !== 200);
			ctx.expect.assert(refused.length === 0, `${refused.length} signed event(s) were not accepted, e.g. HTTP ${refused.length && refused[0].status} ${refused.length && JSON.stringify(refused[0].body).slice(0, 200)}`);
			const got = await ctx.sink.waitFor('queue-signed', { count: SIGNED_EVENTS, timeoutMs: 600000 });
			const doneMs = Date.now() - started;
			const seen = got.map((r) => r.body.messageId);
			exactly([...seen].sort(), ids, `the message ids the ${SIGNED_EVENTS} executions received`);
			const executions = await cluster.waitForExecutions(ctx.signed.id, { count: SIGNED_EVENTS, timeoutMs: 120000, log: ctx.log });
			ctx.expect.equal(executions.length, SIGNED_EVENTS, 'executions in PostgreSQL');
			ctx.expect.assert(executions.every((e) => e.status === 'success' && e.mode === 'webhook'), 'an execution did not succeed');
			const onWorker = cluster.workerExecutionIds()[0];
			const elsewhere = executions.filter((e) => !onWorker.has(e.id));
			ctx.expect.assert(elsewhere.length === 0, `${elsewhere.length} execution(s) are not in the worker's log`);
			ctx.log(
				`${SIGNED_EVENTS} events: accepted in ${(acceptedMs / 1000).toFixed(1)}s (${((SIGNED_EVENTS * 1000) / acceptedMs).toFixed(1)}/s by ${SENDERS} senders), ` +
					`all ${SIGNED_EVENTS} executions done on the worker after ${(doneMs / 1000).toFixed(1)}s (${((SIGNED_EVENTS * 1000) / doneMs).toFixed(1)}/s)`,
			);

			const bad = await pool(BAD_EVENTS, SENDERS, (i) =>
				ctx.sandbox.postWebhook(url, 'message_delivery.delivered', { ...deliveryEvent(`cmsg_bad${i}`), hmacSecret: 'not-the-shared-secret', hmacHeader: SIGNATURE_HEADER, timeoutMs: 120000 }).then((r) => r.status),
			);
			const notRefused = bad.filter((s) => s !== 401);
			ctx.expect.assert(notRefused.length === 0, `${notRefused.length} badly signed event(s) were not refused with 401: HTTP ${[...new Set(notRefused)].join(', ')}`);
			await settle(3000);
			ctx.expect.equal((await cluster.executions(ctx.signed.id)).length, SIGNED_EVENTS, 'executions after the badly signed events');
			ctx.expect.equal(ctx.sink.get('queue-signed').length, SIGNED_EVENTS, 'runs after the badly signed events');
			ctx.log(`${BAD_EVENTS} badly signed events: ${BAD_EVENTS} × HTTP 401, no execution`);
		},
	},
	{
		kind: 'queue',
		versions: [2],
		name: 'queue mode: Drop Duplicate Deliveries across two webhook processes, as it really behaves in n8n 2.41.1',
		workflows: (ctx) => {
			const trigger = ctx.wf.peachTrigger('Peach Trigger', { authentication: 'none', events: ['*'], dropDuplicates: true, duplicateWindow: 300 });
			ctx.dupes = chain(ctx, 'E2E queue: duplicates', [trigger, ctx.wf.postToSink('To sink', 'queue-dupes')]);
			return [ctx.dupes];
		},
		run: async (ctx) => {
			const { cluster } = ctx;
			const urls = [0, 1].map((i) => cluster.webhookUrl(i, triggerPath(ctx.dupes)));
			const post = (i, id) => ctx.sandbox.postWebhook(urls[i % 2], 'message_delivery.delivered', deliveryEvent(id));
			const runsOf = (id) => ctx.sink.get('queue-dupes').filter((r) => r.body.messageId === id).length;
			const memory = async () => JSON.parse((await cluster.pg.query(`select "staticData" from workflow_entity where id = '${ctx.dupes.id}'`)).trim() || '{}');
			const remembered = async () => ((((await memory())['node:Peach Trigger'] || {}).recentEvents || {}).keys || []).length;
			const quiet = async () => {
				// Every accepted event has become an execution once none is left running.
				await settle(1500);
				const list = await cluster.executions(ctx.dupes.id);
				await cluster.waitForExecutions(ctx.dupes.id, { count: list.length, timeoutMs: 60000 });
				await ctx.sink.waitFor('queue-dupes', { count: list.length, timeoutMs: 60000 });
			};
			const repeat = { received: true, ignored: 'repeat delivery within the duplicate window', event: 'message_delivery.delivered' };
			const started = { received: true, event: 'message_delivery.delivered' };

			// 1. The node's first event, then the same event on the other process after the first
			// answered: the memory is workflow static data in PostgreSQL, saved before the answer.
			const first = await post(0, 'cmsg_dup_first');
			exactly([first.status, first.body], [200, started], 'the first delivery (webhook process 1)');
			ctx.expect.equal(await remembered(), 1, 'events remembered in the static data after the first delivery');
			const again = await post(1, 'cmsg_dup_first');
			exactly([again.status, again.body], [200, repeat], 'its repeat on webhook process 2');
			exactly([(await post(0, 'cmsg_dup_first')).body], [repeat], 'its repeat on webhook process 1');
			await quiet();
			ctx.expect.equal(runsOf('cmsg_dup_first'), 1, 'runs of the first event, delivered to process 1, then 2, then 1');

			// 2. Later events: a repeat on the same process is dropped (its memory); one on the other
			// process runs again. Measured: a repeat on each, right after the first was answered.
			const later = ['cmsg_dup_later_a', 'cmsg_dup_later_b'];
			for (const [k, id] of later.entries()) {
				exactly([(await post(0, id)).body], [started], `${id} on webhook process 1`);
				await post(k, id); // the same process for the first, the other for the second
			}
			await quiet();
			const laterRuns = later.map(runsOf);
			ctx.log(`later events, each repeated after the first was answered (same process, other process): runs ${laterRuns.join(', ')}; events in static data: ${await remembered()}`);

			// 3. A second later the next event makes process 1 write its memory to the static data.
			// Measured in n8n 2.41.1: the stored static data still holds only the first event. n8n
			// saves a webhook trigger's static data only while the stored one is empty: it builds the
			// execution's workflow on the same object (WorkflowRunner.establishContextForPersistence),
			// which resets the "changed" flag its save after the answer checks. So process 2 runs
			// repeats of the later events again; the log line says what the database held.
			await settle(1100);
			exactly([(await post(0, 'cmsg_dup_written')).body], [started], 'an event a second later on webhook process 1');
			const storedNow = await remembered();
			const repeatOfEarlier = await post(1, 'cmsg_dup_later_a');
			const repeatOfWriting = await post(1, 'cmsg_dup_written');
			await quiet();
			ctx.log(`a second later: events in static data ${storedNow} (after the write), ${await remembered()} (once the runs ended); repeats on process 2 ${[repeatOfEarlier, repeatOfWriting].map((r) => (r.body.ignored ? 'dropped' : 'ran')).join(', ')}`);

			// 4. The same event to both processes at the same moment: both read the memory before
			// either saved it.
			const together = Array.from({ length: 5 }, (_, k) => `cmsg_dup_par${k}`);
			for (const id of together) {
				const [a, b] = await Promise.all([post(0, id), post(1, id)]);
				ctx.expect.assert(a.status === 200 && b.status === 200, `simultaneous copies of ${id} got HTTP ${a.status}/${b.status}`);
			}
			await quiet();
			const twice = together.filter((id) => runsOf(id) === 2).length;
			ctx.log(`simultaneous copies to both processes: ${twice} of ${together.length} events ran twice`);

			// Whatever the option drops, it never drops an event it has not seen: each ran once or twice.
			const all = ['cmsg_dup_first', ...later, 'cmsg_dup_written', ...together];
			ctx.expect.assert(all.every((id) => runsOf(id) >= 1 && runsOf(id) <= 2), `runs per event: ${all.map((id) => `${id}=${runsOf(id)}`).join(', ')}`);
			ctx.expect.equal((await cluster.executions(ctx.dupes.id)).length, ctx.sink.get('queue-dupes').length, 'executions against runs the sink saw');
		},
	},
	{
		kind: 'queue',
		versions: [2],
		timeoutMs: 300000,
		name: 'queue mode: the Polling Trigger polls from the main process only, once a minute; its run goes to the worker',
		workflows: (ctx) => {
			const trigger = ctx.wf.peachPollingTrigger('Peach Polling Trigger', { event: 'newInboundMessage', filters: { phoneNumbers: POLL_CUSTOMER } });
			ctx.polling = chain(ctx, 'E2E queue: polling trigger', [trigger, ctx.wf.postToSink('To sink', 'queue-inbound')]);
			return [ctx.polling];
		},
		run: async (ctx) => {
			const { cluster } = ctx;
			const polls = () => ctx.sandbox.requests.filter((r) => r.route === 'GET /api/v1/messages' && r.query.phone_number === POLL_CUSTOMER).map((r) => r.at);
			const message = ctx.sandbox.receiveMessage({ phoneNumber: POLL_CUSTOMER, name: 'Ada Lovelace', text: 'Is my order on its way?' });
			const [run] = await ctx.sink.waitFor('queue-inbound', { count: 1, timeoutMs: 140000 });
			ctx.expect.equal(run.body, { id: message.id, direction: 'inbound', contact: { phone_number: POLL_CUSTOMER } }, 'workflow item');
			// Two more checks of Peach after the run: with more than one process polling, checks
			// would come in pairs seconds apart.
			const seen = polls().length;
			const deadline = Date.now() + 140000;
			while (polls().length < seen + 2 && Date.now() < deadline) await settle(1000);
			const times = polls();
			ctx.expect.assert(times.length >= seen + 2, `n8n checked Peach ${times.length - seen} time(s) in 140 s after the run, expected 2`);
			const gaps = times.slice(1).map((t, i) => Math.round((t - times[i]) / 1000));
			ctx.expect.assert(gaps.every((g) => g >= 45), `seconds between checks of Peach: ${gaps.join(', ')} (one poller checks once a minute)`);
			await settle(3000);
			ctx.expect.equal(ctx.sink.get('queue-inbound').length, 1, 'runs for one inbound message');
			const executions = await cluster.executions(ctx.polling.id);
			ctx.expect.equal(executions.map((e) => ({ status: e.status, mode: e.mode })), [{ status: 'success', mode: 'trigger' }], 'executions of the polling workflow');
			ctx.expect.assert(cluster.workerExecutionIds()[0].has(executions[0].id), `the worker's log does not show execution ${executions[0].id}`);
			ctx.log(`${times.length} checks of Peach, ${gaps.join(' s, ')} s apart; 1 message → 1 execution, on the worker`);
		},
	},
];
