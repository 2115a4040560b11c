#!/usr/bin/env node
'use strict';
// The end-to-end suite: this package inside real, unmodified n8n (each version in
// PEACH_E2E_N8N_VERSIONS, default the pinned 2.x and the newest 1.x), against the Peach sandbox.
//
//   npm run test:e2e                               build, then every case on every n8n version
//   PEACH_E2E_N8N_VERSIONS=2 npm run test:e2e      only n8n 2.x (a major or an exact version)
//   PEACH_E2E_CASES=trigger npm run test:e2e       only cases whose name contains "trigger" (comma-separated: any of them)
//   PEACH_E2E_KEEP=1                               keep the temporary n8n user folders
//   PEACH_E2E_BROWSER=0                            skip the browser (editor) cases
//
// Cases are files in test/e2e/cases/ (see cases/README.md). Per n8n version, the runner:
//   1. installs or finds n8n (cache outside the repo), makes a temporary user folder, installs the
//      package there, starts the sandbox and a sink for workflow output;
//   2. imports the credentials and every case's workflows with the n8n CLI;
//   3. runs each "execute" case with `n8n execute --id … --rawOutput` and checks its items;
//   4. publishes the trigger workflows, starts `n8n start`, sets up the owner, and runs the
//      "trigger" and "server" cases against the running n8n;
//   5. on n8n 2.x, runs the "queue" cases on n8n in queue mode (./queue.js: PostgreSQL, Redis, main,
//      worker and two webhook processes, PEACH_E2E_CASES=queue for these alone);
//   6. stops everything it started (by process group) and removes the user folders.
// It ends with "N passed, N failed" (", N skipped") alone on the last line.

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
// The suite installs the package as published (npm pack), not the work tree; set before the
// runner reads it. PEACH_E2E_PACKAGE_DIR=. installs the work tree instead.
if (!process.env.PEACH_E2E_PACKAGE_DIR) process.env.PEACH_E2E_PACKAGE_DIR = require('./packed').unpackPackage();
const { N8n, makeId, ms, tail } = require('../../tools/n8n/n8n');
const { N8N_VERSIONS, resolveVersion, ensureN8n, cacheRoot } = require('../../tools/n8n/runtime');
const { freePort } = require('../../tools/n8n/processes');
const { startSink } = require('./sink');
const { startFakeOpenAi } = require('./fake-openai');
const { packageInfo } = require('../../tools/n8n/package-info');
const { builders } = require('./workflow');
const { QueueCluster } = require('./queue');
const expect = require('./expect');

const SANDBOX_API_KEY = 'sandbox-key'; // the sandbox's fake key: safe to print
const WRONG_API_KEY = 'wrong-key-for-e2e';
const CASES_DIR = path.join(__dirname, 'cases');

const suiteStarted = Date.now();
const results = []; // { version, name, status: 'passed'|'failed'|'skipped', ms, error, reason }

function say(msg = '') {
	process.stdout.write(`${msg}\n`);
}
function step(msg) {
	say(`\n==> ${msg}  [${ms(Date.now() - suiteStarted)}]`);
}

function record(version, name, status, extra = {}) {
	results.push({ version, name, status, ...extra });
	const time = extra.ms !== undefined ? ` (${ms(extra.ms)})` : '';
	if (status === 'passed') say(`  ✓ ${name}${time}`);
	else if (status === 'skipped') say(`  - ${name} (skipped: ${extra.reason})`);
	else {
		say(`  ✗ ${name}${time}`);
		say(
			String(extra.error && extra.error.stack && process.env.PEACH_E2E_STACK ? extra.error.stack : extra.error && extra.error.message ? extra.error.message : extra.error)
				.split('\n')
				.map((l) => `      ${l}`)
				.join('\n'),
		);
	}
}

function loadCases() {
	const files = fs.readdirSync(CASES_DIR).filter((f) => f.endsWith('.js') && f !== 'common.js').sort();
	const cases = [];
	for (const file of files) {
		const mod = require(path.join(CASES_DIR, file));
		for (const c of Array.isArray(mod) ? mod : [mod]) {
			cases.push({ kind: 'execute', ...c, file });
		}
	}
	const filter = process.env.PEACH_E2E_CASES;
	if (!filter) return cases;
	// Comma-separated: a case runs when its name or file contains any of them.
	const wanted = filter.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
	return cases.filter((c) => wanted.some((f) => c.name.toLowerCase().includes(f) || c.file.includes(f)));
}

// Why a case cannot run on this n8n / with this build, or null.
function skipReason(c, ctx) {
	if (c.versions && !c.versions.includes(ctx.major)) return `runs on n8n ${c.versions.join('/')}.x only`;
	const missing = (c.requires || []).filter((op) => !ctx.pkg.has(op));
	if (missing.length) return `the node has no ${missing.join(', ')} yet`;
	if (c.skip) {
		const r = typeof c.skip === 'function' ? c.skip(ctx) : c.skip;
		if (r) return r;
	}
	return null;
}

async function runVersion(version, pkg, cases) {
	const tag = `n8n ${version}`;
	step(`${tag}: install or reuse the runtime, make a user folder, install the package`);
	const t0 = Date.now();
	let inst;
	let sandbox;
	let sink;
	let openAi;
	try {
		inst = await N8n.create({ version });
		const { startSandbox } = require('../../tools/sandbox');
		sandbox = await startSandbox({ port: await freePort(), host: '127.0.0.1', apiKey: SANDBOX_API_KEY });
		sink = await startSink();
		openAi = await startFakeOpenAi();
		say(`  sandbox on ${sandbox.url} (API key "${SANDBOX_API_KEY}"), sink on ${sink.url}, stand-in chat model on ${openAi.url}`);

		const webhookSecret = crypto.randomBytes(24).toString('hex');
		const creds = {
			peach: { id: makeId('cred:peach'), name: 'Peach sandbox' },
			peachWrongKey: { id: makeId('cred:peachWrongKey'), name: 'Peach sandbox (wrong key)' },
			webhook: { id: makeId('cred:webhook'), name: 'Peach webhook secret' },
			openAi: { id: makeId('cred:openAi'), name: 'Stand-in chat model' },
		};
		const ctx = {
			version: inst.version,
			major: inst.major,
			n8n: inst,
			sandbox,
			sink,
			openAi,
			pkg,
			creds,
			webhookSecret,
			sandboxApiKey: SANDBOX_API_KEY,
			expect,
			log: (m) => say(`      ${m}`),
		};
		ctx.wf = builders(ctx);

		step(`${tag}: import credentials and workflows (n8n import:credentials, import:workflow)`);
		ctx.credentialRecords = [
			{ ...creds.peach, type: 'peachApi', data: { apiKey: SANDBOX_API_KEY, baseUrl: sandbox.url } },
			{ ...creds.peachWrongKey, type: 'peachApi', data: { apiKey: WRONG_API_KEY, baseUrl: sandbox.url } },
			{ ...creds.webhook, type: 'peachWebhookApi', data: { secret: webhookSecret } },
			{ ...creds.openAi, type: 'openAiApi', data: { apiKey: 'sk-e2e-not-a-real-key', url: openAi.url } },
		];
		await inst.importCredentials(ctx.credentialRecords);

		const runnable = [];
		const queueCases = [];
		for (const c of cases) {
			const reason = skipReason(c, ctx);
			if (reason) {
				record(tag, c.name, 'skipped', { reason });
				continue;
			}
			// Queue-mode cases run on a cluster of their own, after the rest (runQueueCases).
			if (c.kind === 'queue') {
				queueCases.push(c);
				continue;
			}
			try {
				c.built = c.kind === 'execute' ? [c.workflow(ctx)] : c.workflows ? c.workflows(ctx) : [];
				runnable.push(c);
			} catch (err) {
				record(tag, c.name, 'failed', { error: new Error(`building its workflow failed: ${err.message}`) });
			}
		}
		const allWorkflows = runnable.flatMap((c) => c.built);
		const ids = new Set();
		for (const w of allWorkflows) {
			if (!w.id) w.id = makeId(`${version}:${w.name}`);
			if (ids.has(w.id)) throw new Error(`two workflows share the id ${w.id} (${w.name}): give them distinct names`);
			ids.add(w.id);
		}
		if (allWorkflows.length) await inst.importWorkflows(allWorkflows);

		const executeCases = runnable.filter((c) => c.kind === 'execute');
		step(`${tag}: ${executeCases.length} workflow(s) run with "n8n execute --id … --rawOutput"`);
		for (const c of executeCases) {
			const started = Date.now();
			try {
				if (sandbox.reset) sandbox.reset();
				openAi.clear();
				if (c.before) await c.before(ctx);
				// What `before` read from the sandbox is not part of what the workflow sent.
				if (sandbox.clearRequests) sandbox.clearRequests();
				const res = await inst.execute(c.built[0].id);
				await checkExecution(c, res, ctx);
				record(tag, c.name, 'passed', { ms: Date.now() - started });
			} catch (err) {
				record(tag, c.name, 'failed', { ms: Date.now() - started, error: err });
			}
		}

		const serverCases = runnable.filter((c) => c.kind === 'trigger' || c.kind === 'server');
		if (serverCases.length) {
			const toPublish = runnable.filter((c) => c.kind === 'trigger').flatMap((c) => c.built.filter((w) => w.publish !== false).map((w) => w.id));
			if (toPublish.length) {
				step(`${tag}: publish ${toPublish.length} trigger workflow(s)`);
				await inst.activate(toPublish);
			}
			step(`${tag}: start n8n (n8n start), set up the owner, run ${serverCases.length} case(s) against it`);
			await inst.start();
			ctx.owner = { email: 'e2e-owner@example.com', password: `E2e-${crypto.randomBytes(9).toString('base64url')}9` };
			await inst.setupOwner(ctx.owner);
			ctx.cookie = await inst.login(ctx.owner);
			for (const c of serverCases) {
				const started = Date.now();
				try {
					if (sandbox.reset) sandbox.reset();
					sink.clear();
					await withTimeout(c.run(ctx), c.timeoutMs || 120000, c.name);
					record(tag, c.name, 'passed', { ms: Date.now() - started });
				} catch (err) {
					// What n8n logged last often says why (a crash shows up here only as "socket hang up").
					if (err && inst.serverLog) err.message += `\nn8n's log ends with:\n${tail(inst.serverLog, 15)}`;
					record(tag, c.name, 'failed', { ms: Date.now() - started, error: err });
				}
			}
			await inst.stopServer();
		}
		if (queueCases.length) await runQueueCases(tag, queueCases, ctx);
	} catch (err) {
		record(tag, `${tag}: set-up`, 'failed', { error: err });
		if (inst && inst.server) say(tail(inst.serverLog, 30));
	} finally {
		if (inst) await inst.dispose();
		if (sandbox) await sandbox.close();
		if (sink) await sink.close();
		if (openAi) await openAi.close();
		say(`  ${tag} done in ${ms(Date.now() - t0)}`);
	}
}

