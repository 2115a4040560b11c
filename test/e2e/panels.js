#!/usr/bin/env node
'use strict';
// A look at every operation's panel in the real editor, for reviewing field order, required markers
// and defaults that show as errors before anyone types. Not part of the suite (it takes minutes):
//
//   npm run build && node test/e2e/panels.js [resource ...]
//
// Starts n8n 2.x with the package and the sandbox, opens the Peach node in headless Chromium, picks
// each resource and operation, adds one row to every "Add …" list on the panel, and writes
// test/.artifacts/panels/<resource>-<operation>.png plus panels.txt: per operation, the visible
// fields top to bottom and the parameter issues the editor shows untouched. n8n 2.41 draws no "*"
// beside a node's required field: its marker is that issue (a red warning icon), held back on a
// node just added until the field is left or the panel opened again.
const fs = require('fs');
const path = require('path');
const { N8n, REPO, makeId } = require('../../tools/n8n/n8n');
const { freePort, stopAllNow } = require('../../tools/n8n/processes');
const { launch, authenticate, chromiumMissing } = require('./browser');

const OUT = process.env.PEACH_PANELS_DIR || path.join(REPO, 'test', '.artifacts', 'panels');

async function main() {
	const missing = chromiumMissing();
	if (missing) throw new Error(missing);
	const only = process.argv.slice(2);
	const { Peach } = require(path.join(REPO, 'dist', 'nodes', 'Peach', 'Peach.node.js'));
	const props = new Peach().description.properties;
	const resources = props.find((p) => p.name === 'resource').options.filter((o) => !only.length || only.includes(o.value));

	fs.mkdirSync(OUT, { recursive: true });
	const inst = await N8n.create({ version: '2' });
	const { startSandbox } = require('../../tools/sandbox');
	const sandbox = await startSandbox({ port: await freePort(), host: '127.0.0.1', apiKey: 'sandbox-key' });
	const cred = { id: makeId('cred:panels'), name: 'Peach sandbox' };
	await inst.importCredentials([{ ...cred, type: 'peachApi', data: { apiKey: 'sandbox-key', baseUrl: sandbox.url } }]);
	await inst.start();
	const owner = { email: 'owner@example.com', password: 'Panels-owner-1' };
	await inst.setupOwner(owner);
	const cookie = await inst.login(owner);
	const browser = await launch();
	const report = [];
	try {
		await authenticate(browser.context, inst.url, cookie);
		const page = await browser.context.newPage();
		page.setDefaultTimeout(120000); // a busy machine loads the editor slowly
		const pick = async (param, option) => {
			await page.getByTestId(`parameter-input-${param}`).click();
			await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText(option, { exact: true }) }).first().click();
			await page.waitForTimeout(400);
		};
		const itemNamed = (name) => page.locator('[data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^${name}$`) }).first();
		await page.goto(`${inst.url}/workflow/new`);
		// An empty canvas offers triggers first: the Peach Trigger, then the Peach node after it.
		await page.getByTestId('canvas-add-button').click();
		await page.getByTestId('node-creator').waitFor();
		await page.keyboard.type('Peach');
		await itemNamed('Peach').click();
		await page.getByText('On all events', { exact: true }).click();
		await page.getByTestId('ndv').waitFor();
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('canvas-handle-plus').first().click();
		await page.getByTestId('node-creator').waitFor();
		await page.keyboard.type('Peach');
		await itemNamed('Peach').click();
		await page.getByText('Send a template message', { exact: true }).first().click();
		await page.getByTestId('ndv').waitFor();
		await page.getByTestId('node-credentials-select').click();
		await page.locator('.el-select-dropdown__item:visible', { hasText: cred.name }).first().click();
		for (const resource of resources) {
			const operations = props.find((p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource.value)).options;
			for (const operation of operations) {
				await pick('resource', resource.name);
				await pick('operation', operation.name);
				// One row in every list that starts empty (line items, contacts, buttons, ...).
				const adders = page.locator('[data-test-id="ndv"] [data-test-id="fixed-collection-add"]:visible, [data-test-id="ndv"] [data-test-id="fixed-collection-add-property"]:visible');
				for (let i = 0; i < (await adders.count()); i++) {
					await adders.nth(i).click().catch(() => {});
					await page.waitForTimeout(300);
					const option = page.locator('.el-select-dropdown__item:visible, .el-dropdown-menu__item:visible').first();
					if (await option.count()) await option.click().catch(() => {});
				}
				await page.waitForTimeout(500);
				const fields = await page.evaluate(() => {
					const root = document.querySelector('[data-test-id="ndv"]');
					if (!root) return [];
					return [...root.querySelectorAll('[data-test-id="parameter-input-field"], label, .n8n-input-label')]
						.filter((el) => el.offsetParent !== null)
						.map((el) => el.textContent.replace(/\s+/g, ' ').trim())
						.filter((text, i, all) => text && all.indexOf(text) === i);
				});
				const issues = await page.locator('[data-test-id="ndv"] [data-test-id="parameter-issues"]:visible').count();
				const file = `${resource.value}-${operation.value}.png`;
				await page.getByTestId('ndv').screenshot({ path: path.join(OUT, file) });
				report.push(`=== ${resource.name} → ${operation.name} (${file}); parameter issues shown: ${issues}\n  ${fields.join('\n  ')}`);
				process.stdout.write(`${resource.name} → ${operation.name}: ${fields.length} labels, ${issues} issue(s)\n`);
			}
		}
	} catch (err) {
		const pages = browser.context.pages();
		if (pages.length) await pages[0].screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
		throw err;
	} finally {
		fs.writeFileSync(path.join(OUT, 'panels.txt'), `${report.join('\n')}\n`);
		await browser.close();
		await inst.dispose();
		await sandbox.close();
	}
	process.stdout.write(`panels: ${report.length} operation(s); see ${path.relative(REPO, OUT)}/panels.txt and the screenshots\n`);
}

main().catch((err) => {
	console.error(`panels: ${err.stack || err.message}`);
	stopAllNow();
	process.exit(1);
});
