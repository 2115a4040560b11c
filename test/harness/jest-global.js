'use strict';
// One temporary folder per jest run, holding the n8n user folder each test file makes (n8n-core
// writes its instance settings there); removed when the run ends, so `npm test` leaves nothing behind.
const fs = require('fs');
const os = require('os');
const path = require('path');

async function setup() {
	process.env.PEACH_TEST_TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-jest-'));
}

async function teardown() {
	if (process.env.PEACH_TEST_TMP) fs.rmSync(process.env.PEACH_TEST_TMP, { recursive: true, force: true });
}

module.exports = { setup, teardown };
