'use strict';
// Builders for the workflows the cases import into n8n. Node positions, ids and connections are
// filled in; a case only says which nodes run in which order and with which parameters.

const { NODE_TYPES, makeId, uuid } = require('../../tools/n8n/n8n');

function builders(ctx) {
	const peachCred = () => ({ peachApi: { id: ctx.creds.peach.id, name: ctx.creds.peach.name } });

	const wf = {
		manualTrigger(name = 'Start') {
			return { name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
		},

		// A Peach node. params: { resource, operation, ...fields }; opts: { credential: 'peach' |
		// 'peachWrongKey' | {id,name}, continueOnFail: true, alwaysOutputData: true }
		peach(name, params, opts = {}) {
			let credentials = peachCred();
			if (opts.credential && typeof opts.credential === 'string') {
				const c = ctx.creds[opts.credential];
				credentials = { peachApi: { id: c.id, name: c.name } };
			} else if (opts.credential) credentials = { peachApi: opts.credential };
			return {
				name,
				type: NODE_TYPES.peach,
				typeVersion: ctx.pkg.peachVersion,
				parameters: params,
				credentials,
				...(opts.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				...(opts.continueErrorOutput ? { onError: 'continueErrorOutput' } : {}),
				...(opts.alwaysOutputData ? { alwaysOutputData: true } : {}),
			};
		},

		// A Set node that emits fixed items (one per object) for later nodes to read.
		items(name, objects) {
			return {
				name,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return ${JSON.stringify(objects.map((json) => ({ json })))};` },
			};
		},

		// POSTs each incoming item's JSON to the sink under `channel`.
		postToSink(name, channel) {
			return {
				name,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${ctx.sink.url}/${encodeURIComponent(channel)}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			};
		},

		noOp(name) {
			return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
		},

		// The Peach Trigger; auth: { authentication: 'hmacSignature', ... } plus its other parameters.
		peachTrigger(name, params = {}, { withSecret = params.authentication && params.authentication !== 'none' } = {}) {
			return {
				name,
				type: NODE_TYPES.peachTrigger,
				typeVersion: ctx.pkg.triggerVersion,
				webhookId: params.webhookId || uuid(),
				parameters: Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'webhookId')),
				...(withSecret ? { credentials: { peachWebhookApi: { id: ctx.creds.webhook.id, name: ctx.creds.webhook.name } } } : {}),
			};
		},

		// The Peach Polling Trigger, checking Peach every minute (n8n's shortest schedule).
		peachPollingTrigger(name, params = {}) {
			return {
				name,
				type: NODE_TYPES.peachPollingTrigger,
				typeVersion: 1,
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...params },
				credentials: peachCred(),
			};
		},

		// Nodes connected one after the other (main output 0 → main input 0). The first node is a
		// manual trigger unless the list starts with a trigger already.
		linear(name, nodes, { id } = {}) {
			const first = nodes[0];
			const startsWithTrigger = first && /trigger/i.test(first.type);
			const all = startsWithTrigger ? nodes : [wf.manualTrigger(), ...nodes];
			const connections = {};
			for (let i = 0; i < all.length - 1; i++) {
				connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
			}
			all.forEach((n, i) => {
				n.position = n.position || [i * 240, 0];
			});
			return { id: id || makeId(`${ctx.version}:${name}`), name, nodes: all, connections };
		},

		// Webhook URL of a trigger node on the running n8n.
		webhookUrl(node) {
			return `${ctx.n8n.url}/webhook/${node.webhookId}/webhook`;
		},
	};
	return wf;
}

module.exports = { builders };
