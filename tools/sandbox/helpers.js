'use strict';
/**
 * Shared building blocks of the Peach sandbox: error replies, the page/per envelope, query parsing,
 * deterministic IDs and timestamps. Every route module uses these instead of its own copy, so the
 * sandbox answers the same way everywhere.
 */
const crypto = require('node:crypto');
const { check, formats } = require('./validate');

/** An error reply a handler can throw; the server turns it into the JSON response. */
class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** 404 in Peach's (Rails) wording: `Couldn't find Broadcast with 'id'=cmp_x`. */
function notFound(model, value, attribute = 'id') {
	return new HttpError(404, {
		status: 'failed',
		reason: `Couldn't find ${model} with '${attribute}'=${value}`,
	});
}

/** 422 with `reason` nested by the field's path, e.g. `{contact: {phone_number: ['is invalid']}}`. */
function unprocessable(reason) {
	return new HttpError(422, { status: 'failed', reason });
}

/** Builds a nested reason for one field path: reasonAt(['blob', 'byte_size'], 'is too large'). */
function reasonAt(path, ...messages) {
	const reason = {};
	let node = reason;
	const keys = path.length ? path.map(String) : ['base'];
	keys.forEach((key, i) => {
		node[key] = i === keys.length - 1 ? messages : {};
		node = node[key];
	});
	return reason;
}

/** Validates `value` against a schema from validate.js; throws the 422 naming every failing path. */
function validate(schema, value) {
	const reason = check(schema, value);
	if (reason) throw unprocessable(reason);
}

const responses = {
	unauthorized: () => ({ status: 401, body: { message: 'Unauthorized' } }),
	rateLimited: (retryAfter = 1) => ({
		status: 429,
		body: { message: 'Rate limit exceeded. Retry later.' },
		headers: { 'Retry-After': String(retryAfter) },
	}),
	serverError: () => ({ status: 500, body: { message: 'Internal server error' } }),
	routeNotFound: (method, path) => ({
		status: 404,
		body: { status: 'failed', reason: `No route matches [${method}] "${path}"` },
	}),
};

// ---------------------------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------------------------

/** Parses a query string into an object; a repeated key becomes an array. */
function parseQuery(search) {
	const query = {};
	for (const [key, value] of new URLSearchParams(search)) {
		if (!(key in query)) query[key] = value;
		else if (Array.isArray(query[key])) query[key].push(value);
		else query[key] = [query[key], value];
	}
	return query;
}

/** The last value of a query parameter (Rails keeps the last one), or undefined when unset or empty. */
function queryValue(query, name) {
	let value = query[name];
	if (Array.isArray(value)) value = value[value.length - 1];
	if (value === undefined || value === '') return undefined;
	return value;
}

/**
 * A '+' that was not URL-encoded arrives as a space ("+9199..." -> " 9199..."); Peach's clients
 * encode it, but a hand-written URL often does not, so phone filters restore it.
 */
function phoneParam(value) {
	if (typeof value === 'string' && /^ \d/.test(value)) return `+${value.slice(1)}`;
	return value;
}

/**
 * Reads typed filters from the query string. spec: { name: 'string' | 'boolean' | 'integer' |
 * 'datetime' | 'phone' | string[] (enum) }. Unset (or empty) filters are left out of the result, so
 * they never filter. Bad values answer 422 naming the parameter.
 */
function readFilters(query, spec) {
	const filters = {};
	const reason = {};
	for (const [name, type] of Object.entries(spec)) {
		let value = queryValue(query, name);
		if (value === undefined) continue;
		if (Array.isArray(type)) {
			if (!type.includes(value)) reason[name] = ['is not included in the list'];
			else filters[name] = value;
		} else if (type === 'boolean') {
			if (value === 'true' || value === '1') filters[name] = true;
			else if (value === 'false' || value === '0') filters[name] = false;
			else reason[name] = ['must be true or false'];
		} else if (type === 'integer') {
			if (/^-?\d+$/.test(value)) filters[name] = Number(value);
			else reason[name] = ['must be an integer'];
		} else if (type === 'datetime') {
			if (formats.datetime(value)) filters[name] = Date.parse(value);
			else reason[name] = ['is not a valid ISO 8601 date-time'];
		} else if (type === 'phone') {
			filters[name] = phoneParam(value);
		} else {
			filters[name] = value;
		}
	}
	if (Object.keys(reason).length) throw unprocessable(reason);
	return filters;
}

