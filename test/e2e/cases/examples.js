'use strict';
// The example workflows that `npm start` imports: each one imports into n8n with the CLI and
// passes the editor's checks (known node types and versions, no parameter issues, credentials set).
const { loadExamples } = require('../../../tools/n8n/examples');
const { loadedNodeTypes, validateWorkflow } = require('../validate');

module.exports = [
	{
		kind: 'server',
		name: 'examples: every workflow in examples/ imports and validates without issues',
		skip: () => (loadExamples().length ? null : 'examples/ has no workflows yet'),
		workflows: (ctx) => {
			ctx.examples = loadExamples({ peachApi: ctx.creds.peach, peachWebhookApi: ctx.creds.webhook, openAiApi: ctx.creds.openAi });
			return ctx.examples.map((e) => e.wf);
		},
		run: async (ctx) => {
			const types = await loadedNodeTypes(ctx);
			const problems = [];
			for (const { file, wf } of ctx.examples) {
				const res = await ctx.n8n.rest('GET', `/rest/workflows/${wf.id}`, { cookie: ctx.cookie });
				if (res.status !== 200) {
					problems.push(`${file}: not found after import (HTTP ${res.status})`);
					continue;
				}
				for (const p of validateWorkflow(ctx, res.json.data || res.json, types)) problems.push(`${file}: ${p}`);
			}
			ctx.log(`${ctx.examples.length} example workflow(s) checked`);
			if (problems.length) throw new Error(problems.join('\n'));
		},
	},
];
