'use strict';
/**
 * Peach's webhook payloads as documented (peach-api/conversations-contacts-orders-medias-webhooks.md,
 * "webhooks"). Every payload is { type, data }. Where the docs' copy is cut off (the tail of
 * flow_execution.completed, message_delivery.failed) or the event is only seen in third-party code
 * (message_delivery.read, .replied), the values are filled in plausibly and marked.
 *
 * Keys are the event types, plus two variants:
 *  - 'message_delivery.delivered (doc example)': the docs' own delivered example, whose `type` says
 *    message_delivery.sent while data.message.status is delivered (a known doc error);
 *  - 'message_delivery.sent (interactive message)': a session message (type 'message', integer id).
 */

const contact = (language) => ({
	id: 1,
	account_id: 1,
	name: 'John Doe',
	phone_number: '+919988776655',
	first_name: 'John',
	last_name: 'Doe',
	country_code: '91',
	language,
	email: 'johndoe@example.com',
});

const order = (type, status) => ({
	type,
	data: { id: 'wa_ord_1234abcd', reference_id: 'your_order_id', status, contact: contact('en') },
});

const flow = (type, submission = []) => ({
	type,
	data: {
		id: 'fe_1234abcd',
		status: 'created', // every doc example shows "created", whatever the event
		contact: contact('en'),
		flow: { id: 'flw_1234abcd', name: 'Sample app', status: 'published', category: 'other', description: 'This is a sample flow' },
		submission,
		responses: {},
		account_id: 1,
		context: {},
		source: {},
	},
});

const templateMessage = (status, extra = {}) => ({
	id: 'cmsg_1234abcd',
	status,
	type: 'template_message',
	reason: null,
	created_at: '2025-05-22T11:25:06.239Z',
	updated_at: '2025-05-22T11:25:06.239Z',
	...extra,
});

const delivery = (type, message) => ({ type, data: { message, contact: contact(null), event: null } });

const aiFlow = (type) => ({
	type,
	data: {
		id: 'aiflw_1234abcd',
		name: 'Customer engagement',
		app_type: 'AI App',
		status: 'published', // docs: "<one of draft or published>"
		description: 'Engages and solves customer queries.',
	},
});

const WEBHOOK_EVENTS = {
	'order.completed': order('order.completed', 'completed'),
	'order.canceled': order('order.canceled', 'canceled'),

	'flow_execution.pending': flow('flow_execution.pending'),
	'flow_execution.in_progress': flow('flow_execution.in_progress'),
	'flow_execution.completed': flow('flow_execution.completed', [
		{ id: 'fr_1234abcd', key: 'phone_number', value: '+919988776655' },
		{ id: 'fr_5678efgh', key: 'email', value: 'johndoe@example.com' }, // the docs' copy is cut off after the first item
	]),

	'message_delivery.sent': delivery('message_delivery.sent', templateMessage('sent')),
	'message_delivery.delivered': delivery('message_delivery.delivered', templateMessage('delivered')),
	'message_delivery.delivered (doc example)': delivery('message_delivery.sent', templateMessage('delivered')),
	'message_delivery.failed': delivery(
		'message_delivery.failed',
		templateMessage('failed', { reason: '(#131026) Message undeliverable' }), // reason format NOT FOUND in the docs
	),
	// .read and .replied: seen in third-party handlers only (UNCERTAIN)
	'message_delivery.read': delivery('message_delivery.read', templateMessage('read')),
	'message_delivery.replied': delivery(
		'message_delivery.replied',
		templateMessage('replied', {
			reply: {
				id: 'wamid.HBgMOTE5OTg4Nzc2NjU1FQIAEhggQjQ5RkE2',
				text: 'Yes, please confirm my order',
				author: { phone_number: '+919988776655', name: 'John Doe' },
			},
		}),
	),
	'message_delivery.sent (interactive message)': delivery('message_delivery.sent', {
		id: 1,
		status: 'sent',
		type: 'message',
		reason: null,
		created_at: '2025-05-03T02:17:07.420Z',
		updated_at: '2025-05-03T02:17:07.420Z',
	}),

	'ai_flow_execution.started': aiFlow('ai_flow_execution.started'),
	'ai_flow_execution.escalated': aiFlow('ai_flow_execution.escalated'),
	'ai_flow_execution.completed': aiFlow('ai_flow_execution.completed'),
	'ai_flow_execution.analyzed': aiFlow('ai_flow_execution.analyzed'),
};

/** The real event types (keys without the variant suffix). */
const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS).filter((key) => !key.includes(' '));

function deepFreeze(value) {
	if (value && typeof value === 'object') {
		Object.values(value).forEach(deepFreeze);
		Object.freeze(value);
	}
	return value;
}
deepFreeze(WEBHOOK_EVENTS);

module.exports = { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES };
