'use strict';
/**
 * The Peach sandbox: an HTTP server that behaves like the Peach API (trypeach.ai) for every
 * operation the package covers, with in-memory state, fault injection, request recording and a
 * webhook sender. Used by the jest tests (same process), `npm start` and the real-n8n suite (over
 * HTTP, through the /__sandbox/* control routes).
 *
 *   const { startSandbox } = require('./tools/sandbox');
 *   const sandbox = await startSandbox({ port: 0 });   // sandbox.url, sandbox.apiKey, ...
 *   await sandbox.close();
 */
const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const { seed } = require('./seed');
const { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } = require('./webhook-events');
const { TEMPLATE_MESSAGE_STATUSES } = require('./model');
const { HttpError, responses, parseQuery, isPlainObject, deepMerge, clone } = require('./helpers');
const changes = require('./changes');
const { createTraffic } = require('./traffic');

const API_ROUTES = [
	...require('./routes/events'),
	...require('./routes/templateMessages'),
	...require('./routes/broadcasts'),
	...require('./routes/templates'),
	...require('./routes/conversations'),
	...require('./routes/contacts'),
	...require('./routes/orders'),
	...require('./routes/medias'),
	...require('./routes/automations'),
];
const CONTROL_ROUTES = require('./routes/control');

const BODY_LIMIT = 150 * 1024 * 1024; // a 100 MB document sent base64 through the deprecated POST /medias

function compile(route) {
	const keys = [];
	const pattern = route.path
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			if (segment.startsWith('*')) {
				keys.push(segment.slice(1));
				return '(.+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return {
		...route,
		key: `${route.method} ${route.path}`,
		auth: route.auth ?? route.path.startsWith('/api/'),
		regex: new RegExp(`^${pattern}$`),
		keys,
	};
}

const compiledApi = API_ROUTES.map(compile);
const compiledControl = CONTROL_ROUTES.map(compile);

function match(routes, method, path) {
	const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
	for (const route of routes) {
		if (route.method !== method) continue;
		const m = route.regex.exec(normalized);
		if (!m) continue;
		const params = {};
		route.keys.forEach((key, i) => {
			try {
				params[key] = decodeURIComponent(m[i + 1]);
			} catch {
				params[key] = m[i + 1];
			}
		});
		return { route, params };
	}
	return null;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > BODY_LIMIT) {
				reject(new HttpError(413, { message: 'Request body too large' }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** { body, json }: body is the parsed JSON, the raw text when it is not JSON, or null when empty. */
function parseBody(rawBody) {
	if (!rawBody.length) return { body: null, json: true };
	const text = rawBody.toString('utf8');
	try {
		return { body: JSON.parse(text), json: true };
	} catch {
		return { body: text, json: false };
	}
}

function send(res, response) {
	if (res.headersSent || res.destroyed) return;
	const { status, body, headers = {}, contentType } = response;
	if (status === 204 || body === undefined) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	let payload;
	let type = contentType;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		payload = body;
		if (type === undefined) type = 'application/json';
	} else {
		payload = JSON.stringify(body);
		type = 'application/json';
	}
	const out = { ...headers, 'Content-Length': Buffer.byteLength(payload) };
	if (type) out['Content-Type'] = type;
	res.writeHead(status, out);
	res.end(payload);
}

function faultResponse(spec) {
	const headers = { ...(spec.headers || {}) };
	if (spec.retryAfter !== undefined && spec.retryAfter !== null) headers['Retry-After'] = String(spec.retryAfter);
	let base;
	if (spec.status === 429) base = responses.rateLimited(spec.retryAfter ?? 1);
	else if (spec.status === 401) base = responses.unauthorized();
	else if (spec.status >= 500) base = responses.serverError();
	else base = { status: spec.status, body: { message: http.STATUS_CODES[spec.status] || 'Error' } };
	const allHeaders = { ...(base.headers || {}), ...headers };
	// retryAfter: null answers a 429 with no Retry-After at all.
	if (spec.retryAfter === null) for (const name of Object.keys(allHeaders)) if (name.toLowerCase() === 'retry-after') delete allHeaders[name];
	return {
		status: spec.status,
		body: spec.body !== undefined ? spec.body : base.body,
		headers: allHeaders,
	};
}

function validateFaultSpec(route, spec) {
	if (typeof route !== 'string' || !route) throw new Error("fault route must be a 'METHOD /path' route key or '*'");
	if (!isPlainObject(spec)) throw new Error('fault spec must be an object');
	const hasEffect = spec.status !== undefined || spec.delayMs !== undefined || spec.malformed || spec.reset;
	if (!hasEffect) throw new Error('fault spec needs status, delayMs, malformed or reset');
	if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) {
		throw new Error('fault status must be an HTTP status code');
	}
	if (spec.delayMs !== undefined && !(Number.isFinite(spec.delayMs) && spec.delayMs >= 0)) throw new Error('delayMs must be >= 0');
	if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) throw new Error('times must be a positive integer');
	if (spec.skip !== undefined && !(Number.isInteger(spec.skip) && spec.skip >= 0)) throw new Error('skip must be an integer >= 0');
	if (spec.query !== undefined && !isPlainObject(spec.query)) throw new Error('fault query must be an object of query parameters to match');
	const known = new Set([...compiledApi.map((r) => r.key), '*']);
	if (!known.has(route)) throw new Error(`unknown route '${route}'. Known: ${[...known].join(', ')}`);
}

