/**
 * Peach webhook payloads, copied from peach-api/conversations-contacts-orders-medias-webhooks.md
 * (section "webhooks"). Where the docs show only one example for a family, the other events reuse
 * its shape with their own type and status; where the stored page is cut off or the event is only
 * known from third-party code, the fixture says so.
 */

const CONTACT = {
	id: 1,
	account_id: 1,
	name: 'John Doe',
	phone_number: '+919988776655',
	first_name: 'John',
	last_name: 'Doe',
	country_code: '91',
	language: 'en',
	email: 'johndoe@example.com',
};

/** Delivery examples show `language: null`. */
const DELIVERY_CONTACT = { ...CONTACT, language: null };

function order(type, status) {
	return {
		type,
		data: {
			id: 'wa_ord_1234abcd',
			reference_id: '<your_order_id OR wa_ord_1234abcd>',
			status,
			contact: { ...CONTACT },
		},
	};
}

function flowExecution(type, submission = []) {
	return {
		type,
		data: {
			id: 'fe_1234abcd',
			// Every documented example says "created" whatever the event.
			status: 'created',
			contact: { ...CONTACT },
			flow: {
				id: 'flw_1234abcd',
				name: 'Sample app',
				status: 'published',
				category: 'other',
				description: 'This is a sample flow',
			},
			submission,
			responses: {},
			account_id: 1,
			context: {},
			source: {},
		},
	};
}

function templateDelivery(type, status, extra = {}) {
	return {
		type,
		data: {
			message: {
				id: 'cmsg_1234abcd',
				status,
				type: 'template_message',
				reason: null,
				created_at: '2025-05-22T11:25:06.239Z',
				updated_at: '2025-05-22T11:25:06.239Z',
				...extra,
			},
			contact: { ...DELIVERY_CONTACT },
			event: null,
		},
	};
}

function sessionDelivery(type, status, extra = {}) {
	return {
		type,
		data: {
			message: {
				id: 1,
				status,
				type: 'message',
				reason: null,
				created_at: '2025-05-03T02:17:07.420Z',
				updated_at: '2025-05-03T02:17:07.420Z',
				...extra,
			},
			contact: { ...DELIVERY_CONTACT },
			event: null,
		},
	};
}

function aiAgent(type) {
	return {
		type,
		data: {
			id: 'aiflw_1234abcd',
			name: 'Customer engagement',
			app_type: 'AI App',
			status: 'published',
			description: 'Engages and solves customer queries.',
		},
	};
}

/** One payload per documented event type, keyed by that type. */
const WEBHOOK_EVENTS = {
	'order.completed': order('order.completed', 'completed'),
	'order.canceled': order('order.canceled', 'canceled'),
	'flow_execution.pending': flowExecution('flow_execution.pending'),
	'flow_execution.in_progress': flowExecution('flow_execution.in_progress'),
	// The stored page cuts the submission list after its first item.
	'flow_execution.completed': flowExecution('flow_execution.completed', [
		{ id: 'fr_1234abcd', key: 'phone_number', value: '+919988776655' },
	]),
	'message_delivery.sent': templateDelivery('message_delivery.sent', 'sent'),
	'message_delivery.delivered': templateDelivery('message_delivery.delivered', 'delivered'),
	// The stored page is cut off before the failed payload; the reason format is not documented.
	'message_delivery.failed': templateDelivery('message_delivery.failed', 'failed', {
		reason: 'Message undeliverable',
	}),
	// Known only from third-party code.
	'message_delivery.read': templateDelivery('message_delivery.read', 'read'),
	// Known only from third-party code, which reads data.message.reply.
	'message_delivery.replied': sessionDelivery('message_delivery.replied', 'replied', {
		reply: { id: 2, text: 'Yes, please', author: { phone_number: '+919988776655', name: 'John Doe' } },
	}),
	'ai_flow_execution.started': aiAgent('ai_flow_execution.started'),
	'ai_flow_execution.escalated': aiAgent('ai_flow_execution.escalated'),
	'ai_flow_execution.completed': aiAgent('ai_flow_execution.completed'),
	'ai_flow_execution.analyzed': aiAgent('ai_flow_execution.analyzed'),
};

/** Payloads exactly as the docs print them where they differ from the typed set above. */
const DOCUMENTED_VARIANTS = {
	/** The interactive (session) message example of message_delivery.sent. */
	sessionSent: sessionDelivery('message_delivery.sent', 'sent'),
	/** The docs' `delivered` example, still typed `message_delivery.sent` (a known doc error). */
	deliveredTypedAsSent: templateDelivery('message_delivery.sent', 'delivered'),
	/** The same doc error on the session message example. */
	sessionDeliveredTypedAsSent: sessionDelivery('message_delivery.sent', 'delivered'),
};

module.exports = { WEBHOOK_EVENTS, DOCUMENTED_VARIANTS, CONTACT };
