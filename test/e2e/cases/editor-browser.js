'use strict';
// The n8n editor in headless Chromium: add the Peach Trigger (its setup notice), add the Peach
// node, pick a resource and an operation, see the required markers of Send, open the template list
// (the sandbox's approved templates only), and test the credential; then, in a workflow of its own,
// the Peach Polling Trigger (Poll Times, its notice, the required Statuses). Screenshots go to
// test/.artifacts/screenshots/, or to docs/screenshots/ (the README's pictures) with
// PEACH_E2E_UPDATE_SCREENSHOTS=1.
const fs = require('fs');
const path = require('path');
const { chromiumMissing, fieldsWithRequiredMarker, reopenNode, withEditorPage } = require('../browser');
const { REPO } = require('../../../tools/n8n/n8n');

const OUT = process.env.PEACH_E2E_UPDATE_SCREENSHOTS ? path.join(REPO, 'docs', 'screenshots') : path.join(REPO, 'test', '.artifacts', 'screenshots');

async function approvedTemplateNames(ctx) {
	const res = await fetch(`${ctx.sandbox.url}/api/v1/whats_app_templates?per=100`, { headers: { Authorization: ctx.sandboxApiKey } });
	const body = await res.json();
	const list = Array.isArray(body) ? body : body.data || [];
	return {
		approved: list.filter((t) => t.status === 'approved').map((t) => t.template_name),
		others: list.filter((t) => t.status !== 'approved').map((t) => t.template_name),
	};
}

async function screenshot(ctx, page, name) {
	const file = path.join(OUT, name);
	await page.screenshot({ path: file });
	ctx.log(`screenshot ${path.relative(REPO, file)}`);
}

