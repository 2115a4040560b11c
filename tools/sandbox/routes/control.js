'use strict';
/**
 * /__sandbox/*: the sandbox's own controls, for tests running in another process (the real-n8n
 * suite). No auth, not recorded in `requests`, never faulted.
 */
const crypto = require('node:crypto');

const ok = (extra = {}) => ({ status: 200, body: { ok: true, ...extra } });
const badRequest = (message) => ({ status: 400, body: { message } });

const withoutRawBody = ({ rawBody, ...rest }) => rest;

function guard(fn) {
	try {
		return fn();
	} catch (err) {
		return badRequest(err.message);
	}
}

/** Runs a change; the changed record comes back (without internal fields), or 404/400 with why not. */
function change(fn, status = 200) {
	try {
		const record = fn();
		return { status, body: Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_'))) };
	} catch (err) {
		return err.status === 404 ? { status: 404, body: err.body } : badRequest(err.message);
	}
}

module.exports = [
	{ method: 'GET', path: '/__sandbox/requests', handler: (ctx) => ({ status: 200, body: ctx.sandbox.requests.map(withoutRawBody) }) },
	{
		method: 'DELETE',
		path: '/__sandbox/requests',
		handler: (ctx) => {
			ctx.sandbox.clearRequests();
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/faults',
		handler: (ctx) =>
			guard(() => {
				const { route, ...spec } = ctx.body || {};
				ctx.sandbox.fault(route, spec);
				return { status: 201, body: { ok: true, route, ...spec } };
			}),
	},
	{
		method: 'DELETE',
		path: '/__sandbox/faults',
		handler: (ctx) => {
			ctx.sandbox.clearFaults();
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/traffic',
		handler: (ctx) =>
			guard(() => {
				const { rateLimit, latencyMs } = ctx.body || {};
				if (rateLimit !== undefined) ctx.sandbox.setRateLimit(rateLimit);
				if (latencyMs !== undefined) ctx.sandbox.setLatency(latencyMs);
				return ok(ctx.sandbox.stats());
			}),
	},
	{
		method: 'POST',
		path: '/__sandbox/conversations',
		handler: (ctx) => guard(() => ok({ total: ctx.sandbox.growConversations(Number(ctx.body?.total)) })),
	},
	{ method: 'GET', path: '/__sandbox/stats', handler: (ctx) => ({ status: 200, body: ctx.sandbox.stats() }) },
	{
		method: 'POST',
		path: '/__sandbox/reset',
		handler: (ctx) => {
			ctx.sandbox.reset();
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/__sandbox/delivery-plans',
		handler: (ctx) =>
			guard(() => {
				const { phoneNumber, statuses, failureMessage } = ctx.body || {};
				ctx.sandbox.setDeliveryPlan(phoneNumber, statuses ? { statuses, failureMessage } : null);
				return ok();
			}),
	},
	{
		method: 'POST',
		path: '/__sandbox/webhooks',
		handler: async (ctx) => {
			const { url, type, payload, ...options } = ctx.body || {};
			if (!url) return badRequest('url is required');
			if (!type && !payload) return badRequest('type or payload is required');
			try {
				const result = await ctx.sandbox.postWebhook(url, payload || type, options);
				return { status: 200, body: result };
			} catch (err) {
				return { status: err.code === 'UNKNOWN_WEBHOOK_TYPE' ? 400 : 502, body: { message: err.message } };
			}
		},
	},
	{
		method: 'GET',
		path: '/__sandbox/storage-uploads',
		handler: (ctx) => ({
			status: 200,
			body: ctx.sandbox.storageUploads.map((u) => ({
				key: u.key,
				headers: u.headers,
				size: u.body.length,
				md5: crypto.createHash('md5').update(u.body).digest('base64'),
				md5Hex: crypto.createHash('md5').update(u.body).digest('hex'),
				body: u.body.toString('base64'),
			})),
		}),
	},
	{ method: 'GET', path: '/__sandbox/fixtures', handler: (ctx) => ({ status: 200, body: ctx.sandbox.fixtures }) },
	// Changes that happen in Peach without an API call, for the polling trigger (see ../changes.js).
	{
		method: 'POST',
		path: '/__sandbox/inbound-messages',
		handler: (ctx) => change(() => ctx.sandbox.receiveMessage(ctx.body || {}), 201),
	},
	{
		method: 'PATCH',
		path: '/__sandbox/conversations/:id',
		handler: (ctx) => change(() => ctx.sandbox.changeConversation(ctx.params.id, ctx.body || {})),
	},
	{
		method: 'PATCH',
		path: '/__sandbox/template-messages/:id',
		handler: (ctx) => change(() => ctx.sandbox.setTemplateMessageStatus(ctx.params.id, ctx.body || {})),
	},
	{
		method: 'PATCH',
		path: '/__sandbox/broadcasts/:id',
		handler: (ctx) => change(() => ctx.sandbox.setBroadcastStatus(ctx.params.id, ctx.body || {})),
	},
];