/** POSTs `rawBody` to `url`; resolves { status, headers, body (parsed JSON or text) }. */
function postRaw(url, rawBody, headers, timeoutMs) {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const lib = target.protocol === 'https:' ? https : http;
		const req = lib.request(
			target,
			{ method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(rawBody) }, agent: false, timeout: timeoutMs },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body = text;
					try {
						body = text ? JSON.parse(text) : null;
					} catch {
						/* keep the text */
					}
					resolve({ status: res.statusCode, headers: res.headers, body });
				});
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`webhook POST to ${url} timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(rawBody);
	});
}

/**
 * Starts the sandbox. options: port (0 = a free port), host ('127.0.0.1'), apiKey ('sandbox-key'),
 * log (true for console.log, or a function receiving one line per request; never prints the key).
 */
async function startSandbox(options = {}) {
	const opts = { port: 0, host: '127.0.0.1', apiKey: 'sandbox-key', log: false, ...options };
	const logLine = opts.log === true ? (line) => console.log(line) : typeof opts.log === 'function' ? opts.log : null;

	const world = {
		state: {},
		fixtures: {},
		requests: [],
		storageUploads: [],
		plans: new Map(),
		faults: [],
		seq: {},
	};
	const timers = new Set();
	const sleep = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	function reseed() {
		const { state, fixtures } = seed(Date.now());
		for (const key of Object.keys(world.state)) delete world.state[key];
		Object.assign(world.state, state);
		for (const key of Object.keys(world.fixtures)) delete world.fixtures[key];
		Object.assign(world.fixtures, fixtures);
		world.plans.clear();
		world.faults.length = 0;
		world.requests.length = 0;
		world.storageUploads.length = 0;
		world.seq = {};
		traffic.reset();
	}
	const traffic = createTraffic();
	reseed();

	/** A fault's `query` ({page: '2'}) limits it to requests carrying those query values. */
	const queryMatches = (fault, query) =>
		!fault.query || Object.entries(fault.query).every(([key, value]) => String(query[key]) === String(value));

	/** The first fault matching this route (or '*'), used up by one request when it has `times`. */
	async function applyFault(routeKey, query = {}) {
		const index = world.faults.findIndex(
			(f) => (f.route === '*' || (routeKey !== null && f.route === routeKey)) && queryMatches(f, query),
		);
		if (index === -1) return null;
		const fault = world.faults[index];
		// skip: the first N matching requests go through untouched (a fault "at the 25th send").
		if (fault.skip > 0) {
			fault.skip--;
			return null;
		}
		if (fault.times !== undefined && --fault.times <= 0) world.faults.splice(index, 1);
		if (fault.delayMs) await sleep(fault.delayMs);
		if (fault.reset) return { reset: true };
		if (fault.malformed) {
			return { status: fault.status ?? 200, body: '{"status":"success","data":[{"id": <html>Bad gateway</html>', contentType: 'application/json' };
		}
		if (fault.status !== undefined) return faultResponse(fault);
		return null;
	}

	async function handle(req, res) {
		const started = Date.now();
		const method = req.method;
		const url = new URL(req.url, 'http://sandbox.invalid');
		const path = url.pathname;
		const baseUrl = req.headers.host ? `http://${req.headers.host}` : sandbox.url;
		let rawBody;
		try {
			rawBody = await readBody(req);
		} catch (err) {
			send(res, err instanceof HttpError ? { status: err.status, body: err.body } : responses.serverError());
			return;
		}
		const { body, json } = parseBody(rawBody);
		const query = parseQuery(url.search);

		if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
			const found = match(compiledControl, method, path);
			const response = found
				? await found.route.handler({ sandbox, world, body, query, params: found.params, baseUrl })
				: responses.routeNotFound(method, path);
			send(res, response);
			return;
		}

		const found = match(compiledApi, method, path);
		const record = {
			method,
			path,
			query,
			headers: { ...req.headers },
			body,
			rawBody,
			route: found ? found.route.key : null,
			at: started,
		};
		world.requests.push(record);
		traffic.enter();
		try {
			await answer(record, found, req, res, { method, path, query, body, rawBody, json, baseUrl, url, started });
		} finally {
			traffic.leave();
		}
	}

	async function answer(record, found, req, res, { method, path, query, body, rawBody, json, baseUrl, url, started }) {
		let response;
		let retryAfter = null;
		try {
			response = await applyFault(record.route, query);
			if (!response) {
				if (!found) response = responses.routeNotFound(method, path);
				else if (found.route.auth && req.headers.authorization !== opts.apiKey) response = responses.unauthorized();
				else if (found.route.auth && (retryAfter = traffic.take()) !== null) response = responses.rateLimited(retryAfter);
				else if (!json && !found.route.rawBody) {
					response = { status: 400, body: { status: 'failed', reason: 'Request body is not valid JSON' } };
				} else {
					const ctx = { world, sandbox, method, path, query, params: found.params, body, rawBody, headers: req.headers, baseUrl };
					response = await found.route.handler(ctx);
				}
			}
		} catch (err) {
			if (err instanceof HttpError) response = { status: err.status, body: err.body, headers: err.headers };
			else {
				console.error('[peach-sandbox] handler error', err);
				response = responses.serverError();
			}
		}
		if (response.reset) {
			record.status = 'reset';
			req.socket.destroy();
			return;
		}
		if (traffic.latencyMs) await sleep(traffic.latencyMs);
		record.status = response.status;
		send(res, response);
		if (logLine) logLine(`[peach-sandbox] ${method} ${path}${url.search} -> ${response.status} (${Date.now() - started} ms)`);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			console.error('[peach-sandbox] unexpected error', err);
			send(res, responses.serverError());
		});
	});
	server.keepAliveTimeout = 5000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;

	const sandbox = {
		url: `http://${hostForUrl}:${port}`,
		port,
		apiKey: opts.apiKey,
		requests: world.requests,
		storageUploads: world.storageUploads,
		state: world.state,
		/** Well-known seed IDs (templates by status, broadcasts by status, a contact, orders, a media). */
		fixtures: world.fixtures,
		server,

		apiRequests: () => world.requests.filter((r) => r.path.startsWith('/api/v1/')),
		clearRequests() {
			world.requests.length = 0;
		},

		/** fault('GET /api/v1/conversations' | '*', { status, retryAfter, body, headers, delayMs, malformed, times, skip, query }) */
		fault(route, spec = {}) {
			validateFaultSpec(route, spec);
			world.faults.push({ route, ...spec });
		},
		clearFaults() {
			world.faults.length = 0;
		},

		/** A customer's WhatsApp message arrives ({phoneNumber, name?, text?, contentType?, at?}); returns the message. */
		receiveMessage: (options) => changes.receiveMessage(world, options),
		/** An agent changes a conversation ({status?, escalated?, assignee?, at?}). */
		changeConversation: (id, options) => changes.changeConversation(world, id, options),
		/** A template message gets a new delivery status ({status, failureMessage?, at?}). */
		setTemplateMessageStatus: (id, options) => changes.setTemplateMessageStatus(world, id, options),
		/** A broadcast moves to another status ({status, at?}). */
		setBroadcastStatus: (id, options) => changes.setBroadcastStatus(world, id, options),
		/** setRateLimit({ rate, burst }) (a token bucket: 429 with Retry-After past it), or null to lift it. */
		setRateLimit(limit) {
			traffic.setRateLimit(limit);
		},
		/** Milliseconds added to every API answer. */
		setLatency(ms) {
			traffic.setLatency(ms);
		},
		/** Adds conversations (copies of the seeded ones with new ids) until there are `total`, for large lists. */
		growConversations(total) {
			const list = world.state.conversations;
			const seeded = list.length;
			for (let i = seeded; i < total; i++) {
				const model = list[i % seeded];
				list.push({ ...clone(model), id: list[list.length - 1].id + 1 });
			}
			return list.length;
		},
		/** What reached the API: requests, 429s, accepted, template sends, recipients and duplicate sends. */
		stats() {
			return traffic.stats(world.requests);
		},

		/** Re-seeds (same data), clears requests, faults, delivery plans and storage uploads. */
		reset() {
			reseed();
		},

		/** How template messages sent to `phoneNumber` progress when their event is polled; null removes the plan. */
		setDeliveryPlan(phoneNumber, plan) {
			if (typeof phoneNumber !== 'string' || !phoneNumber) throw new Error('phoneNumber is required');
			if (plan === null || plan === undefined) {
				world.plans.delete(phoneNumber);
				return;
			}
			const statuses = plan.statuses;
			if (!Array.isArray(statuses) || !statuses.length || !statuses.every((s) => TEMPLATE_MESSAGE_STATUSES.includes(s))) {
				throw new Error(`statuses must be a non-empty array of ${TEMPLATE_MESSAGE_STATUSES.join(', ')}`);
			}
			world.plans.set(phoneNumber, { statuses: [...statuses], failureMessage: plan.failureMessage });
		},

		/**
		 * POSTs a webhook to `url`: a documented payload by type (a WEBHOOK_EVENTS key) or a full payload.
		 * options: data (deep-merged into payload.data), headers, hmacSecret, hmacHeader
		 * ('x-peach-signature'), hmacPrefix (''), rawBody (send these exact bytes), timeoutMs.
		 * The signature is the hex HMAC-SHA256 of the exact bytes sent.
		 */
		async postWebhook(url, typeOrPayload, options = {}) {
			let payload;
			if (typeof typeOrPayload === 'string') {
				if (!WEBHOOK_EVENTS[typeOrPayload]) {
					const err = new Error(`Unknown webhook type '${typeOrPayload}'. Known: ${Object.keys(WEBHOOK_EVENTS).join(', ')}`);
					err.code = 'UNKNOWN_WEBHOOK_TYPE';
					throw err;
				}
				payload = clone(WEBHOOK_EVENTS[typeOrPayload]);
			} else if (isPlainObject(typeOrPayload)) {
				payload = clone(typeOrPayload);
			} else {
				throw new Error('postWebhook needs a webhook type or a payload object');
			}
			if (options.data) payload.data = deepMerge(payload.data, options.data);
			const rawBody = options.rawBody !== undefined ? Buffer.from(options.rawBody) : Buffer.from(JSON.stringify(payload));
			const headers = { 'content-type': 'application/json', 'user-agent': 'Peach-Webhooks/1.0 (sandbox)' };
			for (const [name, value] of Object.entries(options.headers || {})) headers[name.toLowerCase()] = value;
			if (options.hmacSecret) {
				const signature = crypto.createHmac('sha256', options.hmacSecret).update(rawBody).digest('hex');
				headers[(options.hmacHeader || 'x-peach-signature').toLowerCase()] = `${options.hmacPrefix || ''}${signature}`;
			}
			const result = await postRaw(url, rawBody, headers, options.timeoutMs ?? 30000);
			return { status: result.status, body: result.body, headers: result.headers };
		},

		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	return sandbox;
}

module.exports = { startSandbox, WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES };
