#!/usr/bin/env node
'use strict';
// `npm start`: n8n with this package installed, ready to click through.
//
//   1. builds the package (npm run build), unless its sources are unchanged since the last build;
//   2. gets Node 24 and the pinned n8n from the npm registry into a cache folder outside the
//      repository (first run: about 3 minutes on a quiet 2-core machine, with progress; later runs
//      reuse it). Linux x64 only; the first run also needs a C/C++ compiler, make and python3 to
//      compile SQLite, and both are checked before anything is built or downloaded;
//   3. starts the Peach sandbox on http://127.0.0.1:4010 (unless PEACH_API_KEY is set);
//   4. installs the package into an n8n user folder as a community package, imports a ready
//      "Peach API" credential (the sandbox, or the real Peach with PEACH_API_KEY / PEACH_BASE_URL),
//      a "Peach Webhook Secret" credential and the example workflows in examples/ (each again
//      only when it changed);
//   5. starts n8n on http://localhost:5678, sets up an owner account on the first run and prints
//      how to log in. Ctrl-C stops everything it started.
//
// Settings (environment):
//   PEACH_API_KEY, PEACH_BASE_URL   use the real Peach instead of the sandbox (the key is never printed)
//   PEACH_N8N_PORT (5678), PEACH_SANDBOX_PORT (4010)
//   PEACH_N8N_VERSION               another n8n (e.g. 1 for the newest supported 1.x)
//   PEACH_N8N_HOME                  the n8n user folder to keep (default: in the cache folder)
//   PEACH_N8N_CACHE                 the cache folder (default ~/.cache/n8n-nodes-peach)
//   PEACH_SKIP_BUILD=1              use dist/ as it is
//   --fresh                         start over with an empty user folder (new owner, examples again)

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { N8n, REPO, ms } = require('./n8n/n8n');
const { loadExamples } = require('./n8n/examples');
const { cacheRoot, resolveVersion, checkPrerequisites, DEFAULT_N8N_VERSION } = require('./n8n/runtime');
const { spawnGroup, portIsFree, onExit, isStopping } = require('./n8n/processes');
const { packageInfo } = require('./n8n/package-info');

const SANDBOX_API_KEY = 'sandbox-key';
const PEACH_CREDENTIAL = { id: 'peachApiCredential', name: 'Peach API' };
const WEBHOOK_CREDENTIAL = { id: 'peachWebhookSecret', name: 'Peach Webhook Secret' };
const OWNER_EMAIL = 'owner@example.com';

const started = Date.now();
function say(msg = '') {
	process.stdout.write(`${msg}\n`);
}
function step(msg) {
	say(`\n==> ${msg}  [${ms(Date.now() - started)}]`);
}
function fail(msg) {
	say(`\nnpm start: ${msg}`);
	process.exit(1);
}

// What the build reads: when none of it changed since the last build and dist/ is as that build
// left it, the build is skipped (it takes 20 s or more on a small machine).
const BUILD_INPUTS = ['credentials', 'nodes', 'icons', 'package.json', 'package-lock.json', 'tsconfig.json', 'gulpfile.js'];
const BUILD_STAMP = path.join(REPO, 'node_modules', '.cache', 'n8n-nodes-peach', 'build.json');

function listFiles(entry) {
	const full = path.join(REPO, entry);
	let stat;
	try {
		stat = fs.statSync(full);
	} catch {
		return [];
	}
	if (!stat.isDirectory()) return [entry];
	return fs
		.readdirSync(full)
		.sort()
		.flatMap((name) => listFiles(path.join(entry, name)));
}

function sourcesHash() {
	const hash = crypto.createHash('sha256');
	for (const file of BUILD_INPUTS.flatMap(listFiles)) {
		hash.update(`${file}\0`);
		hash.update(fs.readFileSync(path.join(REPO, file)));
	}
	return hash.digest('hex');
}

// dist/ as a list of files with their sizes and modification times: changes when anything rebuilds it.
function distFingerprint() {
	const hash = crypto.createHash('sha256');
	for (const file of listFiles('dist')) {
		const st = fs.statSync(path.join(REPO, file));
		hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
	}
	return hash.digest('hex');
}

