#!/usr/bin/env node
'use strict';
// Trigger throughput in real n8n: the Peach Trigger against n8n's own Webhook node, like for like.
//
// For each n8n expression engine setting (the default `vm` engine, the same with
// N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, and N8N_EXPRESSION_ENGINE=legacy) it starts n8n 2.41.1
// (from tools/n8n/runtime.js) with four published workflows, each a trigger followed by a No Op:
//   - Peach Trigger (version 2), HMAC-SHA256 Signature, Drop Duplicate Deliveries on (the default)
//   - n8n Webhook node (2.1), Header Auth credential
//   - Peach Trigger (version 2), Authentication None, Drop Duplicate Deliveries on
//   - n8n Webhook node (2.1), no authentication
// and sends valid, distinct Peach delivery events from 20 concurrent senders over loopback,
// bounded by a count and a time, in alternating rounds. An event counts once n8n has answered it
// AND saved its execution as successful, so events/s covers the whole run, not only the answer.
// p50/p99 are the HTTP answer times.
//
//   node bench/trigger.js                      all three engines, prints a markdown table
//   node bench/trigger.js --profile            also CPU-profiles n8n (default engine) for the
//                                              no-auth pair and prints the top frames
//   PEACH_BENCH_EVENTS=600 PEACH_BENCH_SECONDS=30 PEACH_BENCH_ROUNDS=3 PEACH_BENCH_ENGINES=vm,lazy
//
// As a module: `await require('./bench/trigger').run({ ... })` returns the markdown and prints it.

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { N8n, REPO, uuid } = require('../tools/n8n/n8n');
const { DEFAULT_N8N_VERSION, NODE_VERSION } = require('../tools/n8n/runtime');

const SENDERS = 20;
const WARM_UP = { events: 200, seconds: 20 };
const SECRET = crypto.randomBytes(24).toString('hex');
const SIGNATURE_HEADER = 'X-Peach-Signature';
const AUTH_HEADER = 'X-Webhook-Secret';
const OWNER = { email: 'bench@example.com', password: `Bench-${crypto.randomBytes(6).toString('hex')}9` };

