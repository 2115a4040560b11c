'use strict';
/**
 * Things that happen in a Peach account without an API call, so that the polling tests can make
 * them happen over time: a customer writes in, an agent closes or assigns a conversation, a
 * template message is delivered, a broadcast finishes. Each takes an optional `at` (ms or ISO) for
 * the record's timestamp, so tests can give two records the same instant.
 */
const { iso, notFound, stableId } = require('./helpers');
const { findBroadcast, TEMPLATE_MESSAGE_STATUSES, inboxAgent, assignedTo, touchConversation } = require('./model');

const CONVERSATION_STATUSES = ['open', 'pending', 'awaiting_customer_response', 'closed'];
const BUSINESS_NUMBER = { number: '+919000000001', display_name: 'Peach Demo Store' };

function instant(at) {
	if (at === undefined || at === null) return iso(Date.now());
	const ms = typeof at === 'number' ? at : Date.parse(at);
	if (Number.isNaN(ms)) throw new Error(`at must be a time in ms or ISO 8601, got ${JSON.stringify(at)}`);
	return iso(ms);
}

function findConversation(state, id) {
	const conversation = state.conversations.find((c) => c.id === Number(id));
	if (!conversation) throw notFound('Conversation', id);
	return conversation;
}

/** The contact's latest conversation, or a new open one. */
function conversationFor(world, phoneNumber, name, at) {
	const { conversations } = world.state;
	const existing = conversations
		.filter((c) => c.subscriber.phone_number === phoneNumber)
		.sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
	if (existing) return existing;
	const conversation = {
		id: conversations.reduce((max, c) => Math.max(max, c.id), 0) + 1,
		status: 'open',
		escalated: false,
		has_call_permission: false,
		_last_activity_type: 'message',
		_last_activity_at: at,
		updated_at: at,
		created_at: at,
		subscriber: { name: name || null, phone_number: phoneNumber },
		assigned_to: null,
	};
	conversations.push(conversation);
	return conversation;
}

/** A customer's WhatsApp message arrives: it lands in their conversation (reopened if closed). */
function receiveMessage(world, { phoneNumber, name, text = 'Hello', contentType = 'text', at } = {}) {
	if (typeof phoneNumber !== 'string' || !/^\+\d{8,15}$/.test(phoneNumber)) throw new Error('phoneNumber must be E.164, e.g. +919988776655');
	const when = instant(at);
	const known = world.state.contacts.get(phoneNumber);
	const contactName = name ?? known?.name ?? null;
	const conversation = conversationFor(world, phoneNumber, contactName, when);
	world.seq.inboundMessage = (world.seq.inboundMessage || 0) + 1;
	const n = world.seq.inboundMessage;
	const message = {
		id: String(950000 + n),
		external_id: `wamid.HBgM${stableId('', `inbound:${n}`, 28)}`,
		direction: 'inbound',
		text,
		content_type: contentType,
		status: 'received',
		channel: 'whatsapp',
		conversation_id: conversation.id,
		created_at: when,
		phone_number: { ...BUSINESS_NUMBER },
		author: { type: 'contact', name: contactName, email: known?.email ?? null, phone_number: phoneNumber, ai_flow: null },
		media: null,
		_contact_phone: phoneNumber,
	};
	world.state.messages.unshift(message);
	if (conversation.status === 'closed') conversation.status = 'open';
	touchConversation(conversation, 'message', when);
	return message;
}

/** An agent (or Peach's automation) changes a conversation: status, escalation and/or assignee. */
function changeConversation(world, id, { status, escalated, assignee, at } = {}) {
	const conversation = findConversation(world.state, id);
	const when = instant(at);
	let activity = null;
	if (status !== undefined) {
		if (!CONVERSATION_STATUSES.includes(status)) throw new Error(`status must be one of ${CONVERSATION_STATUSES.join(', ')}`);
		conversation.status = status;
		activity = 'status_change';
	}
	if (escalated !== undefined) {
		conversation.escalated = Boolean(escalated);
		activity = 'escalation';
	}
	if (assignee !== undefined) {
		conversation.assigned_to = assignee ? assignedTo(inboxAgent(world.state, String(assignee))) : null;
		activity = 'assignment';
	}
	if (!activity) throw new Error('give status, escalated or assignee');
	touchConversation(conversation, activity, when);
	return conversation;
}

/** WhatsApp reports a new delivery status for a template message. */
function setTemplateMessageStatus(world, id, { status, failureMessage, at } = {}) {
	if (!TEMPLATE_MESSAGE_STATUSES.includes(status)) throw new Error(`status must be one of ${TEMPLATE_MESSAGE_STATUSES.join(', ')}`);
	const message = world.state.templateMessages.find((m) => m.id === id);
	if (!message) throw notFound('TemplateMessage', id);
	Object.assign(message, {
		status,
		failure_message: status === 'failed' ? failureMessage || '(#131026) Message undeliverable' : null,
		updated_at: instant(at),
	});
	delete message._plan; // a status set by hand is not overridden by a delivery plan
	return message;
}

/** A broadcast moves on (sending → sent, scheduled → canceled, ...). */
function setBroadcastStatus(world, id, { status, at } = {}) {
	if (typeof status !== 'string' || !status) throw new Error('status is required');
	const broadcast = findBroadcast(world.state, id);
	Object.assign(broadcast, { status, updated_at: instant(at) });
	return broadcast;
}

module.exports = { receiveMessage, changeConversation, setTemplateMessageStatus, setBroadcastStatus };