async function build() {
	if (process.env.PEACH_SKIP_BUILD) {
		step('using dist/ as it is (PEACH_SKIP_BUILD)');
		return;
	}
	const sources = sourcesHash();
	const stamp = readJson(BUILD_STAMP, {});
	if (stamp.sources === sources && stamp.dist === distFingerprint()) {
		step('the package is unchanged since its last build: using dist/ as it is');
		return;
	}
	step(`building the package (npm run build)${stamp.seconds ? `: took ${stamp.seconds}s last time` : ''}`);
	const buildStarted = Date.now();
	const child = spawnGroup('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit', env: process.env }, 'npm run build');
	// tsc prints nothing while it works.
	const ticker = setInterval(() => say(`  building: ${ms(Date.now() - buildStarted)}`), 10000);
	const { code } = await child.exited;
	clearInterval(ticker);
	if (code !== 0) fail('the build failed (see above); fix it and run npm start again');
	fs.mkdirSync(path.dirname(BUILD_STAMP), { recursive: true });
	const seconds = Math.round((Date.now() - buildStarted) / 1000);
	fs.writeFileSync(BUILD_STAMP, JSON.stringify({ sources, dist: distFingerprint(), seconds }, null, 2));
	say(`  built in ${seconds}s`);
}

function readJson(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
}