const ENGINES = {
	vm: { label: 'default (`vm`)', env: {} },
	lazy: { label: '`vm` + `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	legacy: { label: '`N8N_EXPRESSION_ENGINE=legacy`', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
};

const CREDENTIALS = {
	peach: { id: 'benchPeachWebhook', name: 'Bench Peach Webhook Secret' },
	header: { id: 'benchHeaderAuth', name: 'Bench Header Auth' },
};

function say(msg = '') {
	process.stdout.write(`${msg}\n`);
}

/** The four workflows; `url` is filled in once n8n runs. */
function scenarios() {
	const peach = (name, parameters, credentials) => ({
		key: name,
		id: `bench${name.replace(/\W/g, '')}`.slice(0, 16),
		webhookId: uuid(),
		kind: 'peach',
		parameters,
		credentials,
	});
	const webhook = (name, parameters, credentials) => ({
		key: name,
		id: `bench${name.replace(/\W/g, '')}`.slice(0, 16),
		webhookId: uuid(),
		kind: 'webhook',
		parameters,
		credentials,
	});
	return {
		peachHmac: peach('PeachHmac', { authentication: 'hmacSignature', signatureHeader: SIGNATURE_HEADER, events: ['*'] }, {
			peachWebhookApi: CREDENTIALS.peach,
		}),
		webhookHeader: webhook('WebhookHeader', { authentication: 'headerAuth' }, { httpHeaderAuth: CREDENTIALS.header }),
		peachNone: peach('PeachNone', { authentication: 'none', events: ['*'] }),
		peachNoneNoDup: peach('PeachNoneNoDup', { authentication: 'none', events: ['*'], dropDuplicates: false }),
		webhookNone: webhook('WebhookNone', {}),
	};
}

function workflowOf(s) {
	const trigger =
		s.kind === 'peach'
			? {
					name: 'Trigger',
					type: 'n8n-nodes-peach.peachTrigger',
					typeVersion: 2,
					webhookId: s.webhookId,
					parameters: s.parameters,
				}
			: {
					name: 'Trigger',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					webhookId: s.webhookId,
					parameters: { httpMethod: 'POST', path: s.webhookId, responseMode: 'onReceived', options: {}, ...s.parameters },
				};
	if (s.credentials) trigger.credentials = s.credentials;
	return {
		id: s.id,
		name: `Bench ${s.key}`,
		nodes: [trigger, { name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }],
		connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

function urlOf(s, base) {
	return s.kind === 'peach' ? `${base}/webhook/${s.webhookId}/webhook` : `${base}/webhook/${s.webhookId}`;
}

let eventCounter = 0;
/** A valid, distinct Peach delivery event (a new message id each time, so none is a duplicate). */
function nextEvent() {
	eventCounter++;
	return JSON.stringify({
		type: 'message_delivery.delivered',
		data: {
			message: {
				id: `cmsg_bench_${process.pid}_${eventCounter}`,
				status: 'delivered',
				type: 'template_message',
				reason: null,
				created_at: '2026-11-24T10:00:00.000Z',
				updated_at: '2026-11-24T10:00:01.000Z',
			},
			contact: { id: 1, name: 'John Doe', phone_number: '+919988776655', country_code: '91', language: null },
			event: null,
		},
	});
}

function headersFor(s, body) {
	const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
	if (s.key === 'PeachHmac') headers[SIGNATURE_HEADER] = crypto.createHmac('sha256', SECRET).update(body).digest('hex');
	if (s.key === 'WebhookHeader') headers[AUTH_HEADER] = SECRET;
	return headers;
}

function post(url, body, headers, agent) {
	return new Promise((resolve) => {
		const started = process.hrtime.bigint();
		const req = http.request(url, { method: 'POST', headers, agent, timeout: 120000 }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (error) => resolve({ status: 0, error: error.message, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
		req.end(body);
	});
}

function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function successCount(inst, cookie, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['success'] }));
	let last;
	// A loaded n8n sometimes answers this list slowly or oddly: ask again before giving up.
	for (let attempt = 0; attempt < 10; attempt++) {
		try {
			last = await inst.rest('GET', `/rest/executions?filter=${filter}&limit=1`, { cookie });
			const count = last.json && last.json.data && last.json.data.count;
			if (last.status === 200 && typeof count === 'number') return count;
		} catch (error) {
			last = { status: 0, text: error.message };
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
	throw new Error(`GET /rest/executions answered ${last.status}: ${String(last.text).slice(0, 300)}`);
}

/**
 * One measured run: up to `events` requests from SENDERS concurrent senders, stopping early at
 * `seconds`; then waits until n8n saved every accepted event's execution.
 */
async function measure(inst, cookie, s, { events, seconds }) {
	const url = urlOf(s, inst.url);
	const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
	const before = await successCount(inst, cookie, s.id);
	const latencies = [];
	const failures = {};
	let sent = 0;
	let accepted = 0;
	const started = Date.now();
	const deadline = started + seconds * 1000;
	async function sender() {
		while (sent < events && Date.now() < deadline) {
			sent++;
			const body = nextEvent();
			const res = await post(url, body, headersFor(s, body), agent);
			if (res.status === 200) {
				accepted++;
				latencies.push(res.ms);
			} else {
				const why = res.status || res.error;
				failures[why] = (failures[why] || 0) + 1;
			}
		}
	}
	await Promise.all(Array.from({ length: SENDERS }, sender));
	const answeredMs = Date.now() - started;
	// Every accepted event must become exactly one saved execution.
	let saved = 0;
	const drainDeadline = Date.now() + 120000;
	for (;;) {
		saved = (await successCount(inst, cookie, s.id)) - before;
		if (saved >= accepted || Date.now() > drainDeadline) break;
		await new Promise((r) => setTimeout(r, 200));
	}
	const doneMs = Date.now() - started;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		accepted,
		saved,
		failures,
		answeredMs,
		doneMs,
		perSecond: (saved / doneMs) * 1000,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
	};
}

/**
 * One n8n user folder with the credentials and the four workflows imported and published once;
 * `start(env)` runs n8n on it with one engine setting, `stop()` ends that run.
 */
async function prepareN8n() {
	const inst = await N8n.create({ version: DEFAULT_N8N_VERSION, label: '[bench n8n]' });
	await inst.importCredentials([
		{ ...CREDENTIALS.peach, type: 'peachWebhookApi', data: { secret: SECRET } },
		{ ...CREDENTIALS.header, type: 'httpHeaderAuth', data: { name: AUTH_HEADER, value: SECRET } },
	]);
	const all = Object.values(scenarios.current);
	await inst.importWorkflows(all.map(workflowOf));
	await inst.activate(all.map((s) => s.id));
	let ownerReady = false;
	return {
		inst,
		async start(env, { nodeOptions } = {}) {
			await inst.start({
				env: { N8N_LOG_LEVEL: 'warn', ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
			});
			if (!ownerReady) {
				await inst.setupOwner(OWNER);
				ownerReady = true;
			}
			// A loaded n8n can answer /healthz before its REST routes exist: retry the login.
			for (let attempt = 0; ; attempt++) {
				try {
					return await inst.login(OWNER);
				} catch (error) {
					if (attempt >= 30) throw error;
					await new Promise((r) => setTimeout(r, 2000));
				}
			}
		},
		stop: () => inst.stopServer(),
		dispose: () => inst.dispose(),
	};
}

function fmt(n, digits = 1) {
	return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

function mergeRuns(runs) {
	const sum = (f) => runs.reduce((t, r) => t + f(r), 0);
	const latencies = runs.map((r) => r);
	return {
		accepted: sum((r) => r.accepted),
		saved: sum((r) => r.saved),
		perSecond: (sum((r) => r.saved) / sum((r) => r.doneMs)) * 1000,
		p50: latencies.reduce((t, r) => t + r.p50, 0) / runs.length,
		p99: Math.max(...latencies.map((r) => r.p99)),
		failures: runs.reduce((all, r) => {
			for (const [k, v] of Object.entries(r.failures)) all[k] = (all[k] || 0) + v;
			return all;
		}, {}),
		perRound: runs.map((r) => r.perSecond),
	};
}

async function benchEngine(n8n, engineKey, options) {
	const engine = ENGINES[engineKey];
	say(`\n== engine: ${engine.label}`);
	const cookie = await n8n.start(engine.env);
	const inst = n8n.inst;
	const results = {};
	try {
		const s = scenarios.current;
		const groups = [
			[s.peachHmac, s.webhookHeader],
			[s.peachNone, s.webhookNone, s.peachNoneNoDup],
		].map((group) => group.filter((x) => !options.only || options.only.includes(x.key)));
		// Warm up every workflow (first executions load code, fill caches and let V8 optimise the hot
		// paths; 40 events were not enough: the first measured run was up to 30% slower than later ones).
		for (const scenario of groups.flat()) await measure(inst, cookie, scenario, WARM_UP);
		const runs = Object.fromEntries(groups.flat().map((x) => [x.key, []]));
		for (let round = 0; round < options.rounds; round++) {
			// Alternate the order each round so neither side always runs first.
			const pairs = groups;
			for (const pair of pairs) {
				for (const scenario of round % 2 ? [...pair].reverse() : pair) {
					const r = await measure(inst, cookie, scenario, options);
					runs[scenario.key].push(r);
					say(`  round ${round + 1} ${scenario.key}: ${r.saved}/${r.accepted} saved, ${fmt(r.perSecond)} events/s, p50 ${fmt(r.p50, 0)} ms, p99 ${fmt(r.p99, 0)} ms${Object.keys(r.failures).length ? `, failures ${JSON.stringify(r.failures)}` : ''}`);
				}
			}
		}
		for (const [key, list] of Object.entries(runs)) results[key] = mergeRuns(list);
	} finally {
		await n8n.stop();
	}
	return results;
}

/**
 * Self and total time per function from a .cpuprofile, top `limit` by self time. `window` keeps
 * only the samples taken between `fromEndS` and `toEndS` seconds before the profile ended.
 */
function summariseProfile(file, { limit = 12, window } = {}) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
	const selfUs = new Map();
	const totalUs = new Map();
	let all = 0;
	const keyOf = (n) => {
		const f = n.callFrame;
		const where = f.url ? `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${f.lineNumber + 1}` : '';
		return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
	};
	let clock = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		const dt = profile.timeDeltas[i] || 0;
		clock += dt;
		if (window) {
			const beforeEndS = (profile.endTime - clock) / 1e6;
			if (beforeEndS > window.fromEndS || beforeEndS < window.toEndS) continue;
		}
		all += dt;
		let id = profile.samples[i];
		const self = keyOf(nodes.get(id));
		selfUs.set(self, (selfUs.get(self) || 0) + dt);
		const seen = new Set();
		while (id !== undefined) {
			const k = keyOf(nodes.get(id));
			if (!seen.has(k)) {
				seen.add(k);
				totalUs.set(k, (totalUs.get(k) || 0) + dt);
			}
			id = parent.get(id);
		}
	}
	const share = (us) => (100 * us) / all;
	const top = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
	// Inclusive share of the expression engine's isolates (acquire, replenish, create).
	const isolate = [...totalUs.entries()]
		.filter(([k]) => /expression-runtime\//.test(k) || /isolated-vm/.test(k))
		.sort((a, b) => b[1] - a[1])
		.slice(0, 6);
	return { top: top.map(([k, us]) => [k, share(us)]), isolate: isolate.map(([k, us]) => [k, share(us)]), seconds: all / 1e6 };
}

/** Profiles the n8n process (default engine) while it takes the no-auth pair, one at a time. */
async function profilePair(n8n, options) {
	const out = {};
	for (const key of ['peachNone', 'webhookNone']) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), `peach-bench-prof-${key}-`));
		say(`\n== CPU profile of n8n (default engine) taking ${key}`);
		const cookie = await n8n.start({}, { nodeOptions: `--cpu-prof --cpu-prof-dir=${dir}` });
		let result;
		let measuredFrom;
		let measuredTo;
		try {
			const s = scenarios.current[key];
			await measure(n8n.inst, cookie, s, { events: 40, seconds: 20 });
			measuredFrom = Date.now();
			result = await measure(n8n.inst, cookie, s, options);
			measuredTo = Date.now();
		} finally {
			await n8n.stop();
		}
		// Only the measured run: the profile also covers n8n's start and stop.
		const stopped = Date.now();
		const window = { fromEndS: (stopped - measuredFrom) / 1000, toEndS: (stopped - measuredTo) / 1000 };
		// The n8n process's profile is the largest (task runners write small ones too).
		const files = fs.readdirSync(dir).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
		out[key] = { result, summary: files.length ? summariseProfile(files[0], { window }) : null, file: files[0] };
		if (!options.keepProfiles) fs.rmSync(dir, { recursive: true, force: true });
	}
	return out;
}

function machine() {
	const cpus = os.cpus();
	return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}`;
}

function renderTable(byEngine) {
	const lines = [
		'| Engine | Workflow | events/s | p50 ms | p99 ms | saved / accepted | Peach / Webhook |',
		'|---|---|---:|---:|---:|---:|---:|',
	];
	const names = {
		PeachHmac: 'Peach Trigger v2, HMAC, duplicates on',
		WebhookHeader: 'Webhook node, Header Auth',
		PeachNone: 'Peach Trigger v2, None, duplicates on',
		WebhookNone: 'Webhook node, no auth',
		PeachNoneNoDup: 'Peach Trigger v2, None, duplicates off',
	};
	for (const [engineKey, results] of Object.entries(byEngine)) {
		for (const [ours, theirs] of [
			['PeachHmac', 'WebhookHeader'],
			['PeachNone', 'WebhookNone'],
			['PeachNoneNoDup', 'WebhookNone'],
		]) {
			for (const key of ours === 'PeachNoneNoDup' ? [ours] : [ours, theirs]) {
				const r = results[key];
				if (!r) continue;
				const ratio = key === ours && results[theirs] ? `**${fmt(r.perSecond / results[theirs].perSecond, 2)}×**` : '';
				const rounds = r.perRound.map((x) => fmt(x)).join(', ');
				lines.push(
					`| ${ENGINES[engineKey].label} | ${names[key]} | ${fmt(r.perSecond)} (${rounds}) | ${fmt(r.p50, 0)} | ${fmt(r.p99, 0)} | ${r.saved} / ${r.accepted} | ${ratio} |`,
				);
			}
		}
	}
	return lines.join('\n');
}

function renderProfile(profiles) {
	const lines = [];
	for (const [key, { result, summary }] of Object.entries(profiles)) {
		if (!summary) continue;
		lines.push(`\n${key === 'peachNone' ? 'Peach Trigger v2, None' : 'Webhook node, no auth'}: ${fmt(result.perSecond)} events/s under the profiler, ${fmt(summary.seconds)} s of samples.`);
		lines.push('', '| Self % | Frame |', '|---:|---|');
		for (const [frame, pct] of summary.top) lines.push(`| ${fmt(pct)} | \`${frame}\` |`);
		lines.push('', '| Total % | Expression engine frame (inclusive) |', '|---:|---|');
		for (const [frame, pct] of summary.isolate) lines.push(`| ${fmt(pct)} | \`${frame}\` |`);
	}
	return lines.join('\n');
}

