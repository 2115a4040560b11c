'use strict';
/** Broadcasts: list, details, archive, cancel. (Launching one is POST /api/v1/events send_broadcast.) */
const { readFilters, paginate, unprocessable, iso } = require('../helpers');
const { findBroadcast, serializeBroadcast } = require('../model');

const BROADCAST_STATUSES = ['draft', 'scheduled', 'queued', 'sending', 'sent', 'canceled', 'archived'];

function listBroadcasts(ctx) {
	const { state } = ctx.world;
	const filters = readFilters(ctx.query, { status: BROADCAST_STATUSES });
	const items = state.broadcasts
		.filter((b) => filters.status === undefined || b.status === filters.status)
		.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
	return {
		status: 200,
		body: paginate(ctx, items, 'broadcasts', { prevKey: 'prev', serialize: (b) => serializeBroadcast(state, b, ctx.baseUrl) }),
	};
}

function getBroadcast(ctx) {
	const { state } = ctx.world;
	return { status: 200, body: serializeBroadcast(state, findBroadcast(state, ctx.params.id), ctx.baseUrl) };
}

/** A status change allowed only from some statuses; otherwise 422 with reason {status: [...]}. */
const transition = (to, from, verb) => (ctx) => {
	const { state } = ctx.world;
	const broadcast = findBroadcast(state, ctx.params.id);
	if (!from.includes(broadcast.status)) {
		throw unprocessable({ status: [`can't ${verb} a broadcast that is ${broadcast.status} (allowed when ${from.join(', ')})`] });
	}
	broadcast.status = to;
	broadcast.updated_at = iso(Date.now());
	return { status: 200, body: serializeBroadcast(state, broadcast, ctx.baseUrl) };
};

module.exports = [
	{ method: 'GET', path: '/api/v1/broadcasts', handler: listBroadcasts },
	{ method: 'GET', path: '/api/v1/broadcasts/:id', handler: getBroadcast },
	{ method: 'PATCH', path: '/api/v1/broadcasts/:id/archive', handler: transition('archived', ['sent', 'canceled', 'draft'], 'archive') },
	{ method: 'PATCH', path: '/api/v1/broadcasts/:id/cancel', handler: transition('canceled', ['scheduled', 'queued', 'sending'], 'cancel') },
];
module.exports.BROADCAST_STATUSES = BROADCAST_STATUSES;
