'use strict';
// The output schemas in the real editor: before a Peach node has run, the next node's input panel
// shows the fields its operation outputs (n8n's schema preview, read from the package's
// __schema__ files), for Template Message → Send and Conversation → Get Many. Screenshots go to
// test/.artifacts/screenshots/, or to docs/screenshots/ with PEACH_E2E_UPDATE_SCREENSHOTS=1.
const fs = require('fs');
const path = require('path');
const { chromiumMissing, withEditorPage } = require('../browser');
const { REPO, makeId } = require('../../../tools/n8n/n8n');

const OUT = process.env.PEACH_E2E_UPDATE_SCREENSHOTS ? path.join(REPO, 'docs', 'screenshots') : path.join(REPO, 'test', '.artifacts', 'screenshots');

const PREVIEWS = [
	{
		params: { resource: 'templateMessage', operation: 'send', phoneNumber: '+919988776655' },
		fields: ['event_id', 'status'],
		screenshot: 'peach-schema-preview-send.png',
	},
	{
		params: { resource: 'conversation', operation: 'getAll', returnAll: false, limit: 10 },
		fields: ['escalated', 'subscriber', 'assigned_to'],
		screenshot: 'peach-schema-preview-conversations.png',
	},
];

function previewWorkflow(ctx, preview) {
	const name = `E2E schema preview ${preview.params.resource} ${preview.params.operation}`;
	const nodes = [
		ctx.wf.manualTrigger('Start'),
		ctx.wf.peach('Peach', preview.params),
		{ name: 'Next Step', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
	];
	nodes.forEach((n, i) => (n.position = [i * 240, 0]));
	const connections = {
		Start: { main: [[{ node: 'Peach', type: 'main', index: 0 }]] },
		Peach: { main: [[{ node: 'Next Step', type: 'main', index: 0 }]] },
	};
	return { id: makeId(`${ctx.version}:${name}`), name, nodes, connections };
}

module.exports = [
	{
		kind: 'server',
		name: 'editor (Chromium): the output-schema preview of Template Message → Send and Conversation → Get Many',
		versions: [2],
		requires: ['templateMessage:send', 'conversation:getAll'],
		timeoutMs: 240000,
		skip: () => (process.env.PEACH_E2E_BROWSER === '0' ? 'PEACH_E2E_BROWSER=0' : chromiumMissing()),
		workflows: (ctx) => {
			ctx.previewWorkflows = PREVIEWS.map((preview) => previewWorkflow(ctx, preview));
			return ctx.previewWorkflows;
		},
		run: async (ctx) => {
			fs.mkdirSync(OUT, { recursive: true });
			// The file the editor asks for is served by n8n from the installed package.
			for (const [resource, operation] of [['templateMessage', 'send'], ['conversation', 'getAll']]) {
				const res = await fetch(`${ctx.n8n.url}/schemas/n8n-nodes-peach.peach/1.0.0/${resource}/${operation}.json`);
				ctx.expect.assert(res.status === 200, `n8n answered ${res.status} for the ${resource}/${operation} schema`);
			}
			await withEditorPage(ctx, async (page) => {
				for (const [index, preview] of PREVIEWS.entries()) {
					const workflow = ctx.previewWorkflows[index];
					ctx.log(`browser: ${workflow.name}`);
					await page.goto(`${ctx.n8n.url}/workflow/${workflow.id}`);
					await page.getByTestId('canvas-node').filter({ hasText: 'Next Step' }).first().dblclick();
					await page.getByTestId('ndv').waitFor();
					const input = page.getByTestId('ndv-input-panel');
					const schemaButton = input.getByTestId('radio-button-schema');
					if (await schemaButton.count()) await schemaButton.first().click();
					for (const field of preview.fields) {
						await input.getByText(field, { exact: true }).first().waitFor();
					}
					ctx.log(`schema preview shows ${preview.fields.join(', ')}`);
					await page.waitForTimeout(500);
					await page.screenshot({ path: path.join(OUT, preview.screenshot) });
					ctx.log(`screenshot ${path.relative(REPO, path.join(OUT, preview.screenshot))}`);
					await page.getByTestId('ndv-close-button').click();
				}
			});
		},
	},
];
