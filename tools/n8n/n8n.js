'use strict';
// A small library around an unmodified n8n: a user folder, this package installed the way a user
// installs a community package, credentials and workflows imported with the n8n CLI, workflows
// executed with `n8n execute`, and `n8n start` for published (active) workflows and the editor.
//
//   const inst = await N8n.create({ version: '2.41.1' });
//   await inst.importCredentials([...]); await inst.importWorkflows([...]);
//   const res = await inst.execute('wfId');         // { ok, code, run, error, items(nodeName) }
//   await inst.activate(['wfId']); await inst.start(); ... await inst.stopServer();
//   await inst.dispose();

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { ensureN8n } = require('./runtime');
const { spawnGroup, freePort, onExit } = require('./processes');

const REPO = path.resolve(__dirname, '..', '..');
// The package to install: this repository's package.json + dist/ (another folder with the same
// layout can be given in PEACH_E2E_PACKAGE_DIR, e.g. an unpacked `npm pack`).
const PACKAGE_DIR = process.env.PEACH_E2E_PACKAGE_DIR ? path.resolve(process.env.PEACH_E2E_PACKAGE_DIR) : REPO;
const PACKAGE_NAME = 'n8n-nodes-peach';
const NODE_TYPES = {
	peach: `${PACKAGE_NAME}.peach`,
	peachTrigger: `${PACKAGE_NAME}.peachTrigger`,
	peachPollingTrigger: `${PACKAGE_NAME}.peachPollingTrigger`,
	peachTool: `${PACKAGE_NAME}.peachTool`,
};

function log(prefix, msg) {
	process.stdout.write(`${prefix} ${msg}\n`);
}

// n8n ids are short strings; the CLI keeps the id given in an imported file.
function makeId(seed) {
	const h = crypto.createHash('sha256').update(String(seed)).digest('base64').replace(/[^A-Za-z0-9]/g, '');
	return h.slice(0, 16);
}

function uuid() {
	return crypto.randomUUID();
}

// Copies the package into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-peach, the folder where
// n8n keeps installed community packages (no node_modules: n8n provides n8n-workflow): an unpacked
// tarball whole, the work tree as package.json and dist/ (what its tarball holds of code).
function installPackage(userFolder, repo = PACKAGE_DIR) {
	const dist = path.join(repo, 'dist');
	if (!fs.existsSync(path.join(dist, 'nodes'))) {
		throw new Error(`${dist} has no built nodes: run "npm run build" first`);
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	if (repo !== REPO) fs.cpSync(repo, target, { recursive: true });
	else {
		fs.copyFileSync(path.join(repo, 'package.json'), path.join(target, 'package.json'));
		fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
	}
	const rootPkg = path.join(nodesDir, 'package.json');
	const version = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version;
	let pkg = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		pkg = JSON.parse(fs.readFileSync(rootPkg, 'utf8'));
	} catch {}
	pkg.dependencies = { ...(pkg.dependencies || {}), [PACKAGE_NAME]: version };
	fs.writeFileSync(rootPkg, JSON.stringify(pkg, null, 2));
	return target;
}

function request(method, url, { body, headers = {}, timeoutMs = 15000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(data !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
		req.on('error', reject);
		if (data !== undefined) req.write(data);
		req.end();
	});
}

// The JSON that `n8n execute --rawOutput` prints after its log lines.
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start < 0) return undefined;
	const text = lines.slice(start).join('\n').trim();
	try {
		return JSON.parse(text);
	} catch {
		// Trailing log lines after the JSON: cut at the last closing brace alone on a line.
		const end = lines.lastIndexOf('}');
		if (end > start) {
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {}
		}
		return undefined;
	}
}

// Output items of a node in an execution's runData: [{ json, ... }] of its first run, main output.
function nodeItems(run, nodeName, { output = 0, runIndex = 0 } = {}) {
	const runData = run && (run.data ? run.data.resultData.runData : run.resultData && run.resultData.runData);
	const r = runData && runData[nodeName] && runData[nodeName][runIndex];
	if (!r || !r.data || !r.data.main) return undefined;
	return r.data.main[output] || [];
}

function nodeError(run, nodeName) {
	const runData = run && run.data && run.data.resultData.runData;
	const r = runData && runData[nodeName] && runData[nodeName][0];
	return r && r.error;
}