async function main() {
	const fresh = process.argv.includes('--fresh');
	const version = resolveVersion(process.env.PEACH_N8N_VERSION || DEFAULT_N8N_VERSION);
	const n8nPort = Number(process.env.PEACH_N8N_PORT || 5678);
	const sandboxPort = Number(process.env.PEACH_SANDBOX_PORT || 4010);
	const realPeach = !!process.env.PEACH_API_KEY;

	// Before the build and any download: a platform or machine the first run cannot finish on.
	try {
		checkPrerequisites(version);
	} catch (err) {
		fail(err.message);
	}
	await build();
	const pkg = packageInfo();
	if (pkg.problems.length) fail(`the built package would not load in n8n:\n  ${pkg.problems.join('\n  ')}`);

	if (!(await portIsFree(n8nPort))) fail(`port ${n8nPort} is taken (another n8n?). Stop it, or set PEACH_N8N_PORT to another port.`);

	step(`getting n8n ${version} (cached in ${cacheRoot()})`);
	const home = process.env.PEACH_N8N_HOME ? path.resolve(process.env.PEACH_N8N_HOME) : path.join(cacheRoot(), `start-n8n-${version}`);
	if (fresh && fs.existsSync(home)) {
		say(`  --fresh: removing ${home}`);
		fs.rmSync(home, { recursive: true, force: true });
	}
	const inst = await N8n.create({ version, userFolder: home, label: '[n8n]', installPackage: false });
	inst.installPackage();
	const stateFile = path.join(home, 'peach-start.json');
	const state = readJson(stateFile, { examples: {} });
	const saveState = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });

	let sandbox;
	let baseUrl;
	let apiKey;
	if (realPeach) {
		baseUrl = (process.env.PEACH_BASE_URL || 'https://app.trypeach.ai').replace(/\/+$/, '');
		apiKey = process.env.PEACH_API_KEY;
		step(`using the real Peach at ${baseUrl} (API key from PEACH_API_KEY); the sandbox is not started`);
	} else {
		step('starting the Peach sandbox');
		if (!(await portIsFree(sandboxPort))) fail(`port ${sandboxPort} is taken. Set PEACH_SANDBOX_PORT to another port.`);
		const { startSandbox } = require('./sandbox');
		sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1', apiKey: SANDBOX_API_KEY });
		onExit(() => sandbox.close());
		baseUrl = sandbox.url;
		apiKey = SANDBOX_API_KEY;
		say(`  sandbox on ${sandbox.url} (API key "${SANDBOX_API_KEY}")`);
	}

	step('importing the credentials and example workflows');
	state.webhookSecret = state.webhookSecret || crypto.randomBytes(18).toString('base64url');
	const credentials = [
		{ ...PEACH_CREDENTIAL, type: 'peachApi', data: { apiKey, baseUrl } },
		{ ...WEBHOOK_CREDENTIAL, type: 'peachWebhookApi', data: { secret: state.webhookSecret } },
	];
	// Each n8n CLI import boots n8n (about 10 s), so unchanged credentials are not imported again.
	// With the real Peach they always are: nothing derived from the API key is kept here.
	const credentialsHash = realPeach ? null : crypto.createHash('sha256').update(JSON.stringify(credentials)).digest('hex');
	if (credentialsHash && state.credentials === credentialsHash) {
		say(`  credentials "${PEACH_CREDENTIAL.name}" and "${WEBHOOK_CREDENTIAL.name}" already imported and unchanged`);
	} else {
		await inst.importCredentials(credentials);
		state.credentials = credentialsHash;
	}
	const examples = loadExamples({ peachApi: PEACH_CREDENTIAL, peachWebhookApi: WEBHOOK_CREDENTIAL });
	const changed = examples.filter((e) => state.examples[e.file] !== e.hash);
	if (!examples.length) say('  no example workflows in examples/ yet');
	else if (!changed.length) say(`  ${examples.length} example workflow(s) already imported and unchanged`);
	else {
		await inst.importWorkflows(changed.map((e) => e.wf));
		for (const e of changed) state.examples[e.file] = e.hash;
		say(`  imported: ${changed.map((e) => e.wf.name).join(', ')}`);
	}
	saveState();

	step(`starting n8n ${version} on http://localhost:${n8nPort}`);
	const logFile = path.join(home, 'n8n.log');
	fs.writeFileSync(logFile, '');
	if (state.bootSeconds) say(`  n8n took ${state.bootSeconds}s to answer last time`);
	const bootStarted = Date.now();
	await inst.start({ port: n8nPort, host: '127.0.0.1', publicHost: 'localhost', logFile, timeoutMs: 180000 });
	state.bootSeconds = Math.round((Date.now() - bootStarted) / 1000);
	saveState();

	if (!state.owner) {
		const owner = { email: OWNER_EMAIL, password: `Peach-${crypto.randomBytes(9).toString('base64url')}7` };
		try {
			await inst.setupOwner(owner);
		} catch (err) {
			await inst.stopServer();
			fail(`${err.message}\nThe user folder ${home} has an owner this script does not know: run "npm start -- --fresh" to start over.`);
		}
		state.owner = owner;
		saveState();
	}

	const url = `http://localhost:${n8nPort}`;
	say('');
	say('================================================================');
	say(` n8n ${version} with n8n-nodes-peach is running: ${url}`);
	say('');
	say(` Log in with    ${state.owner.email}`);
	say(`   password     ${state.owner.password}`);
	say('');
	say(` Credentials    "${PEACH_CREDENTIAL.name}" → ${realPeach ? `${baseUrl} (API key from PEACH_API_KEY)` : `the sandbox, ${baseUrl} (API key "${SANDBOX_API_KEY}")`}`);
	say(`                "${WEBHOOK_CREDENTIAL.name}" (Shared Secret: ${state.webhookSecret})`);
	say(` Workflows      ${examples.length ? examples.map((e) => `"${e.wf.name}"`).join(', ') : '(no examples yet)'}`);
	if (sandbox) {
		say('');
		say(' Send a sandbox webhook to a published Peach Trigger (copy its Production URL):');
		say(`   curl -s -X POST ${sandbox.url}/__sandbox/webhooks -H 'content-type: application/json' \\`);
		say(`     -d '{"url":"<Production URL>?token=${state.webhookSecret}","type":"message_delivery.failed"}'`);
		say(' Make a customer write in, for a published Peach Polling Trigger (it checks every minute):');
		say(`   curl -s -X POST ${sandbox.url}/__sandbox/inbound-messages -H 'content-type: application/json' \\`);
		say(`     -d '{"phoneNumber":"+919988776655","text":"Where is my order?"}'`);
	}
	say('');
	say(` n8n's log: ${logFile}   user folder: ${home}`);
	say(` Ready in ${ms(Date.now() - started)}. Ctrl-C stops n8n${sandbox ? ' and the sandbox' : ''}.`);
	say('================================================================');

	const { code, signal } = await inst.server.exited;
	if (!isStopping()) {
		say(`\nn8n stopped by itself (${signal || `exit ${code}`}); its log is ${logFile}`);
		inst.server = null;
		if (sandbox) await sandbox.close();
		process.exit(1);
	}
}

main().catch((err) => {
	console.error(`\nnpm start: ${err && err.message ? err.message : err}`);
	process.exit(1);
});
