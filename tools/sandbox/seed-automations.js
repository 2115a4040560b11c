'use strict';
/**
 * Seed data for Peach automations (Streams), their triggers and the condition library (expressions),
 * deterministic like seed.js. Shapes follow beyond-the-36.md; where it says NOT FOUND (list
 * envelopes, a condition's `variables`, trigger statuses) the sandbox's choice is noted in
 * tools/sandbox/README.md.
 */
const { stableId, iso, DAY, HOUR } = require('./helpers');

/** Integrations connected to the sandbox account: conditions of any other source answer event_source_not_connected. */
const CONNECTED_SOURCES = ['peach_shopify', 'Peach', 'stripe'];

/** [description, source, topic, variables]; the first six are the ones Peach's Shopify playbook names. */
const CONDITION_SPECS = [
	['Order Paid', 'peach_shopify', 'orders/paid', []],
	['Order created', 'peach_shopify', 'orders/create', []],
	['Order Paid where a field does NOT equal a value', 'peach_shopify', 'orders/paid', ['key_path', 'value']],
	['Order Fulfilled', 'peach_shopify', 'orders/fulfilled', []],
	['Order Cancelled', 'peach_shopify', 'orders/cancelled', []],
	['Abandoned Cart Created', 'Peach', 'carts/abandoned', []],
	['Order Paid where a field equals a value', 'peach_shopify', 'orders/paid', ['key_path', 'value']],
	['Order Refunded', 'peach_shopify', 'refunds/create', []],
	['Checkout Created', 'peach_shopify', 'checkouts/create', []],
	['Customer Created', 'peach_shopify', 'customers/create', []],
	['Fulfillment Created', 'peach_shopify', 'fulfillments/create', []],
	['Fulfillment Delivered', 'peach_shopify', 'fulfillment_events/delivered', []],
	['Order Updated where a field equals a value', 'peach_shopify', 'orders/updated', ['key_path', 'value']],
	['Contact Created', 'Peach', 'contacts/create', []],
	['Conversation Closed', 'Peach', 'conversations/closed', []],
	['Order Refunded', 'Peach', 'orders/refunded', []],
	['Payment Failed', 'stripe', 'invoice.payment_failed', []],
	['Payment Succeeded', 'stripe', 'payment_intent.succeeded', []],
	['Subscription Cancelled', 'stripe', 'customer.subscription.deleted', []],
	['Charge Refunded', 'stripe', 'charge.refunded', []],
	['Checkout Session Completed', 'stripe', 'checkout.session.completed', []],
	['Invoice Paid where a field equals a value', 'stripe', 'invoice.paid', ['key_path', 'value']],
	['Order Created', 'woocommerce', 'order.created', []],
	['Order Completed', 'woocommerce', 'order.completed', []],
	['Order Paid', 'woocommerce', 'order.paid', []],
	['Booking Confirmed', 'calendly', 'invitee.created', []],
	['Booking Cancelled', 'calendly', 'invitee.canceled', []],
	['Form Submitted', 'typeform', 'form_response', []],
];

/** [name, status, execution_mode]: 30 automations, so the picker has a second page. */
const AUTOMATION_NAMES = [
	'Welcome series', 'Cart recovery', 'Order paid thank-you', 'Payment failed follow-up', 'Re-engagement 30 days',
	'Delivery update', 'Review request', 'COD confirmation', 'Back in stock alert', 'Birthday offer',
	'Subscription renewal reminder', 'Refund processed', 'Appointment reminder', 'Loyalty points update', 'Win-back 90 days',
	'Post-purchase upsell', 'Feedback survey', 'Abandoned checkout nudge', 'VIP early access', 'Festive greetings',
	'Order cancelled apology', 'Shipping delay notice', 'First order discount', 'Wishlist price drop', 'Trial ending',
	'Invoice reminder', 'Onboarding tips', 'Referral reward', 'Event RSVP', 'Store visit follow-up',
];

function definitionFor(name) {
	return {
		start_step: 'hello',
		steps: {
			hello: {
				type: 'send_message',
				payload: { message: { text: `${name}: hi {{name}}!` } },
				next_step: null,
			},
		},
	};
}

function seedAutomations(now = Date.now()) {
	const expressions = CONDITION_SPECS.map(([description, source, topic, variables]) => ({
		id: stableId('exp_', `expression:${source}:${description}`, 16),
		description,
		source,
		topic,
		variables: [...variables],
	}));
	const streams = AUTOMATION_NAMES.map((name, i) => {
		const created = now - (60 - i) * DAY;
		const status = i % 10 === 7 ? 'archived' : i % 5 === 4 ? 'draft' : 'published';
		return {
			id: stableId('strm_', `stream:${name}`, 16),
			name,
			description: null,
			status,
			execution_mode: i % 4 === 1 ? 'backend_driven' : 'definition_driven',
			business_phone_number: '919876543222',
			definition: definitionFor(name),
			created_at: iso(created),
			updated_at: iso(created + (i % 7) * HOUR),
		};
	});
	const orderPaid = expressions[0];
	const thankYou = streams.find((stream) => stream.name === 'Order paid thank-you');
	const triggers = [
		{
			id: stableId('trig_', 'trigger:order-paid-thank-you', 16),
			stream_id: thankYou.id,
			status: 'active',
			description: 'Every paid order',
			condition: { expression_id: orderPaid.id, topic: orderPaid.topic, variables: {} },
			data_mappings: [
				{ mapping_for: 'recipient', value: { phone_number: '$.customer.phone', name: '$.customer.first_name' } },
				{ mapping_for: 'variable', value: { order_id: '$.name', total: '$.total_price' } },
			],
			created_at: iso(now - 20 * DAY),
			updated_at: iso(now - 20 * DAY),
		},
	];
	const byName = (name) => streams.find((stream) => stream.name === name).id;
	return {
		state: { streams, expressions, triggers, automationRuns: [], connectedSources: [...CONNECTED_SOURCES] },
		fixtures: {
			automations: {
				published: byName('Payment failed follow-up'),
				withTrigger: thankYou.id,
				draft: streams.find((stream) => stream.status === 'draft').id,
				archived: streams.find((stream) => stream.status === 'archived').id,
			},
			triggerId: triggers[0].id,
			conditions: {
				orderPaid: orderPaid.id,
				withVariables: expressions[2].id,
				notConnected: expressions.find((expression) => !CONNECTED_SOURCES.includes(expression.source)).id,
			},
		},
	};
}

module.exports = { seedAutomations, CONNECTED_SOURCES };