// ---------------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------------

const MAX_PER = 1000;
const DEFAULT_PER = 25;

function clampInt(raw, fallback, min, max) {
	const n = /^-?\d+$/.test(String(raw ?? '')) ? Number(raw) : fallback;
	return Math.min(max, Math.max(min, n));
}

/** URL of the same list with every current filter kept and page/per set. */
function pageUrl(ctx, page, per) {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(ctx.query)) {
		if (key === 'page' || key === 'per') continue;
		for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
	}
	params.set('page', String(page));
	params.set('per', String(per));
	return `${ctx.baseUrl}${ctx.path}?${params.toString()}`;
}

/**
 * The page/per envelope: { count (all matching), next, prev|previous, <key>: items of this page }.
 * A page past the end answers an empty list and next null.
 */
function paginate(ctx, items, key, { prevKey = 'prev', serialize = (x) => x } = {}) {
	const page = clampInt(queryValue(ctx.query, 'page'), 1, 1, Number.MAX_SAFE_INTEGER);
	const per = clampInt(queryValue(ctx.query, 'per'), DEFAULT_PER, 1, MAX_PER);
	const start = (page - 1) * per;
	const slice = items.slice(start, start + per);
	return {
		count: items.length,
		next: start + per < items.length ? pageUrl(ctx, page + 1, per) : null,
		[prevKey]: page > 1 ? pageUrl(ctx, page - 1, per) : null,
		[key]: slice.map(serialize),
	};
}

// ---------------------------------------------------------------------------------------------
// IDs, randomness and time
// ---------------------------------------------------------------------------------------------

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A stable alphanumeric string derived from `input` (same input, same ID, on every run). */
function alnum(input, length) {
	let out = '';
	let counter = 0;
	while (out.length < length) {
		const digest = crypto.createHash('sha256').update(`${input}#${counter++}`).digest();
		for (const byte of digest) {
			if (byte < 248) out += ALNUM[byte % 62]; // 248 = 4 * 62: keeps the letters evenly spread
			if (out.length === length) break;
		}
	}
	return out;
}

const idCache = new Map();
/** Prefixed stable ID, e.g. stableId('wat_', 'template:order_confirmation', 24). Memoized: reseeding is frequent. */
function stableId(prefix, input, length = 20) {
	const key = `${prefix}${input}#${length}`;
	let id = idCache.get(key);
	if (id === undefined) {
		id = prefix + alnum(`${prefix}${input}`, length);
		idCache.set(key, id);
	}
	return id;
}

/** Small seeded PRNG (mulberry32) so seed data is the same on every run. */
function createRandom(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
		/** weighted([['a', 3], ['b', 1]]) */
		weighted(pairs) {
			const total = pairs.reduce((sum, [, w]) => sum + w, 0);
			let r = next() * total;
			for (const [value, w] of pairs) {
				r -= w;
				if (r < 0) return value;
			}
			return pairs[pairs.length - 1][0];
		},
	};
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const iso = (ms) => new Date(ms).toISOString();

/** Copy of a stored record without its internal fields (names starting with '_'). */
function publicView(record) {
	const out = {};
	for (const [key, value] of Object.entries(record)) if (!key.startsWith('_')) out[key] = value;
	return out;
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep merge of plain objects (arrays and scalars from `patch` replace). */
function deepMerge(base, patch) {
	const out = isPlainObject(base) ? { ...base } : {};
	for (const [key, value] of Object.entries(patch || {})) {
		out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
	}
	return out;
}

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

module.exports = {
	HttpError,
	notFound,
	unprocessable,
	reasonAt,
	validate,
	responses,
	parseQuery,
	queryValue,
	phoneParam,
	readFilters,
	paginate,
	MAX_PER,
	DEFAULT_PER,
	alnum,
	stableId,
	createRandom,
	MINUTE,
	HOUR,
	DAY,
	iso,
	publicView,
	isPlainObject,
	deepMerge,
	clone,
};
