'use strict';
// The Peach Trigger in a published workflow on a running n8n: every webhook family the sandbox
// sends starts the workflow (seen through a downstream HTTP Request node posting $json to the
// sink), and with HMAC signatures on, a request with a bad signature runs nothing.
const { WEBHOOK_EVENTS } = require('../../../tools/sandbox');

const SIGNATURE_HEADER = 'X-Peach-Signature';
// One documented event per family, plus the rest of the types: every event the sandbox knows.
const EVENT_TYPES = Object.keys(WEBHOOK_EVENTS).filter((t) => /^[a-z_]+\.[a-z_]+$/.test(t));
const FAMILIES = [...new Set(EVENT_TYPES.map((t) => t.split('.')[0]))];

function allEventsWorkflow(ctx) {
	const trigger = ctx.wf.peachTrigger('Peach Trigger', { authentication: 'none', events: ['*'] });
	return ctx.wf.linear('E2E trigger: all events', [trigger, ctx.wf.postToSink('To sink', 'all-events')]);
}

function signedWorkflow(ctx) {
	const trigger = ctx.wf.peachTrigger('Peach Trigger', {
		authentication: 'hmacSignature',
		signatureHeader: SIGNATURE_HEADER,
		signatureEncoding: 'hex',
		events: ['*'],
	});
	return ctx.wf.linear('E2E trigger: HMAC signed', [trigger, ctx.wf.postToSink('To sink', 'signed')]);
}

const triggerNode = (wf) => wf.nodes.find((n) => n.type.endsWith('.peachTrigger'));

// A workflow saved with the first version of the node, as existing installs have it.
function versionOneWorkflow(ctx) {
	const trigger = { ...ctx.wf.peachTrigger('Peach Trigger', { authentication: 'none', events: ['*'] }), typeVersion: 1 };
	return ctx.wf.linear('E2E trigger: version 1', [trigger, ctx.wf.postToSink('To sink', 'version-1')]);
}

module.exports = [
	{
		kind: 'trigger',
		name: `trigger: a published workflow runs for every webhook family (${FAMILIES.join(', ')})`,
		workflows: (ctx) => {
			ctx.allEvents = allEventsWorkflow(ctx);
			return [ctx.allEvents];
		},
		run: async (ctx) => {
			const url = ctx.wf.webhookUrl(triggerNode(ctx.allEvents));
			for (const [i, type] of EVENT_TYPES.entries()) {
				const res = await ctx.sandbox.postWebhook(url, type);
				if (res.status !== 200) throw new Error(`${type}: n8n answered HTTP ${res.status} ${JSON.stringify(res.body)}`);
				const got = await ctx.sink.waitFor('all-events', { count: i + 1, timeoutMs: 30000 });
				const item = got[i].body;
				const [family] = type.split('.');
				ctx.expect.equal(item, { family, receivedType: type, data: ctx.expect.present() }, `${type} → workflow item`);
			}
			ctx.log(`${EVENT_TYPES.length} events → ${EVENT_TYPES.length} workflow runs`);
		},
	},
	{
		kind: 'trigger',
		name: 'trigger: a bad HMAC signature runs nothing, a good one runs the workflow',
		workflows: (ctx) => {
			ctx.signed = signedWorkflow(ctx);
			return [ctx.signed];
		},
		run: async (ctx) => {
			const url = ctx.wf.webhookUrl(triggerNode(ctx.signed));
			const type = 'order.completed';
			const bad = await ctx.sandbox.postWebhook(url, type, { hmacSecret: 'not-the-shared-secret', hmacHeader: SIGNATURE_HEADER });
			ctx.expect.assert(bad.status === 401, `a bad signature got HTTP ${bad.status}, expected 401`);
			// The answer tells a prober nothing: no header name, no reason.
			ctx.expect.assert(
				JSON.stringify(bad.body) === JSON.stringify({ received: false, error: 'Unauthorized' }),
				`the 401 answer is not the generic one: ${JSON.stringify(bad.body)}`,
			);
			const deep = `{"type":"order.completed","data":{"id":"wa_ord_deep","x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
			const tooDeep = await ctx.sandbox.postWebhook(url, type, { rawBody: deep, hmacSecret: ctx.webhookSecret, hmacHeader: SIGNATURE_HEADER });
			ctx.expect.assert(tooDeep.status === 400, `a signed body nested 5,000 levels deep got HTTP ${tooDeep.status}, expected 400`);
			const missing = await ctx.sandbox.postWebhook(url, type);
			ctx.expect.assert(missing.status === 401, `a missing signature got HTTP ${missing.status}, expected 401`);
			const good = await ctx.sandbox.postWebhook(url, type, { hmacSecret: ctx.webhookSecret, hmacHeader: SIGNATURE_HEADER });
			ctx.expect.assert(good.status === 200, `a good signature got HTTP ${good.status}: ${JSON.stringify(good.body)}`);
			const got = await ctx.sink.waitFor('signed', { count: 1, timeoutMs: 30000 });
			// A replay of the same signed event is acknowledged and dropped (on by default in version 2).
			const replay = await ctx.sandbox.postWebhook(url, type, { hmacSecret: ctx.webhookSecret, hmacHeader: SIGNATURE_HEADER });
			ctx.expect.assert(replay.status === 200, `the replay got HTTP ${replay.status}`);
			ctx.expect.equal(replay.body, { received: true, ignored: 'repeat delivery within the duplicate window' }, 'replay answer');
			// Give a wrongly started run time to arrive before counting.
			await new Promise((r) => setTimeout(r, 2000));
			ctx.expect.assert(ctx.sink.get('signed').length === 1, `expected exactly 1 run, got ${ctx.sink.get('signed').length}`);
			ctx.expect.equal(got[0].body, { event: 'order.completed', family: 'order' }, 'signed event item');
			const executions = await ctx.n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: ctx.signed.id }))}`, { cookie: ctx.cookie });
			if (executions.status === 200 && executions.json && executions.json.data) {
				const list = executions.json.data.results || executions.json.data;
				if (Array.isArray(list)) ctx.expect.assert(list.length === 1, `n8n recorded ${list.length} executions of the signed workflow, expected 1`);
			}
		},
	},
	{
		kind: 'trigger',
		name: 'trigger: a workflow saved with version 1 of the node still runs, with its old defaults',
		workflows: (ctx) => {
			ctx.versionOne = versionOneWorkflow(ctx);
			return [ctx.versionOne];
		},
		run: async (ctx) => {
			const url = ctx.wf.webhookUrl(triggerNode(ctx.versionOne));
			for (let i = 0; i < 2; i++) {
				const res = await ctx.sandbox.postWebhook(url, 'order.completed');
				ctx.expect.assert(res.status === 200, `version 1 answered HTTP ${res.status} ${JSON.stringify(res.body)}`);
			}
			// Duplicate dropping stays off for version 1 nodes: both deliveries run.
			const got = await ctx.sink.waitFor('version-1', { count: 2, timeoutMs: 30000 });
			ctx.expect.equal(got[0].body, { event: 'order.completed', family: 'order' }, 'version 1 item');
		},
	},
];
