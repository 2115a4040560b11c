'use strict';
/** Shared inbox: list conversations, update a conversation's status, list messages. */
const { t } = require('../validate');
const { readFilters, paginate, validate, notFound, iso, publicView } = require('../helpers');
const { touchConversation, serializeConversation } = require('../model');

const CONVERSATION_STATUSES = ['open', 'pending', 'awaiting_customer_response', 'closed'];
const ACTIVITY_TYPES = ['message', 'escalation', 'status_change', 'assignment'];

function listConversations(ctx) {
	const f = readFilters(ctx.query, {
		status: CONVERSATION_STATUSES,
		escalated: 'boolean',
		activity_type: ACTIVITY_TYPES,
		activity_since: 'datetime',
		updated_since: 'datetime',
		phone_number: 'phone',
		has_call_permission: 'boolean',
	});
	const items = ctx.world.state.conversations
		.filter(
			(c) =>
				(f.status === undefined || c.status === f.status) &&
				(f.escalated === undefined || c.escalated === f.escalated) &&
				(f.activity_type === undefined || c._last_activity_type === f.activity_type) &&
				(f.activity_since === undefined || Date.parse(c._last_activity_at) >= f.activity_since) &&
				(f.updated_since === undefined || Date.parse(c.updated_at) >= f.updated_since) &&
				(f.phone_number === undefined || c.subscriber.phone_number === f.phone_number) &&
				(f.has_call_permission === undefined || c.has_call_permission === f.has_call_permission),
		)
		.sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id);
	return { status: 200, body: paginate(ctx, items, 'conversations', { prevKey: 'prev', serialize: serializeConversation }) };
}

function findConversation(state, id) {
	const conversation = /^\d+$/.test(id) ? state.conversations.find((c) => c.id === Number(id)) : null;
	if (!conversation) throw notFound('Conversation', id);
	return conversation;
}

function updateConversation(ctx) {
	const conversation = findConversation(ctx.world.state, ctx.params.id);
	validate(t.object({ status: t.enum(CONVERSATION_STATUSES, { required: true }) }), ctx.body);
	const at = iso(Date.now());
	conversation.status = ctx.body.status;
	touchConversation(conversation, 'status_change', at);
	return { status: 200, body: serializeConversation(conversation) };
}

const digits = (phone) => String(phone).replace(/^\+/, '');

function listMessages(ctx) {
	const f = readFilters(ctx.query, {
		conversation_id: 'integer',
		phone_number: 'phone',
		business_phone_number: 'phone',
		direction: ['inbound', 'outbound'],
		from: 'datetime',
		to: 'datetime',
	});
	const items = ctx.world.state.messages
		.filter(
			(m) =>
				(f.conversation_id === undefined || m.conversation_id === f.conversation_id) &&
				(f.phone_number === undefined || digits(m._contact_phone) === digits(f.phone_number)) &&
				(f.business_phone_number === undefined || digits(m.phone_number.number) === digits(f.business_phone_number)) &&
				(f.direction === undefined || m.direction === f.direction) &&
				(f.from === undefined || Date.parse(m.created_at) >= f.from) &&
				(f.to === undefined || Date.parse(m.created_at) <= f.to),
		)
		.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
	const serialize = (m) => ({ ...publicView(m), phone_number: { ...m.phone_number }, author: { ...m.author }, media: m.media ? { ...m.media } : null });
	// Peach's MCP server sizes /messages pages with per_page, the other clients with per: both are read.
	const query = ctx.query.per === undefined && ctx.query.per_page !== undefined ? { ...ctx.query, per: ctx.query.per_page } : ctx.query;
	return { status: 200, body: paginate({ ...ctx, query }, items, 'messages', { prevKey: 'previous', serialize }) };
}

module.exports = [
	{ method: 'GET', path: '/api/v1/conversations', handler: listConversations },
	{ method: 'PATCH', path: '/api/v1/conversations/:id', handler: updateConversation },
	{ method: 'GET', path: '/api/v1/messages', handler: listMessages },
];
