/**
 * What the first `npm start` prints while it downloads n8n: a step's reference time once, as an
 * estimate, then progress lines with what is done; and a package count whose total is what npm
 * installs from the lock file, so the count reaches it. The download itself is not run here (it
 * takes minutes and 2 GB); the count's parts are run on the real lock files and on a folder laid
 * out the way npm leaves it.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const runtime = require(path.join(REPO, 'tools', 'n8n', 'runtime'));

const savedCache = process.env.PEACH_N8N_CACHE;
let temp;
let printed;
let writeSpy;

beforeEach(() => {
	temp = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-progress-test-'));
	process.env.PEACH_N8N_CACHE = temp;
	printed = [];
	writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
		printed.push(...String(chunk).split('\n').filter(Boolean));
		return true;
	});
});

afterEach(() => {
	writeSpy.mockRestore();
	if (savedCache === undefined) delete process.env.PEACH_N8N_CACHE;
	else process.env.PEACH_N8N_CACHE = savedCache;
	fs.rmSync(temp, { recursive: true, force: true });
});

// A 1.5 s command run as the n8n download step, with a progress line every 100 ms.
function runLikeDownload() {
	return runtime.run(process.execPath, ['-e', 'setTimeout(() => {}, 1500)'], {
		label: 'n8n 2.41.1 download',
		key: 'n8n download 2.41.1',
		tickMs: 100,
		progress: () => 'downloading and unpacking: 10 of 20 packages',
	});
}

describe('the reference time of a step', () => {
	test('a first run says the estimate once, before its progress lines, which carry no reference time', async () => {
		await runLikeDownload();
		const estimates = printed.filter((line) => /estimate|2-core|took/.test(line));
		expect(estimates).toEqual([
			'[runtime] n8n 2.41.1 download: estimate: about 2 to 7 min (135s on a quiet 2-core machine with an empty cache; a busy machine takes up to 3 times as long)',
		]);
		const progress = printed.filter((line) => line.includes('10 of 20 packages'));
		expect(progress.length).toBeGreaterThanOrEqual(3);
		expect(printed.indexOf(estimates[0])).toBeLessThan(printed.indexOf(progress[0]));
	});

	test("a later run says the previous run's time once, as this machine's", async () => {
		fs.writeFileSync(path.join(temp, 'timings.json'), JSON.stringify({ 'n8n download 2.41.1': { seconds: 42, at: '2026-12-01T00:00:00Z' } }));
		await runLikeDownload();
		expect(printed.filter((line) => /took|estimate|2-core/.test(line))).toEqual(['[runtime] n8n 2.41.1 download: took 42s last time on this machine']);
	});
});

describe('the package count of the n8n download', () => {
	test.each([
		['2.41.1', 2363, 134],
		['1.123.81', 1918, 72],
	])("n8n %s: the total leaves out the lock's extraneous entries, which npm removes", (version, entries, extraneous) => {
		const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'tools', 'n8n', 'locks', `n8n-${version}.json`), 'utf8'));
		expect(Object.keys(lock.packages).filter(Boolean)).toHaveLength(entries);
		const leftOver = Object.keys(lock.packages).filter((key) => lock.packages[key].extraneous);
		expect(leftOver).toHaveLength(extraneous);
		const locked = runtime.lockedPackages(lock, { platform: 'linux', arch: 'x64' });
		expect(locked).toHaveLength(entries - extraneous);
		expect(locked.filter((key) => leftOver.includes(key))).toEqual([]);
	});

	test('the count reaches its total once npm has installed what the lock lists', () => {
		const lock = {
			packages: {
				'': { name: 'peach-n8n-runtime' },
				'node_modules/n8n': { version: '2.41.1' },
				'node_modules/n8n/node_modules/ws': { version: '8.0.0' },
				'node_modules/@scope/tool': { version: '1.0.0' },
				'node_modules/left-over': { version: '1.0.0', extraneous: true },
				'node_modules/@esbuild/darwin-arm64': { version: '0.1.0', optional: true, os: ['darwin'], cpu: ['arm64'] },
				'node_modules/not-on-windows': { version: '1.0.0', os: ['!win32'] },
				'node_modules/not-on-x64': { version: '1.0.0', optional: true, cpu: ['!x64'] },
			},
		};
		const expected = runtime.lockedPackages(lock, { platform: 'linux', arch: 'x64' });
		expect(expected.sort()).toEqual(['node_modules/@scope/tool', 'node_modules/n8n', 'node_modules/n8n/node_modules/ws', 'node_modules/not-on-windows']);
		const unpack = (key) => {
			fs.mkdirSync(path.join(temp, key), { recursive: true });
			fs.writeFileSync(path.join(temp, key, 'package.json'), '{}');
		};
		// Half-way: three of the four unpacked, and a folder the lock does not count.
		expected.slice(0, 3).forEach(unpack);
		unpack('node_modules/left-over');
		const { progress } = runtime.npmInstallProgress(temp, expected);
		expect(progress(null)).toBe('3 of 4 packages');
		// node_modules as npm leaves it: what the lock lists for this platform.
		unpack(expected[3]);
		expect(progress(null)).toBe('4 of 4 packages');
		expect(progress({ seconds: 135 })).toBe('downloading and unpacking: 4 of 4 packages');
	});
});