// n8n in queue mode (./queue.js): PostgreSQL, Redis, the main process, one worker and two webhook
// processes, started once for all `kind: 'queue'` cases and stopped after them.
async function runQueueCases(tag, cases, ctx) {
	step(`${tag} in queue mode: PostgreSQL, Redis, n8n main + worker + 2 webhook processes, ${cases.length} case(s)`);
	const started = Date.now();
	let cluster;
	try {
		cluster = await QueueCluster.create({ version: ctx.version, webhooks: 2, workers: 1, log: ctx.log });
		const qctx = { ...ctx, cluster, n8n: cluster.main };
		qctx.wf = builders(qctx);
		const built = [];
		for (const c of cases) {
			c.built = c.workflows ? c.workflows(qctx) : [];
			for (const w of c.built) if (!w.id) w.id = makeId(`${ctx.version}:queue:${w.name}`);
			built.push(...c.built);
		}
		await cluster.main.importCredentials(ctx.credentialRecords);
		if (built.length) await cluster.main.importWorkflows(built);
		// One `n8n publish:workflow` each, side by side: each only marks its workflow published.
		const published = built.filter((w) => w.publish !== false);
		await Promise.all(published.map((w) => cluster.main.activate([w.id])));
		const startMs = await cluster.start({ webhooks: published.flatMap((w) => w.nodes.filter((n) => n.webhookId)).length });
		ctx.log(`queue mode up in ${ms(startMs)} (set-up ${ms(Date.now() - started)} in all)`);
		for (const c of cases) {
			const t = Date.now();
			try {
				if (ctx.sandbox.reset) ctx.sandbox.reset();
				ctx.sink.clear();
				await withTimeout(c.run(qctx), c.timeoutMs || 300000, c.name);
				record(tag, c.name, 'passed', { ms: Date.now() - t });
			} catch (err) {
				record(tag, c.name, 'failed', { ms: Date.now() - t, error: err });
			}
		}
	} catch (err) {
		record(tag, `${tag} queue mode: set-up`, 'failed', { error: err });
		if (cluster) for (const p of cluster.processes) if (p.serverLog) say(`${p.prefix} log tail:\n${tail(p.serverLog, 15)}`);
	} finally {
		if (cluster) await cluster.close();
		say(`  queue mode done in ${ms(Date.now() - started)}`);
	}
}

