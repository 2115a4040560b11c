/**
 * The Peach sandbox's webhook payloads (tools/sandbox/webhook-events.js), which the end-to-end runs
 * and `npm start` send, go through the trigger as one item each: the sandbox and the trigger
 * agree on what Peach sends.
 */
const { WEBHOOK_EVENTS } = require('../../tools/sandbox/webhook-events');
const { createTrigger } = require('./fake-webhook-context');

describe('Peach Trigger accepts every sandbox webhook payload', () => {
	test.each(Object.keys(WEBHOOK_EVENTS))('%s', async (key) => {
		const payload = WEBHOOK_EVENTS[key];
		const { started, items } = await createTrigger().deliver({ body: payload });
		expect(started).toBe(true);
		expect(items).toHaveLength(1);
		// "message_delivery.delivered (doc example)" is typed sent but reports delivered: the status wins.
		const expectedEvent = key.split(' ')[0];
		expect(items[0]).toMatchObject({ event: expectedEvent, receivedType: payload.type, data: payload.data });
		expect(items[0].family).toBe(expectedEvent.split('.')[0]);
	});
});
