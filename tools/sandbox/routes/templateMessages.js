'use strict';
/** GET /api/v1/template_messages: delivery status of sent template messages, most recently updated first. */
const { readFilters, paginate, DAY } = require('../helpers');
const { TEMPLATE_MESSAGE_STATUSES, serializeTemplateMessage } = require('../model');

function listTemplateMessages(ctx) {
	const filters = readFilters(ctx.query, {
		broadcast_id: 'string',
		updated_since: 'datetime',
		// not in the docs, but sent by Peach's MCP server; harmless when unset
		status: TEMPLATE_MESSAGE_STATUSES,
		phone_number: 'phone',
	});
	const since = filters.updated_since ?? Date.now() - DAY; // documented default: the last 24 hours
	const items = ctx.world.state.templateMessages
		.filter(
			(m) =>
				Date.parse(m.updated_at) >= since &&
				(filters.broadcast_id === undefined || m.broadcast_id === filters.broadcast_id) &&
				(filters.status === undefined || m.status === filters.status) &&
				(filters.phone_number === undefined || m.phone_number === filters.phone_number),
		)
		.sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.id.localeCompare(b.id));
	return { status: 200, body: paginate(ctx, items, 'template_messages', { prevKey: 'prev', serialize: serializeTemplateMessage }) };
}

module.exports = [{ method: 'GET', path: '/api/v1/template_messages', handler: listTemplateMessages }];