async function checkExecution(c, res, ctx) {
	const want = c.expectExecution || 'success';
	if (!res.run) {
		throw new Error(`n8n execute printed no run data (exit ${res.code}):\n${tail(res.stdout + res.stderr, 25)}`);
	}
	if (want === 'success' && (!res.ok || res.error)) {
		throw new Error(`the execution failed: ${res.error ? res.error.message : `exit ${res.code}${res.signal ? `, ${res.signal}` : ''}`}${res.error && res.error.description ? ` (${res.error.description})` : ''}`);
	}
	if (want === 'error' && res.ok && !res.error) throw new Error('the execution succeeded, but it must fail');
	const expected = typeof c.expect === 'function' ? c.expect(ctx) : c.expect || {};
	for (const [nodeName, items] of Object.entries(expected)) {
		expect.checkItems(nodeName, res.items(nodeName), items);
	}
	if (c.check) await c.check(res, ctx);
}

function withTimeout(promise, timeoutMs, name) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${name}: no result within ${timeoutMs / 1000}s`)), timeoutMs);
		}),
	]).finally(() => clearTimeout(timer));
}

async function main() {
	const versions = (process.env.PEACH_E2E_N8N_VERSIONS || `${N8N_VERSIONS[2]},${N8N_VERSIONS[1]}`)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean)
		.map(resolveVersion);
	step(`end-to-end suite: n8n-nodes-peach in real n8n ${versions.join(' and ')}`);
	const pkg = packageInfo();
	say(`  built package: Peach node v${pkg.peachVersion} with ${pkg.operations.size} operation(s), Peach Trigger v${pkg.triggerVersion}`);
	if (pkg.problems.length) {
		record('package', 'the built package loads in n8n', 'failed', { error: new Error(pkg.problems.join('\n')) });
	} else {
		const cases = loadCases();
		say(`  ${cases.length} case(s) from test/e2e/cases/`);
		// Install (or find) every n8n version at once: on a cold cache the downloads overlap.
		step(`getting n8n ${versions.join(' and ')} (cache: ${cacheRoot()})`);
		const installs = new Map(versions.map((v) => [v, ensureN8n(v)]));
		for (const p of installs.values()) p.catch(() => {});
		for (const version of versions) {
			try {
				await installs.get(version);
			} catch (err) {
				record(`n8n ${version}`, `n8n ${version}: install`, 'failed', { error: err });
				continue;
			}
			await runVersion(version, pkg, cases);
		}
	}

	const passed = results.filter((r) => r.status === 'passed').length;
	const failed = results.filter((r) => r.status === 'failed');
	const skipped = results.filter((r) => r.status === 'skipped').length;
	step(`summary (${ms(Date.now() - suiteStarted)})`);
	for (const version of [...new Set(results.map((r) => r.version))]) {
		const rs = results.filter((r) => r.version === version);
		say(`  ${version}: ${rs.filter((r) => r.status === 'passed').length} passed, ${rs.filter((r) => r.status === 'failed').length} failed, ${rs.filter((r) => r.status === 'skipped').length} skipped`);
	}
	for (const f of failed) say(`  FAILED [${f.version}] ${f.name}`);
	say(`${passed} passed, ${failed.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
	process.exitCode = failed.length || !passed ? 1 : 0;
	// Everything started here is stopped by now; do not wait for idle keep-alive sockets.
	setTimeout(() => process.exit(), 200);
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	say('0 passed, 1 failed');
	process.exitCode = 1;
});
