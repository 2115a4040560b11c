/**
 * Every documented Peach webhook payload through the built trigger's webhook(): one output item
 * per event, shown in full.
 */
const { createTrigger } = require('./fake-webhook-context');
const { WEBHOOK_EVENTS, DOCUMENTED_VARIANTS } = require('./fixtures');

const NO_IDS = {
	messageId: null,
	messageType: null,
	reason: null,
	contactPhone: null,
	orderId: null,
	orderReferenceId: null,
	flowExecutionId: null,
	aiAgentId: null,
};

/** The output item expected for each documented event (the `data` field is the payload's data). */
const EXPECTED = {
	'order.completed': {
		event: 'order.completed',
		family: 'order',
		status: 'completed',
		receivedType: 'order.completed',
		...NO_IDS,
		contactPhone: '+919988776655',
		orderId: 'wa_ord_1234abcd',
		orderReferenceId: '<your_order_id OR wa_ord_1234abcd>',
	},
	'order.canceled': {
		event: 'order.canceled',
		family: 'order',
		status: 'canceled',
		receivedType: 'order.canceled',
		...NO_IDS,
		contactPhone: '+919988776655',
		orderId: 'wa_ord_1234abcd',
		orderReferenceId: '<your_order_id OR wa_ord_1234abcd>',
	},
	'flow_execution.pending': {
		event: 'flow_execution.pending',
		family: 'flow_execution',
		status: 'pending',
		receivedType: 'flow_execution.pending',
		...NO_IDS,
		contactPhone: '+919988776655',
		flowExecutionId: 'fe_1234abcd',
	},
	'flow_execution.in_progress': {
		event: 'flow_execution.in_progress',
		family: 'flow_execution',
		status: 'in_progress',
		receivedType: 'flow_execution.in_progress',
		...NO_IDS,
		contactPhone: '+919988776655',
		flowExecutionId: 'fe_1234abcd',
	},
	'flow_execution.completed': {
		event: 'flow_execution.completed',
		family: 'flow_execution',
		status: 'completed',
		receivedType: 'flow_execution.completed',
		...NO_IDS,
		contactPhone: '+919988776655',
		flowExecutionId: 'fe_1234abcd',
	},
	'message_delivery.sent': {
		event: 'message_delivery.sent',
		family: 'message_delivery',
		status: 'sent',
		receivedType: 'message_delivery.sent',
		...NO_IDS,
		messageId: 'cmsg_1234abcd',
		messageType: 'template_message',
		contactPhone: '+919988776655',
	},
	'message_delivery.delivered': {
		event: 'message_delivery.delivered',
		family: 'message_delivery',
		status: 'delivered',
		receivedType: 'message_delivery.delivered',
		...NO_IDS,
		messageId: 'cmsg_1234abcd',
		messageType: 'template_message',
		contactPhone: '+919988776655',
	},
	'message_delivery.read': {
		event: 'message_delivery.read',
		family: 'message_delivery',
		status: 'read',
		receivedType: 'message_delivery.read',
		...NO_IDS,
		messageId: 'cmsg_1234abcd',
		messageType: 'template_message',
		contactPhone: '+919988776655',
	},
	'message_delivery.failed': {
		event: 'message_delivery.failed',
		family: 'message_delivery',
		status: 'failed',
		receivedType: 'message_delivery.failed',
		...NO_IDS,
		messageId: 'cmsg_1234abcd',
		messageType: 'template_message',
		reason: 'Message undeliverable',
		contactPhone: '+919988776655',
	},
	'message_delivery.replied': {
		event: 'message_delivery.replied',
		family: 'message_delivery',
		status: 'replied',
		receivedType: 'message_delivery.replied',
		...NO_IDS,
		messageId: 1,
		messageType: 'message',
		contactPhone: '+919988776655',
	},
	'ai_flow_execution.started': {
		event: 'ai_flow_execution.started',
		family: 'ai_flow_execution',
		status: 'started',
		receivedType: 'ai_flow_execution.started',
		...NO_IDS,
		aiAgentId: 'aiflw_1234abcd',
	},
	'ai_flow_execution.escalated': {
		event: 'ai_flow_execution.escalated',
		family: 'ai_flow_execution',
		status: 'escalated',
		receivedType: 'ai_flow_execution.escalated',
		...NO_IDS,
		aiAgentId: 'aiflw_1234abcd',
	},
	'ai_flow_execution.completed': {
		event: 'ai_flow_execution.completed',
		family: 'ai_flow_execution',
		status: 'completed',
		receivedType: 'ai_flow_execution.completed',
		...NO_IDS,
		aiAgentId: 'aiflw_1234abcd',
	},
	'ai_flow_execution.analyzed': {
		event: 'ai_flow_execution.analyzed',
		family: 'ai_flow_execution',
		status: 'analyzed',
		receivedType: 'ai_flow_execution.analyzed',
		...NO_IDS,
		aiAgentId: 'aiflw_1234abcd',
	},
};