class N8n {
	constructor({ runtime, userFolder, temporary, label }) {
		this.runtime = runtime;
		this.version = runtime.version;
		this.major = Number(runtime.version.split('.')[0]);
		this.userFolder = userFolder;
		this.temporary = temporary;
		this.prefix = label || `[n8n ${runtime.version}]`;
		this.server = null;
		this.url = null;
		this.extraEnv = {};
		if (temporary) this.removeOnExit = onExit(() => fs.rmSync(userFolder, { recursive: true, force: true }));
	}

	// version: an n8n version ('2.41.1', '1.123.81') or a major ('2', '1'); userFolder: keep one
	// (npm start) or get a temporary one that dispose() removes.
	static async create({ version, userFolder, label, env, installPackage: doInstall = true } = {}) {
		const runtime = await ensureN8n(version);
		let temporary = false;
		if (!userFolder) {
			userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `peach-n8n-${runtime.version}-`));
			temporary = true;
		}
		fs.mkdirSync(userFolder, { recursive: true });
		const inst = new N8n({ runtime, userFolder, temporary, label });
		inst.extraEnv = env || {};
		if (doInstall) inst.installPackage();
		return inst;
	}

	log(msg) {
		log(this.prefix, msg);
	}

	installPackage() {
		const target = installPackage(this.userFolder);
		this.log(`installed ${PACKAGE_NAME} (${PACKAGE_DIR === REPO ? 'package.json + dist/' : `the packed package, ${path.relative(REPO, PACKAGE_DIR)}`}) into ${path.relative(this.userFolder, target)} of ${this.userFolder}`);
	}

	async env(extra = {}) {
		return {
			...process.env,
			PATH: `${this.runtime.node.binDir}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
			DB_SQLITE_POOL_SIZE: process.env.DB_SQLITE_POOL_SIZE || '2',
			...this.extraEnv,
			...extra,
		};
	}

	// Runs one n8n CLI command to its end; prints the command and a line every 10 s while it runs.
	async cli(args, { timeoutMs = 180000, quiet = false, env } = {}) {
		const started = Date.now();
		if (!quiet) this.log(`n8n ${args.join(' ')}`);
		const child = spawnGroup(this.runtime.node.bin, [this.runtime.bin, ...args], {
			cwd: this.userFolder,
			env: await this.env(env),
			stdio: ['ignore', 'pipe', 'pipe'],
		}, `n8n ${args[0]}`);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		const ticker = setInterval(() => {
			this.log(`  ... n8n ${args[0]} still running (${Math.round((Date.now() - started) / 1000)}s)`);
		}, 10000);
		const timer = setTimeout(() => {
			this.log(`  n8n ${args[0]} did not finish in ${timeoutMs / 1000}s: stopping it`);
			child.stop(3000);
		}, timeoutMs);
		const { code, signal } = await child.exited;
		clearInterval(ticker);
		clearTimeout(timer);
		await child.stop(0);
		const ms = Date.now() - started;
		return { code, signal, stdout, stderr, ms };
	}

	async cliOk(args, opts) {
		const res = await this.cli(args, opts);
		if (res.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${res.code}):\n${tail(res.stdout + res.stderr)}`);
		}
		return res;
	}

	writeTemp(name, data) {
		const dir = path.join(this.userFolder, 'e2e-import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	// [{ id, name, type, data: { plain values } }]; n8n encrypts them on import.
	async importCredentials(credentials) {
		const file = this.writeTemp(`credentials-${Date.now()}.json`, credentials);
		const res = await this.cliOk(['import:credentials', `--input=${file}`], { quiet: true });
		this.log(`imported ${credentials.length} credential(s): ${credentials.map((c) => c.name).join(', ')} (${ms(res.ms)})`);
		fs.rmSync(file, { force: true });
	}

	// Workflow objects with fixed ids; imported in one CLI call.
	async importWorkflows(workflows) {
		const dir = path.join(this.userFolder, 'e2e-import', `workflows-${Date.now()}`);
		fs.mkdirSync(dir, { recursive: true });
		workflows.forEach((wf, i) => {
			const full = normalizeWorkflow(wf);
			fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}-${full.id}.json`), JSON.stringify(full, null, 2));
		});
		const res = await this.cliOk(['import:workflow', '--separate', `--input=${dir}`], { quiet: true });
		this.log(`imported ${workflows.length} workflow(s) (${ms(res.ms)})`);
		fs.rmSync(dir, { recursive: true, force: true });
		return res;
	}

	// `n8n execute --id X --rawOutput`: { ok, code, run, error, stdout, stderr, ms, items(name) }.
	async execute(id, { timeoutMs = 120000 } = {}) {
		// The run JSON is printed through n8n's logger at level info.
		const res = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, quiet: true, env: { N8N_LOG_LEVEL: 'info' } });
		const run = parseRunOutput(res.stdout);
		const resultData = run && run.data && run.data.resultData;
		const error = resultData && resultData.error;
		return {
			...res,
			ok: res.code === 0,
			run,
			error,
			lastNode: resultData && resultData.lastNodeExecuted,
			items: (nodeName, opts) => nodeItems(run, nodeName, opts),
			nodeError: (nodeName) => nodeError(run, nodeName),
			executedNodes: () => Object.keys((resultData && resultData.runData) || {}),
		};
	}

	// Makes workflows active so `n8n start` registers their triggers. n8n 2.x publishes a version;
	// n8n 1.x sets the active flag. Both must run while the server is stopped.
	async activate(ids) {
		for (const id of ids) {
			if (this.major >= 2) await this.cliOk(['publish:workflow', `--id=${id}`], { quiet: true });
			else await this.cliOk(['update:workflow', `--id=${id}`, '--active=true'], { quiet: true });
		}
		this.log(`${this.major >= 2 ? 'published' : 'activated'} ${ids.length} workflow(s): ${ids.join(', ')}`);
	}

	// `n8n start` on a port (free one by default), in its own process group; waits until it is ready.
	// command 'webhook' or 'worker' starts those queue-mode processes instead (a worker answers
	// its health check on healthPort, with QUEUE_HEALTH_CHECK_ACTIVE); publicUrl sets the webhook URLs.
	async start({ port, host = '127.0.0.1', publicHost = host, publicUrl, timeoutMs = 120000, logFile, env, command = 'start', healthPort, keepLogChars = 200000 } = {}) {
		if (this.server) throw new Error('n8n is already running');
		port = port || (await freePort());
		this.port = port;
		// this.url is what this process talks to (the listen address: "localhost" may resolve to
		// ::1 first); publicUrl is what n8n shows in the editor and webhook URLs.
		this.url = `http://${host}:${port}`;
		this.publicUrl = publicUrl || `http://${publicHost}:${port}`;
		// /healthz answers as soon as the port is open; /healthz/readiness (1.x and 2.x, every kind
		// of process) once the database is migrated, and in 2.x once the process is fully started.
		const healthUrl = `http://${host}:${healthPort || port}/healthz/readiness`;
		const started = Date.now();
		this.log(`starting n8n ${command} on ${command === 'worker' ? healthUrl : this.url} (user folder ${this.userFolder})`);
		const out = logFile ? fs.openSync(logFile, 'a') : 'pipe';
		const child = spawnGroup(this.runtime.node.bin, [this.runtime.bin, command], {
			cwd: this.userFolder,
			env: await this.env({
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: host,
				N8N_HOST: publicHost,
				N8N_EDITOR_BASE_URL: `${this.publicUrl}/`,
				// n8n 2.x reads N8N_WEBHOOK_URL (and warns that WEBHOOK_URL is deprecated); 1.x only WEBHOOK_URL.
				[this.major >= 2 ? 'N8N_WEBHOOK_URL' : 'WEBHOOK_URL']: `${this.publicUrl}/`,
				N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
				...(healthPort ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: host } : {}),
				...env,
			}),
			stdio: ['ignore', out, out],
		}, `n8n ${command}`);
		this.server = child;
		this.serverLog = '';
		if (out === 'pipe') {
			const keep = (c) => {
				this.serverLog = (this.serverLog + c).slice(-keepLogChars);
			};
			child.stdout.on('data', keep);
			child.stderr.on('data', keep);
		}
		let lastTick = Date.now();
		for (;;) {
			if (child.exitCode !== null || child.signalCode) {
				this.server = null;
				throw new Error(`n8n start exited early (${child.exitCode ?? child.signalCode}):\n${tail(this.serverLog)}`);
			}
			try {
				const res = await request('GET', healthUrl, { timeoutMs: 2000 });
				if (res.status === 200) break;
			} catch {}
			if (Date.now() - started > timeoutMs) {
				await this.stopServer();
				throw new Error(`n8n was not ready (/healthz/readiness) within ${timeoutMs / 1000}s:\n${tail(this.serverLog)}`);
			}
			if (Date.now() - lastTick >= 10000) {
				lastTick = Date.now();
				this.log(`  ... waiting for n8n to be ready (${Math.round((Date.now() - started) / 1000)}s)`);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		// 1.x reports ready before its REST API exists: wait for the settings as JSON (a bare 200 can
		// be n8n's "n8n is starting up. Please wait").
		for (; command === 'start'; ) {
			try {
				const res = await request('GET', `${this.url}/rest/settings`, { timeoutMs: 2000 });
				if (res.status === 200 && res.json && res.json.data) break;
			} catch {}
			if (Date.now() - started > timeoutMs) {
				await this.stopServer();
				throw new Error(`n8n did not answer /rest/settings within ${timeoutMs / 1000}s:\n${tail(this.serverLog)}`);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		this.log(`n8n ${command} is up on ${command === 'worker' ? healthUrl : this.url} (${ms(Date.now() - started)})`);
		return this.url;
	}

	async stopServer() {
		if (!this.server) return;
		const child = this.server;
		this.server = null;
		const started = Date.now();
		await child.stop(15000);
		this.log(`n8n stopped (${ms(Date.now() - started)})`);
	}

	// POSTs to a REST route of a just-started n8n. 1.123 and 2.41 register their routes before the
	// settings start() waits for; a 404 (seen on a busy machine when start() waited for less) is
	// still asked again for up to 30 s, in case another version registers a route later.
	async postRoute(pathname, body) {
		let res;
		for (let attempt = 0; attempt < 30; attempt++) {
			res = await request('POST', `${this.url}${pathname}`, { body });
			if (res.status !== 404) break;
			await new Promise((r) => setTimeout(r, 1000));
		}
		return res;
	}

	// Creates the instance owner through the REST API (n8n must be running and have no owner yet).
	async setupOwner({ email, password, firstName = 'Peach', lastName = 'Owner' }) {
		const res = await this.postRoute('/rest/owner/setup', { email, password, firstName, lastName });
		if (res.status !== 200 || !res.json) throw new Error(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 500)}`);
		return res.json;
	}

	// Logs in as a user; returns the auth cookie for further REST calls.
	async login({ email, password }) {
		// Late 1.x and 2.x read emailOrLdapLoginId, earlier versions email.
		const res = await this.postRoute('/rest/login', { email, emailOrLdapLoginId: email, password });
		if (res.status !== 200 || !res.json) throw new Error(`login failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		const cookie = (res.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
		return cookie;
	}

	async rest(method, pathname, { cookie, body } = {}) {
		const send = () => request(method, `${this.url}${pathname}`, { body, headers: cookie ? { cookie } : {} });
		try {
			return await send();
		} catch (err) {
			// Node reuses kept-alive sockets, which n8n may have just closed: a read is safe to ask again.
			if (method !== 'GET' || !/socket hang up|ECONNRESET/.test(String(err && (err.code || err.message)))) throw err;
			return await send();
		}
	}

	async dispose({ keep = !!process.env.PEACH_E2E_KEEP } = {}) {
		await this.stopServer();
		if (this.temporary) {
			if (keep) this.log(`kept user folder ${this.userFolder} (PEACH_E2E_KEEP)`);
			else fs.rmSync(this.userFolder, { recursive: true, force: true });
			if (this.removeOnExit) this.removeOnExit();
		}
	}
}

// Fills in what n8n's importer expects of a workflow object.
function normalizeWorkflow(wf) {
	const out = {
		name: wf.name,
		nodes: [],
		connections: wf.connections || {},
		settings: { executionOrder: 'v1', ...(wf.settings || {}) },
		active: false,
		pinData: wf.pinData || {},
		...wf,
	};
	out.active = false;
	if (!out.id) out.id = makeId(out.name);
	if (!out.versionId) out.versionId = uuid();
	out.nodes = (wf.nodes || []).map((n, i) => ({
		id: n.id || uuid(),
		typeVersion: 1,
		position: [i * 220, 0],
		parameters: {},
		...n,
	}));
	return out;
}

function tail(text, lines = 40) {
	return String(text || '').split('\n').slice(-lines).join('\n');
}

function ms(n) {
	return n >= 1000 ? `${(n / 1000).toFixed(1)}s` : `${n}ms`;
}

module.exports = {
	N8n,
	NODE_TYPES,
	PACKAGE_NAME,
	REPO,
	PACKAGE_DIR,
	installPackage,
	makeId,
	uuid,
	request,
	parseRunOutput,
	nodeItems,
	normalizeWorkflow,
	tail,
	ms,
};
