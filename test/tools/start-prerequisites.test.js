/**
 * What `npm start` (and the e2e runner) check before the first run downloads anything: the
 * platform, and the tools the sqlite3 build needs. Each case runs the real runtime code with a
 * faked platform or PATH, an empty cache folder and an npm registry that refuses connections, so
 * nothing is downloaded even where a check is missing.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const runtime = require(path.join(REPO, 'tools', 'n8n', 'runtime'));

const saved = { env: { ...process.env }, platform: process.platform, arch: process.arch };
let temp;

function fakePlatform(platform, arch) {
	Object.defineProperty(process, 'platform', { value: platform, configurable: true });
	Object.defineProperty(process, 'arch', { value: arch, configurable: true });
}

// A folder of executables: node and npm (the real ones), and empty stand-ins for the others.
function binFolder(fakes) {
	const dir = fs.mkdtempSync(path.join(temp, 'bin-'));
	fs.symlinkSync(process.execPath, path.join(dir, 'node'));
	const npmCli = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	fs.symlinkSync(fs.existsSync(npmCli) ? npmCli : spawnSync('which', ['npm'], { encoding: 'utf8' }).stdout.trim(), path.join(dir, 'npm'));
	for (const name of fakes) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
	return dir;
}

// PATH holding only node, npm and `fakes`; CC and CXX as given.
function onlyOnPath(fakes, compilers = {}) {
	process.env.PATH = binFolder(fakes);
	for (const key of ['CC', 'CXX', 'PYTHON']) delete process.env[key];
	Object.assign(process.env, compilers);
}

// The error ensureN8n rejects with, or null if it resolves.
function refusalOfEnsureN8n() {
	return runtime.ensureN8n('2').then(
		() => null,
		(e) => e,
	);
}

// What the cache folder holds after a check: no Node, n8n or sqlite3 folder means nothing was fetched.
function cacheContents() {
	return fs.existsSync(process.env.PEACH_N8N_CACHE) ? fs.readdirSync(process.env.PEACH_N8N_CACHE).filter((name) => !name.endsWith('.lock')) : [];
}

beforeEach(() => {
	temp = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-start-test-'));
	const home = path.join(temp, 'home');
	fs.mkdirSync(home);
	// Where a check is missing, npm fails at once instead of downloading Node and n8n.
	fs.writeFileSync(path.join(home, '.npmrc'), 'registry=http://127.0.0.1:9/\nfetch-retries=0\nfetch-timeout=2000\ncache=' + path.join(temp, 'npm-cache') + '\n');
	process.env.HOME = home;
	process.env.PEACH_N8N_CACHE = path.join(temp, 'cache');
});

afterEach(() => {
	Object.defineProperty(process, 'platform', { value: saved.platform, configurable: true });
	Object.defineProperty(process, 'arch', { value: saved.arch, configurable: true });
	for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
	Object.assign(process.env, saved.env);
	fs.rmSync(temp, { recursive: true, force: true });
});

describe('npm start on a platform it does not support', () => {
	test.each([
		['darwin', 'arm64'],
		['darwin', 'x64'],
		['linux', 'arm64'],
		['win32', 'x64'],
	])('%s-%s: refused before any download, with the steps to use the package in another n8n', async (platform, arch) => {
		fakePlatform(platform, arch);
		const err = await refusalOfEnsureN8n();
		expect(err).toBeInstanceOf(Error);
		expect(err.message).toContain('Linux x64 with glibc only');
		expect(err.message).toContain(`this machine is ${platform}-${arch}`);
		// What to do instead: build and pack the package, install it where n8n keeps community nodes.
		expect(err.message).toContain('npm run build && npm pack');
		expect(err.message).toContain('mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install');
		expect(err.message).toContain('npm run sandbox');
		expect(cacheContents()).toEqual([]);
	});

	test('linux-x64 without glibc (Alpine): refused, as the Node 24 binary would not start', () => {
		onlyOnPath(['cc', 'g++', 'make', 'python3']);
		expect(() => runtime.checkPrerequisites('2', { platform: 'linux', arch: 'x64', glibc: '' })).toThrow(/this machine is linux-x64 without glibc \(musl, as on Alpine\)\.\nRun n8n by its own means instead/);
		expect(() => runtime.checkPrerequisites('2', { platform: 'linux', arch: 'x64', glibc: '2.36' })).not.toThrow();
	});

	test('tools/start.js refuses it before building the package', () => {
		const preload = path.join(temp, 'fake-platform.js');
		fs.writeFileSync(preload, "Object.defineProperty(process, 'platform', { value: 'darwin' }); Object.defineProperty(process, 'arch', { value: 'arm64' });\n");
		const res = spawnSync(process.execPath, ['-r', preload, path.join(REPO, 'tools', 'start.js')], {
			cwd: REPO,
			encoding: 'utf8',
			timeout: 60000,
			env: { ...process.env, PEACH_SKIP_BUILD: '1', PEACH_N8N_PORT: '1', PEACH_SANDBOX_PORT: '1' },
		});
		const output = res.stdout + res.stderr;
		expect(res.status).toBe(1);
		expect(output).toContain('npm start: npm start (and npm run test:e2e) run n8n on Linux x64 with glibc only');
		expect(output).toContain('this machine is darwin-arm64');
		// Refused first: neither the build step nor any other step ran.
		expect(output).not.toContain('==>');
		expect(cacheContents()).toEqual([]);
	});
});

describe('npm start without the tools that compile SQLite', () => {
	test('no compiler, make or python3 on PATH: refused before any download, naming each and how to install them', async () => {
		onlyOnPath([]);
		const err = await refusalOfEnsureN8n();
		expect(err).toBeInstanceOf(Error);
		expect(err.message).toContain('compiles SQLite');
		expect(err.message).toContain('a C compiler (cc), a C++ compiler (g++), make (make), python3 (python3)');
		expect(err.message).toContain('sudo apt-get install build-essential python3');
		expect(cacheContents()).toEqual([]);
	});

	test('only python3 missing: names python3 alone', async () => {
		onlyOnPath(['cc', 'g++', 'make']);
		const err = await refusalOfEnsureN8n();
		expect(err).toBeInstanceOf(Error);
		expect(err.message).toContain('tools this machine lacks on PATH: python3 (python3).');
		expect(cacheContents()).toEqual([]);
	});

	test('CC and CXX name the compilers to look for', async () => {
		// clang is there and clang++ is not: only what CXX names is missing (the default g++ is not looked for).
		onlyOnPath(['clang', 'make', 'python3'], { CC: 'clang', CXX: 'clang++' });
		const err = await refusalOfEnsureN8n();
		expect(err.message).toContain('lacks on PATH: a C++ compiler (clang++).');
	});

	test('an n8n already in the cache needs no compiler', async () => {
		onlyOnPath([]);
		const version = runtime.resolveVersion('2');
		const nodeDir = path.join(process.env.PEACH_N8N_CACHE, `node-${runtime.NODE_VERSION}`);
		for (const dir of [nodeDir, runtime.n8nDir(version)]) {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, '.n8n-nodes-peach-ready'), JSON.stringify({ node: runtime.NODE_VERSION }));
		}
		const info = await runtime.ensureN8n('2');
		expect(info.version).toBe(version);
		expect(info.node.version).toBe(runtime.NODE_VERSION);
	});
});