/**
 * Runs the benchmark and returns (and prints) its markdown. options: engines (['vm','lazy','legacy']),
 * events (per measured run), seconds (per measured run), rounds, profile (bool).
 */
async function run(options = {}) {
	const opts = {
		engines: options.engines || (process.env.PEACH_BENCH_ENGINES || 'vm,lazy,legacy').split(','),
		events: Number(options.events || process.env.PEACH_BENCH_EVENTS || 600),
		seconds: Number(options.seconds || process.env.PEACH_BENCH_SECONDS || 30),
		rounds: Number(options.rounds || process.env.PEACH_BENCH_ROUNDS || 3),
		profile: options.profile ?? process.argv.includes('--profile'),
		only: options.only || (process.env.PEACH_BENCH_ONLY ? process.env.PEACH_BENCH_ONLY.split(',') : undefined),
		keepProfiles: options.keepProfiles ?? process.argv.includes('--keep-profiles'),
	};
	if (!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'PeachTrigger'))) throw new Error('dist/ has no built trigger: run "npm run build" first');
	scenarios.current = scenarios();
	const loadBefore = os.loadavg()[0];
	const n8n = await prepareN8n();
	const byEngine = {};
	let profiles;
	try {
		for (const engine of opts.engines) byEngine[engine] = await benchEngine(n8n, engine, opts);
		say(`\n${renderTable(byEngine)}\n`);
		if (opts.profile) profiles = await profilePair(n8n, opts);
	} finally {
		await n8n.dispose();
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	let md = [
		`### Trigger throughput`,
		'',
		`n8n ${DEFAULT_N8N_VERSION} on Node ${NODE_VERSION}, ${pkg.name} ${pkg.version}; ${machine()}; 1-minute load average ${fmt(loadBefore)} at the start, ${fmt(os.loadavg()[0])} at the end (other work on the machine). SQLite, one n8n process, loopback.`,
		`${SENDERS} concurrent senders; each measured run sends up to ${opts.events} distinct valid events or stops after ${opts.seconds} s, ${opts.rounds} rounds per workflow in alternating order (per-round figures in brackets). Every workflow first takes a warm-up of up to ${WARM_UP.events} events (${WARM_UP.seconds} s), not counted.`,
		'events/s = executions saved as successful / time from the first request to the last saved execution; p50/p99 = HTTP answer time.',
		'',
		renderTable(byEngine),
	].join('\n');
	if (profiles) md += `\n\n#### CPU profile of n8n, default engine, no-auth pair\n${renderProfile(profiles)}`;
	say(`\n${md}\n`);
	return md;
}

module.exports = { run, summariseProfile };

if (require.main === module) {
	run().then(
		() => process.exit(0),
		(error) => {
			process.stderr.write(`${error.stack || error}\n`);
			process.exit(1);
		},
	);
}
