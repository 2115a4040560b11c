'use strict';
// The n8n editor in a real browser: headless Chromium (Debian's `chromium` package) driven by
// playwright-core. Logs in with the owner's session, adds the Peach node, picks a resource and
// operation, opens the template list (the sandbox's approved templates), tests the credential,
// and saves screenshots of the node panels and the triggers' setup notices into docs/screenshots/.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { REPO } = require('../../tools/n8n/n8n');

const CHROMIUM = process.env.PEACH_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO, 'docs', 'screenshots');

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: run "npm install" (it is a devDependency)');
	}
}

function chromiumMissing() {
	return fs.existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`;
}

async function launch() {
	const { chromium, selectors } = loadPlaywright();
	// n8n's editor marks its elements with data-test-id.
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
	return {
		context,
		close: async () => {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

// Puts the owner's session cookie (from the REST login) into the browser.
async function authenticate(context, baseUrl, cookieHeader) {
	const cookies = cookieHeader
		.split(';')
		.map((c) => c.trim())
		.filter(Boolean)
		.map((c) => {
			const i = c.indexOf('=');
			return { name: c.slice(0, i), value: c.slice(i + 1), url: baseUrl };
		});
	await context.addCookies(cookies);
}

/** Keeps what the browser showed when a case failed (test/.artifacts/screenshots/failure.*) and says so in the error. */
async function keepFailure(page, err) {
	const dir = path.join(REPO, 'test', '.artifacts', 'screenshots');
	fs.mkdirSync(dir, { recursive: true });
	if (page) await page.screenshot({ path: path.join(dir, 'failure.png') }).catch(() => {});
	if (page) fs.writeFileSync(path.join(dir, 'failure.html'), await page.content().catch(() => ''));
	err.message += `\n(what the browser showed: test/.artifacts/screenshots/failure.png)`;
	return err;
}

/** Runs `use(page)` in a logged-in editor page; on failure keeps what the browser showed; always closes. */
async function withEditorPage(ctx, use) {
	const browser = await launch();
	let page;
	try {
		await authenticate(browser.context, ctx.n8n.url, ctx.cookie);
		page = await browser.context.newPage();
		page.setDefaultTimeout(30000);
		return await use(page);
	} catch (err) {
		throw await keepFailure(page, err);
	} finally {
		await browser.close();
	}
}

/**
 * The fields among `names` whose required marker (n8n's red warning icon, "Parameter … is required")
 * is visible in the open node panel. n8n holds these back on a node just added from the nodes panel
 * until the field is left, the step is executed or the panel is opened again (reopenNode).
 */
async function fieldsWithRequiredMarker(page, names) {
	const marked = [];
	for (const name of names) {
		const item = page
			.getByTestId('ndv')
			.getByTestId('parameter-item')
			.filter({ has: page.locator(`label[for="${name}"]`) })
			.first();
		if (await item.getByTestId('parameter-issues').filter({ visible: true }).count()) marked.push(name);
	}
	return marked;
}

/** Closes the node panel and opens the canvas node named `nodeName` again. */
async function reopenNode(page, nodeName) {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
	await page.getByTestId('canvas-node').filter({ hasText: nodeName }).first().dblclick();
	await page.getByTestId('ndv').waitFor();
}

module.exports = {
	launch,
	authenticate,
	chromiumMissing,
	keepFailure,
	withEditorPage,
	fieldsWithRequiredMarker,
	reopenNode,
	SCREENSHOTS,
	CHROMIUM,
};
