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
			const missing = await ctx.sandbox.postWebhook(url, type);
			ctx.expect.assert(missing.status === 401, `a missing signature got HTTP ${missing.status}, expected 401`);
			const good = await ctx.sandbox.postWebhook(url, type, { hmacSecret: ctx.webhookSecret, hmacHeader: SIGNATURE_HEADER });
			ctx.expect.assert(good.status === 200, `a good signature got HTTP ${good.status}: ${JSON.stringify(good.body)}`);
			const got = await ctx.sink.waitFor('signed', { count: 1, timeoutMs: 30000 });
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
];
