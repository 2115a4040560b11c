'use strict';
// Item-by-item checks of what n8n output. An expected item is matched against the actual item's
// `json` as a subset: every key given must be there with an equal value (recursively); keys not
// given are not checked. Matchers stand in for values that vary: any(String), regex(/.../),
// present(), absent(), where(fn, label).

const util = require('util');

const MATCHER = Symbol('matcher');

function matcher(label, test) {
	return { [MATCHER]: true, label, test };
}
const any = (Type) =>
	matcher(`any(${Type.name})`, (v) =>
		Type === String ? typeof v === 'string' : Type === Number ? typeof v === 'number' : Type === Boolean ? typeof v === 'boolean' : Type === Array ? Array.isArray(v) : Type === Object ? v !== null && typeof v === 'object' : v instanceof Type,
	);
const regex = (re) => matcher(`regex(${re})`, (v) => typeof v === 'string' && re.test(v));
const present = () => matcher('present()', (v) => v !== undefined && v !== null);
const absent = () => matcher('absent()', (v) => v === undefined);
const where = (fn, label = 'where(fn)') => matcher(label, fn);
// An array whose length is exactly n (and optionally whose items match `each`).
const arrayOf = (n, each) =>
	matcher(`arrayOf(${n})`, (v) => Array.isArray(v) && (n === undefined || v.length === n) && (!each || v.every((x) => diff(x, each).length === 0)));

function show(v) {
	if (v && v[MATCHER]) return v.label;
	return util.inspect(v, { depth: 4, breakLength: 140 });
}

// Returns a list of "path: expected X, got Y" strings; empty when `actual` matches `expected`.
function diff(actual, expected, at = '') {
	if (expected && expected[MATCHER]) {
		return expected.test(actual) ? [] : [`${at || '(root)'}: expected ${expected.label}, got ${show(actual)}`];
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${at || '(root)'}: expected an array, got ${show(actual)}`];
		if (actual.length !== expected.length) return [`${at || '(root)'}: expected ${expected.length} entries, got ${actual.length}: ${show(actual)}`];
		return expected.flatMap((e, i) => diff(actual[i], e, `${at}[${i}]`));
	}
	if (expected !== null && typeof expected === 'object') {
		if (actual === null || typeof actual !== 'object') return [`${at || '(root)'}: expected an object, got ${show(actual)}`];
		return Object.keys(expected).flatMap((k) => diff(actual[k], expected[k], at ? `${at}.${k}` : k));
	}
	return Object.is(actual, expected) ? [] : [`${at || '(root)'}: expected ${show(expected)}, got ${show(actual)}`];
}

// items: n8n output items ([{json}]); expected: array of json subsets, one per item, in order.
function checkItems(nodeName, items, expected) {
	if (!Array.isArray(items)) throw new Error(`node "${nodeName}" did not run (no output)`);
	const problems = [];
	if (items.length !== expected.length) {
		problems.push(`expected ${expected.length} item(s), got ${items.length}`);
	}
	const n = Math.min(items.length, expected.length);
	for (let i = 0; i < n; i++) {
		for (const d of diff(items[i].json, expected[i])) problems.push(`item ${i}: ${d}`);
	}
	if (problems.length) {
		const got = items.slice(0, 5).map((it, i) => `  item ${i}: ${show(it.json)}`).join('\n');
		throw new Error(`node "${nodeName}":\n  ${problems.join('\n  ')}\n  output was:\n${got}`);
	}
}

function assert(cond, message) {
	if (!cond) throw new Error(message);
}

function equal(actual, expected, label = 'value') {
	const d = diff(actual, expected);
	if (d.length) throw new Error(`${label}: ${d.join('; ')}`);
}

module.exports = { checkItems, diff, assert, equal, any, regex, present, absent, where, arrayOf };
