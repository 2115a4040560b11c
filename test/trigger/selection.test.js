/**
 * Which events start an execution: the Events multi-select, All Events, unknown future types,
 * and the two delivery filters (message type, recipient phone number).
 */
const { createTrigger } = require('./fake-webhook-context');
const { WEBHOOK_EVENTS, DOCUMENTED_VARIANTS } = require('./fixtures');

const ALL_TYPES = Object.keys(WEBHOOK_EVENTS);

function expectIgnored(outcome, reason) {
	expect(outcome.started).toBe(false);
	expect(outcome.items).toEqual([]);
	expect(outcome.answer.status).toBe(200);
	expect(outcome.answer.body).toMatchObject({ received: true, ignored: reason });
	expect(outcome.logs.some(([, message]) => message.includes(reason))).toBe(true);
}

describe('Peach Trigger: selected vs unselected events', () => {
	test.each(ALL_TYPES)('only %s selected: it starts the workflow and no other event does', async (selected) => {
		const trigger = createTrigger({ parameters: { events: [selected] } });
		for (const type of ALL_TYPES) {
			const outcome = await trigger.deliver({ body: WEBHOOK_EVENTS[type] });
			if (type === selected) {
				expect(outcome.started).toBe(true);
				expect(outcome.items[0].event).toBe(type);
			} else {
				expectIgnored(outcome, 'event not selected');
				expect(outcome.answer.body.event).toBe(type);
			}
		}
	});

	test('several events of different families can be selected together', async () => {
		const trigger = createTrigger({ parameters: { events: ['order.completed', 'message_delivery.failed'] } });
		const started = [];
		for (const type of ALL_TYPES) {
			const outcome = await trigger.deliver({ body: WEBHOOK_EVENTS[type] });
			if (outcome.started) started.push(outcome.items[0].event);
		}
		expect(started).toEqual(['order.completed', 'message_delivery.failed']);
	});

	test('All Events (the default) starts the workflow for every documented event', async () => {
		const trigger = createTrigger();
		expect(trigger.trigger.description.properties.find((p) => p.name === 'events').default).toEqual(['*']);
		for (const type of ALL_TYPES) {
			const outcome = await trigger.deliver({ body: WEBHOOK_EVENTS[type] });
			expect(outcome.started).toBe(true);
		}
	});

	test('All Events next to specific events still lets everything through', async () => {
		const trigger = createTrigger({ parameters: { events: ['order.completed', '*'] } });
		const outcome = await trigger.deliver({ body: WEBHOOK_EVENTS['flow_execution.pending'] });
		expect(outcome.started).toBe(true);
	});

	test('an unknown future event type passes only under All Events', async () => {
		const future = { type: 'message_delivery.deleted', data: { message: { id: 'cmsg_9', status: 'deleted' } } };

		const everything = await createTrigger({ parameters: { events: ['*'] } }).deliver({ body: future });
		expect(everything.started).toBe(true);
		expect(everything.items[0]).toMatchObject({ event: 'message_delivery.deleted', family: 'message_delivery' });

		const allDeliveries = [
			'message_delivery.sent',
			'message_delivery.delivered',
			'message_delivery.read',
			'message_delivery.failed',
			'message_delivery.replied',
		];
		const specific = await createTrigger({ parameters: { events: allDeliveries } }).deliver({ body: future });
		expectIgnored(specific, 'event not selected');
	});

	test('no event selected: everything is acknowledged and ignored', async () => {
		const outcome = await createTrigger({ parameters: { events: [] } }).deliver({
			body: WEBHOOK_EVENTS['order.completed'],
		});
		expectIgnored(outcome, 'event not selected');
	});

	test('selection follows the corrected event: a "delivered" typed as sent matches Delivered, not Sent', async () => {
		const body = DOCUMENTED_VARIANTS.deliveredTypedAsSent;
		const delivered = await createTrigger({ parameters: { events: ['message_delivery.delivered'] } }).deliver({ body });
		expect(delivered.started).toBe(true);
		expect(delivered.items[0]).toMatchObject({ event: 'message_delivery.delivered', receivedType: 'message_delivery.sent' });

		const sent = await createTrigger({ parameters: { events: ['message_delivery.sent'] } }).deliver({ body });
		expectIgnored(sent, 'event not selected');
	});
});

