'use strict';
// The package as npm publishes it: `npm pack` of the built work tree, unpacked into
// test/.artifacts/pack/package. The e2e suite installs that folder into n8n, so a file missing
// from the tarball ("files" in package.json) fails there as it would for a user.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');

function unpackPackage() {
	const out = path.join(REPO, 'test', '.artifacts', 'pack');
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(out, { recursive: true });
	const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out, '--loglevel=error'], {
		cwd: REPO,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename, entryCount }] = JSON.parse(json);
	execFileSync('tar', ['-xzf', path.join(out, filename), '-C', out]);
	const dir = path.join(out, 'package');
	process.stdout.write(`packed ${filename} (${entryCount} files) and unpacked it into ${path.relative(REPO, dir)}: the suite installs that\n`);
	return dir;
}

module.exports = { unpackPackage };
