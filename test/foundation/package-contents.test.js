/**
 * What `npm publish` would upload: exactly dist/, the README, the licence and package.json, and
 * every node and credential file that package.json names for n8n. (The e2e suite installs the
 * same tarball into real n8n.)
 */
const path = require('path');
const { execFileSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(REPO, 'package.json'));

function packedFiles() {
	const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: REPO, encoding: 'utf8' });
	return JSON.parse(json)[0].files.map((f) => f.path);
}

describe('the published package (npm pack --dry-run)', () => {
	let files;
	beforeAll(() => {
		files = packedFiles();
	});

	test('holds exactly dist/, README.md, LICENSE.md and package.json', () => {
		const topLevel = [...new Set(files.map((f) => f.split('/')[0]))].sort();
		expect(topLevel).toEqual(['LICENSE.md', 'README.md', 'dist', 'package.json']);
		expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
	});

	test('holds every node and credential that package.json lists for n8n, with its icons', () => {
		const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(listed.length).toBeGreaterThan(0);
		for (const file of listed) expect(files).toContain(file);
		expect(files.filter((f) => /^dist\/.*\.svg$/.test(f)).length).toBeGreaterThan(0);
	});

	test('holds no tests, sources or tooling', () => {
		expect(files.filter((f) => /(^|\/)(test|tools|examples)\//.test(f) || /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
	});
});