describe('Peach Trigger: one output item per documented event', () => {
	test('the fixtures cover all 14 documented event types', () => {
		expect(Object.keys(WEBHOOK_EVENTS).sort()).toEqual(Object.keys(EXPECTED).sort());
		expect(Object.keys(WEBHOOK_EVENTS)).toHaveLength(14);
	});

	test.each(Object.keys(EXPECTED))('%s', async (type) => {
		const payload = WEBHOOK_EVENTS[type];
		const { items, started, answer } = await createTrigger().deliver({ body: payload });

		expect(started).toBe(true);
		expect(answer).toEqual({ status: 200, body: { received: true, event: type } });
		expect(items).toHaveLength(1);
		expect(items[0]).toEqual({ ...EXPECTED[type], data: payload.data });
	});

	test('session message delivery (interactive message example): integer id, type "message"', async () => {
		const payload = DOCUMENTED_VARIANTS.sessionSent;
		const { items } = await createTrigger().deliver({ body: payload });
		expect(items).toEqual([
			{
				event: 'message_delivery.sent',
				family: 'message_delivery',
				status: 'sent',
				receivedType: 'message_delivery.sent',
				...NO_IDS,
				messageId: 1,
				messageType: 'message',
				contactPhone: '+919988776655',
				data: payload.data,
			},
		]);
	});

	test('the docs\' "delivered" example typed message_delivery.sent: the status wins, the received type is kept', async () => {
		const payload = DOCUMENTED_VARIANTS.deliveredTypedAsSent;
		const { items } = await createTrigger().deliver({ body: payload });
		expect(items).toEqual([
			{
				event: 'message_delivery.delivered',
				family: 'message_delivery',
				status: 'delivered',
				receivedType: 'message_delivery.sent',
				...NO_IDS,
				messageId: 'cmsg_1234abcd',
				messageType: 'template_message',
				contactPhone: '+919988776655',
				data: payload.data,
			},
		]);
	});

	test('Simplify off outputs the raw body exactly as received', async () => {
		for (const payload of [...Object.values(WEBHOOK_EVENTS), ...Object.values(DOCUMENTED_VARIANTS)]) {
			const { items } = await createTrigger({ parameters: { simplify: false } }).deliver({ body: payload });
			expect(items).toEqual([payload]);
		}
	});

	test('an unknown future event passes under All Events with its family and status guessed from the payload', async () => {
		const payload = { type: 'broadcast.finished', data: { id: 'cmp_1', status: 'finished' } };
		const { items } = await createTrigger().deliver({ body: payload });
		expect(items).toEqual([
			{
				event: 'broadcast.finished',
				family: 'broadcast',
				status: 'finished',
				receivedType: 'broadcast.finished',
				...NO_IDS,
				data: payload.data,
			},
		]);
	});

	test('an ai_agent_execution.* type (the renamed docs page) is read as the documented ai_flow_execution.* event', async () => {
		const payload = { type: 'ai_agent_execution.escalated', data: WEBHOOK_EVENTS['ai_flow_execution.escalated'].data };
		const { items } = await createTrigger({ parameters: { events: ['ai_flow_execution.escalated'] } }).deliver({
			body: payload,
		});
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'ai_flow_execution.escalated',
			receivedType: 'ai_agent_execution.escalated',
			status: 'escalated',
			aiAgentId: 'aiflw_1234abcd',
		});
	});
});