module.exports = [
	{
		kind: 'server',
		name: 'editor (Chromium): add the nodes, pick resource and operation, required markers, list templates, test the credential',
		versions: [2],
		requires: ['templateMessage:send'],
		timeoutMs: 180000,
		skip: () => (process.env.PEACH_E2E_BROWSER === '0' ? 'PEACH_E2E_BROWSER=0' : chromiumMissing()),
		run: async (ctx) => {
			fs.mkdirSync(OUT, { recursive: true });
			const templates = await approvedTemplateNames(ctx);
			await withEditorPage(ctx, async (page) => {
				const step = (m) => ctx.log(`browser: ${m}`);
				const itemNamed = (name) => page.locator('[data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^${name}$`) }).first();
				const pick = async (param, option) => {
					await page.getByTestId(`parameter-input-${param}`).click();
					await page
						.locator('.el-select-dropdown__item:visible')
						.filter({ has: page.getByText(option, { exact: true }) })
						.first()
						.click();
					await page.getByTestId(`parameter-input-${param}`).locator('input').first().waitFor();
				};

				step('open a new workflow');
				await page.goto(`${ctx.n8n.url}/workflow/new`);
				await page.getByTestId('canvas-add-button').click();

				step('add the Peach Trigger');
				await page.getByTestId('node-creator').waitFor();
				await page.keyboard.type('Peach');
				await itemNamed('Peach').click();
				await page.getByText('On all events', { exact: true }).click();
				await page.getByTestId('ndv').waitFor();
				await page.getByText('Connect Peach', { exact: false }).first().waitFor();
				await page.waitForTimeout(500);
				await screenshot(ctx, page, 'peach-trigger-setup.png');
				await page.getByTestId('ndv-close-button').click();

				step('add the Peach node after it');
				await page.getByTestId('canvas-handle-plus').first().click();
				await page.getByTestId('node-creator').waitFor();
				await page.keyboard.type('Peach');
				await itemNamed('Peach').click();
				await page.getByText('Send a template message', { exact: true }).first().waitFor();
				await page.waitForTimeout(300);
				await screenshot(ctx, page, 'peach-node-actions.png');
				await page.getByText('Send a template message', { exact: true }).first().click();
				await page.getByTestId('ndv').waitFor();

				step('pick the credential, a resource and an operation');
				await page.getByTestId('node-credentials-select').click();
				await page.locator('.el-select-dropdown__item:visible', { hasText: ctx.creds.peach.name }).first().click();
				await pick('resource', 'Conversation');
				await pick('operation', 'Get Many');
				await page.getByText('Return All', { exact: true }).first().waitFor();
				await pick('resource', 'Template Message');
				await pick('operation', 'Send');

				step('open the node again: its empty required fields are marked');
				// n8n keeps the markers of a node just added hidden until a field is left or the panel reopened.
				await reopenNode(page, 'Send a template message');
				const required = ['phoneNumber', 'templateId'];
				await page.getByTestId('ndv').getByTestId('parameter-issues').first().waitFor();
				const marked = await fieldsWithRequiredMarker(page, required);
				ctx.expect.equal(marked, required, 'the fields of Send that show the required marker');
				ctx.log(`required markers shown: ${marked.join(', ')}`);

				step('open the template list');
				await page.getByTestId('resource-locator-templateId').getByTestId('rlc-input').click();
				const items = page.getByTestId('rlc-item');
				await items.first().waitFor();
				await page.waitForTimeout(500);
				const shown = await items.allInnerTexts();
				ctx.log(`template list: ${shown.length} item(s), e.g. "${shown[0]}"`);
				ctx.expect.assert(shown.length > 0, 'the template list is empty');
				ctx.expect.assert(shown[0].startsWith(templates.approved[0]), `the first template is "${shown[0]}", expected ${templates.approved[0]}`);
				for (const text of shown) {
					const name = text.split(' ')[0];
					ctx.expect.assert(templates.approved.includes(name), `the template list shows "${text}", which is not an approved template`);
				}
				await page.waitForTimeout(300);
				await screenshot(ctx, page, 'peach-template-list.png');

				step('pick a template: its variables appear as fields');
				await items.filter({ hasText: 'order_confirmation' }).first().click();
				for (const variable of ['first_name', 'order_id', 'amount']) {
					// Labels read "first_name (e.g. John)": the name, then the template's example.
					await page.getByText(new RegExp(`^${variable} \\(e\\.g\\. `)).filter({ visible: true }).first().waitFor();
				}
				ctx.log('template variables shown: first_name, order_id, amount');
				ctx.expect.equal(await fieldsWithRequiredMarker(page, required), ['phoneNumber'], 'required markers once a template is picked');
				await page.waitForTimeout(300);
				await screenshot(ctx, page, 'peach-node-panel.png');

				step('test the credential');
				await page.getByTestId('credential-edit-button').click();
				const retry = page.getByRole('button', { name: 'Retry' });
				// Only what the credential dialog shows counts: the editor keeps hidden texts around.
				await page
					.getByText(/Connection tested successfully|Couldn.t connect/)
					.filter({ visible: true })
					.first()
					.waitFor();
				if (await retry.count()) await retry.first().click();
				await page
					.getByText('Connection tested successfully', { exact: false })
					.filter({ visible: true })
					.first()
					.waitFor({ timeout: 30000 });
				await page.waitForTimeout(1000);
				await screenshot(ctx, page, 'peach-credential-test.png');
			});
		},
	},
	{
		kind: 'server',
		name: 'editor (Chromium): the Polling Trigger panel shows Poll Times, then its notice, and marks Statuses as required',
		versions: [2],
		timeoutMs: 180000,
		skip: () => (process.env.PEACH_E2E_BROWSER === '0' ? 'PEACH_E2E_BROWSER=0' : chromiumMissing()),
		run: async (ctx) => {
			fs.mkdirSync(OUT, { recursive: true });
			await withEditorPage(ctx, async (page) => {
				const step = (m) => ctx.log(`browser: ${m}`);
				step('add the Peach Polling Trigger: On broadcast status changed');
				await page.goto(`${ctx.n8n.url}/workflow/new`);
				await page.getByTestId('canvas-add-button').click();
				await page.getByTestId('node-creator').waitFor();
				await page.keyboard.type('Peach Polling');
				await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Peach Polling\s*$/ }).first().click();
				await page.getByText('On broadcast status changed', { exact: true }).click();
				await page.getByTestId('ndv').waitFor();
				await page.getByTestId('node-credentials-select').click();
				await page.locator('.el-select-dropdown__item:visible', { hasText: ctx.creds.peach.name }).first().click();

				step('open the node again: Statuses is marked');
				// n8n keeps the markers of a node just added hidden until a field is left or the panel reopened.
				await reopenNode(page, 'Peach Polling Trigger');
				await page.getByText('Peach is checked on the schedule set in Poll Times above', { exact: false }).first().waitFor();
				await page.getByTestId('ndv').getByTestId('parameter-issues').first().waitFor();
				// n8n puts Poll Times first; the notice that points at it comes after it.
				const pollTimesAbove = await page.evaluate(() => {
					const elements = [...document.querySelectorAll('[data-test-id="ndv"] *')];
					const pollTimes = elements.find((el) => el.children.length === 0 && el.textContent.trim() === 'Poll Times');
					const notice = elements.find((el) => el.children.length === 0 && el.textContent.startsWith('Peach is checked on'));
					return Boolean(pollTimes && notice && pollTimes.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING);
				});
				ctx.expect.assert(pollTimesAbove, 'Poll Times is not shown above the notice that points at it');
				const marked = await fieldsWithRequiredMarker(page, ['broadcastStatuses']);
				ctx.expect.equal(marked, ['broadcastStatuses'], 'the Polling Trigger fields that show the required marker');
				ctx.log('required markers shown: broadcastStatuses; the notice comes after Poll Times');
				await page.waitForTimeout(500);
				await screenshot(ctx, page, 'peach-polling-trigger-setup.png');
			});
		},
	},
];
