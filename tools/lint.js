#!/usr/bin/env node
'use strict';
// `npm run lint`: n8n's own linter (n8n-node lint, strict), its output passed through as it comes,
// then one verdict line, so a CI log shows at a glance that lint passed. ESLint exits 0 on warnings;
// the package must have none, so a warning fails here too. Extra arguments (--fix) go to n8n-node.
const { spawn } = require('child_process');
const path = require('path');

const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'n8n-node');
const child = spawn(bin, ['lint', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'pipe'] });
let out = '';
const pass = (stream) => (chunk) => {
	out += chunk.toString();
	stream.write(chunk);
};
child.stdout.on('data', pass(process.stdout));
child.stderr.on('data', pass(process.stderr));
child.on('close', (code, signal) => {
	// ESLint's summary: "✖ 3 problems (1 error, 2 warnings)" (colour codes stripped).
	const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
	const m = plain.match(/(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/);
	const errors = m ? Number(m[2]) : 0;
	const warnings = m ? Number(m[3]) : 0;
	if (code === 0 && !signal && !errors && !warnings) {
		console.log('lint: passed, 0 errors, 0 warnings');
		process.exit(0);
	}
	console.log(`lint: FAILED, ${errors} error(s), ${warnings} warning(s)${code ? ` (n8n-node lint exited ${code})` : ''}${signal ? ` (${signal})` : ''}`);
	process.exit(code || 1);
});
