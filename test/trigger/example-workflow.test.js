/**
 * examples/alert-on-failed-delivery.json: its Peach Trigger settings are valid for the node and
 * let exactly the failed template deliveries through to the alert node.
 */
const fs = require('fs');
const path = require('path');

const { createTrigger, nodeDefaults } = require('./fake-webhook-context');
const { WEBHOOK_EVENTS, DOCUMENTED_VARIANTS } = require('./fixtures');
const { PeachTrigger } = require('../../dist/nodes/PeachTrigger/PeachTrigger.node.js');

const workflow = JSON.parse(
	fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'alert-on-failed-delivery.json'), 'utf8'),
);
const triggerNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-peach.peachTrigger');
const alertNode = workflow.nodes.find((node) => node.name === 'Post Alert');
const SECRET = 'pch_whsec_example_0123456789';

describe('example workflow: alert on failed delivery', () => {
	test('is an importable workflow: named nodes, a webhook id, the trigger wired to the alert', () => {
		expect(workflow.name).toBeTruthy();
		expect(triggerNode).toMatchObject({ typeVersion: 1, name: 'Peach Trigger' });
		expect(triggerNode.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(triggerNode.credentials).toHaveProperty('peachWebhookApi');
		expect(alertNode.type).toBe('n8n-nodes-base.httpRequest');
		expect(workflow.connections['Peach Trigger'].main[0]).toEqual([{ node: 'Post Alert', type: 'main', index: 0 }]);
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
	});

	test('the trigger parameters exist on the node and use valid values', () => {
		const description = new PeachTrigger().description;
		const defaults = nodeDefaults(description);
		for (const name of Object.keys(triggerNode.parameters)) expect(defaults).toHaveProperty(name);
		const events = description.properties.find((p) => p.name === 'events').options.map((o) => o.value);
		for (const event of triggerNode.parameters.events) expect(events).toContain(event);
		expect(triggerNode.parameters).toMatchObject({
			events: ['message_delivery.failed'],
			deliveryFilters: { messageType: 'template_message' },
		});
	});

	test('only failed template messages reach the alert, and the alert text has what it needs', async () => {
		const trigger = createTrigger({ parameters: triggerNode.parameters, credentials: { secret: SECRET } });
		const query = { token: SECRET };

		const failed = await trigger.deliver({ body: WEBHOOK_EVENTS['message_delivery.failed'], query });
		expect(failed.started).toBe(true);
		const item = failed.items[0];
		expect(item).toMatchObject({
			event: 'message_delivery.failed',
			messageId: 'cmsg_1234abcd',
			contactPhone: '+919988776655',
			reason: 'Message undeliverable',
		});
		expect(item.data.message.updated_at).toBeTruthy();
		const text = alertNode.parameters.bodyParameters.parameters[0].value;
		for (const field of ['messageId', 'contactPhone', 'reason', 'event', 'data.message.updated_at']) {
			expect(text).toContain(`$json.${field}`);
		}

		const sessionFailed = {
			type: 'message_delivery.failed',
			data: { ...DOCUMENTED_VARIANTS.sessionSent.data, message: { ...DOCUMENTED_VARIANTS.sessionSent.data.message, status: 'failed' } },
		};
		for (const body of [sessionFailed, WEBHOOK_EVENTS['message_delivery.sent'], WEBHOOK_EVENTS['order.completed']]) {
			const outcome = await trigger.deliver({ body, query });
			expect(outcome.started).toBe(false);
			expect(outcome.answer.status).toBe(200);
		}

		// A repeat of the same failure is not alerted twice.
		const repeat = await trigger.deliver({ body: WEBHOOK_EVENTS['message_delivery.failed'], query });
		expect(repeat.started).toBe(false);

		const noToken = await trigger.deliver({ body: WEBHOOK_EVENTS['message_delivery.failed'] });
		expect(noToken.answer.status).toBe(401);
	});
});