describe('Peach Trigger: delivery filters', () => {
	const template = WEBHOOK_EVENTS['message_delivery.failed'];
	const session = {
		type: 'message_delivery.failed',
		data: { ...DOCUMENTED_VARIANTS.sessionSent.data, message: { ...DOCUMENTED_VARIANTS.sessionSent.data.message, status: 'failed' } },
	};

	test('"notify me when a template message fails": failed + Template Message, no IF node needed', async () => {
		const trigger = createTrigger({
			parameters: { events: ['message_delivery.failed'], deliveryFilters: { messageType: 'template_message' } },
		});
		const failedTemplate = await trigger.deliver({ body: template });
		expect(failedTemplate.started).toBe(true);
		expect(failedTemplate.items[0]).toMatchObject({
			event: 'message_delivery.failed',
			messageType: 'template_message',
			messageId: 'cmsg_1234abcd',
		});

		expectIgnored(await trigger.deliver({ body: session }), 'message type does not match the filter');
		expectIgnored(await trigger.deliver({ body: WEBHOOK_EVENTS['message_delivery.sent'] }), 'event not selected');
	});

	test('Session Message keeps session messages and drops template messages', async () => {
		const trigger = createTrigger({ parameters: { deliveryFilters: { messageType: 'message' } } });
		expect((await trigger.deliver({ body: session })).started).toBe(true);
		expect((await trigger.deliver({ body: DOCUMENTED_VARIANTS.sessionSent })).started).toBe(true);
		expectIgnored(await trigger.deliver({ body: template }), 'message type does not match the filter');
	});

	test('the message type filter leaves other event families alone', async () => {
		const trigger = createTrigger({ parameters: { deliveryFilters: { messageType: 'template_message' } } });
		for (const type of ['order.completed', 'flow_execution.pending', 'ai_flow_execution.started']) {
			expect((await trigger.deliver({ body: WEBHOOK_EVENTS[type] })).started).toBe(true);
		}
	});

	test('recipient phone number: matches after removing spaces, dashes, dots, brackets and the plus sign', async () => {
		for (const written of ['+919988776655', '+91 99887 76655', '+91-998-877-6655', '(+91) 99887.76655', '919988776655']) {
			const trigger = createTrigger({ parameters: { deliveryFilters: { recipientPhone: written } } });
			const outcome = await trigger.deliver({ body: template });
			expect(outcome.started).toBe(true);
			expect(outcome.items[0].contactPhone).toBe('+919988776655');
		}
	});

	test('recipient phone number: another number is acknowledged and ignored', async () => {
		const trigger = createTrigger({ parameters: { deliveryFilters: { recipientPhone: '+91 99887 00000' } } });
		expectIgnored(await trigger.deliver({ body: template }), 'recipient phone number does not match the filter');
	});

	test('recipient phone number: a comma-separated list matches any of its numbers', async () => {
		const trigger = createTrigger({
			parameters: { deliveryFilters: { recipientPhone: '+1 415 555 0100, +91 99887-76655' } },
		});
		expect((await trigger.deliver({ body: template })).started).toBe(true);
	});

	test('recipient phone number applies to orders and flows too, and drops AI agent events (no contact)', async () => {
		const trigger = createTrigger({ parameters: { deliveryFilters: { recipientPhone: '+919988776655' } } });
		expect((await trigger.deliver({ body: WEBHOOK_EVENTS['order.completed'] })).started).toBe(true);
		expect((await trigger.deliver({ body: WEBHOOK_EVENTS['flow_execution.completed'] })).started).toBe(true);
		expectIgnored(
			await trigger.deliver({ body: WEBHOOK_EVENTS['ai_flow_execution.started'] }),
			'recipient phone number does not match the filter',
		);
	});

	test('a blank phone filter filters nothing', async () => {
		const trigger = createTrigger({ parameters: { deliveryFilters: { recipientPhone: '  ' } } });
		expect((await trigger.deliver({ body: WEBHOOK_EVENTS['ai_flow_execution.started'] })).started).toBe(true);
	});

	test('both filters together must both match', async () => {
		const trigger = createTrigger({
			parameters: {
				events: ['message_delivery.failed'],
				deliveryFilters: { messageType: 'template_message', recipientPhone: '+919988776655' },
			},
		});
		expect((await trigger.deliver({ body: template })).started).toBe(true);
		const otherContact = {
			...template,
			data: { ...template.data, contact: { ...template.data.contact, phone_number: '+14155550100' } },
		};
		expectIgnored(await trigger.deliver({ body: otherContact }), 'recipient phone number does not match the filter');
		expectIgnored(await trigger.deliver({ body: session }), 'message type does not match the filter');
	});
});
