'use strict';
// The Peach Polling Trigger in a published workflow on a running n8n, checking Peach every minute:
// a message a customer sends starts the workflow once, and the next check does not start it again.
// It waits for n8n's schedule, so it takes one to two minutes.

// Not a seeded contact: the seed's recent messages (the sandbox is re-seeded before each case)
// must not start the workflow.
const CUSTOMER = '+14155550123';

module.exports = {
	kind: 'trigger',
	name: 'polling trigger: a published workflow runs once for a new inbound message, and not again',
	timeoutMs: 200000,
	workflows: (ctx) => {
		const trigger = ctx.wf.peachPollingTrigger('Peach Polling Trigger', {
			event: 'newInboundMessage',
			filters: { phoneNumbers: CUSTOMER },
		});
		return [ctx.wf.linear('E2E polling trigger: inbound message', [trigger, ctx.wf.postToSink('To sink', 'inbound')])];
	},
	run: async (ctx) => {
		const polls = () => ctx.sandbox.requests.filter((r) => r.route === 'GET /api/v1/messages' && r.query.phone_number === CUSTOMER);
		const message = ctx.sandbox.receiveMessage({ phoneNumber: CUSTOMER, name: 'Grace Hopper', text: 'Do you deliver on Sundays?' });
		const [run] = await ctx.sink.waitFor('inbound', { count: 1, timeoutMs: 75000 });
		ctx.expect.equal(
			run.body,
			{ id: message.id, text: 'Do you deliver on Sundays?', direction: 'inbound', contact: { phone_number: CUSTOMER, name: 'Grace Hopper' }, conversation_id: message.conversation_id },
			'workflow item',
		);
		// The next scheduled check sees nothing new: wait for it, then give a wrong run time to arrive.
		const seen = polls().length;
		const deadline = Date.now() + 75000;
		while (polls().length === seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
		ctx.expect.assert(polls().length > seen, 'n8n did not check Peach again within 75 s');
		await new Promise((r) => setTimeout(r, 3000));
		ctx.expect.assert(ctx.sink.get('inbound').length === 1, `expected exactly 1 run, got ${ctx.sink.get('inbound').length}`);
		ctx.log(`1 message → 1 run; ${polls().length} checks of Peach`);
	},
};
