/**
 * The example workflows in examples/ must work as shipped: each Peach node in them runs through
 * n8n's engine against the sandbox, fed the items its upstream nodes produce.
 */
const fs = require('fs');
const path = require('path');
const { useSandbox } = require('./harness/peach');
const { createPoller } = require('./harness/poll');
const { HOLD_BACK_MS } = require('../dist/nodes/PeachPollingTrigger/window.js');
const { runTool } = require('./harness/tool');

const EXAMPLES = path.resolve(__dirname, '../examples');
const load = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
const peachNode = (workflow, name) => {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	expect(node.type).toBe('n8n-nodes-peach.peach');
	expect(node.credentials.peachApi).toBeDefined();
	return node;
};
const nodeSettings = (node) => (node.executeOnce ? { executeOnce: true } : {});

/** The items a Code node of the example returns (its jsCode is a plain `return [...]`). */
const codeItems = (workflow, name) =>
	new Function(workflow.nodes.find((candidate) => candidate.name === name).parameters.jsCode)();
/** The item a Set node of the example produces. */
const setItem = (workflow, name) =>
	Object.fromEntries(
		workflow.nodes
			.find((candidate) => candidate.name === name)
			.parameters.assignments.assignments.map(({ name: key, value }) => [key, value]),
	);

describe('example workflows', () => {
	const ctx = useSandbox();

	test('every example is an importable workflow whose nodes are connected', () => {
		const files = fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));
		expect(files.length).toBeGreaterThanOrEqual(6);
		for (const file of files) {
			const workflow = load(file);
			expect(workflow.name).toMatch(/^Peach: /);
			const names = new Set(workflow.nodes.map((node) => node.name));
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				expect(names.has(from)).toBe(true);
				// main, and for AI workflows ai_tool and ai_languageModel
				Object.values(outputs)
					.flat(2)
					.forEach((target) => expect(names.has(target.node)).toBe(true));
			}
		}
	});

	test('send a template message and wait for delivery', async () => {
		const workflow = load('send-template-and-wait-for-delivery.json');
		const node = peachNode(workflow, 'Send Order Confirmation');
		const customer = setItem(workflow, 'Customer');
		const result = await ctx.run(node.parameters, { items: [customer] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].result).toMatchObject({ type: 'template_message', status: 'delivered' });
		const posts = ctx.apiRequests().filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(1);
		const [send] = posts;
		expect(send.path).toBe('/api/v1/events');
		expect(send.body).toEqual({
			event_type: 'send_template_message',
			contact: { phone_number: customer.phone },
			template_message: {
				whats_app_template_id: node.parameters.templateId.value,
				liquid_values: { first_name: 'John', order_id: 'ORD-1001', amount: '₹1,200' },
			},
		});
		const polls = ctx.apiRequests().filter((request) => request.path.startsWith('/api/v1/events/'));
		expect(polls.length).toBeGreaterThan(0);
	});

	test('launch a broadcast from a list of contacts sends one broadcast with every contact', async () => {
		const workflow = load('launch-broadcast-from-contact-list.json');
		const node = peachNode(workflow, 'Launch Back-in-Stock Broadcast');
		const contacts = codeItems(workflow, 'Contact List');
		const result = await ctx.run(node.parameters, { items: contacts, nodeSettings: nodeSettings(node) });
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests().filter((request) => request.method === 'POST');
		expect(requests).toHaveLength(1);
		expect(requests[0].body.broadcast.contacts).toEqual(
			contacts.map(({ json }) => ({ phone_number: json.phone, name: json.name })),
		);
		expect(requests[0].body.broadcast.liquid_values).toEqual({ product_name: 'Classic White Sneakers' });
	});

	test('sync new contacts creates them all in one request, phone numbers normalised', async () => {
		const workflow = load('sync-new-contacts.json');
		const node = peachNode(workflow, 'Create Contacts in Peach');
		const signups = codeItems(workflow, 'New Sign-ups');
		const result = await ctx.run(node.parameters, { items: signups, nodeSettings: nodeSettings(node) });
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].body.map((contact) => contact.phone_number)).toEqual(['+919988776655', '+14155550199']);
		expect(ctx.sandbox.state.contacts.get('+14155550199').metadata).toEqual({ source: 'store' });
	});

	test('create an order, then send its payment reminder with values from the order', async () => {
		const workflow = load('create-order-and-send-payment-link.json');
		const create = await ctx.run(peachNode(workflow, 'Create Order').parameters);
		expect(create.error).toBeUndefined();
		const [order] = create.items;
		expect(order.id).toMatch(/^wa_ord_/);
		expect(order.payment_link).toContain(order.id);
		const send = await ctx.run(peachNode(workflow, 'Send Payment Reminder').parameters, { items: [order] });
		expect(send.error).toBeUndefined();
		const sent = ctx.apiRequests().find((request) => request.path === '/api/v1/events');
		expect(sent.body.contact.phone_number).toBe('+919988776655');
		expect(sent.body.template_message.liquid_values).toMatchObject({
			first_name: 'John',
			amount: '₹1199.00',
			order_id: order.id,
		});
	});

	test('reply to inbound messages: each new message is answered once with the ticket template', async () => {
		const workflow = load('reply-to-inbound-messages.json');
		const trigger = workflow.nodes.find((node) => node.name === 'Peach Polling Trigger');
		expect(trigger.type).toBe('n8n-nodes-peach.peachPollingTrigger');
		const poller = createPoller({
			parameters: trigger.parameters,
			credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url },
		});
		await poller.activate();
		await new Promise((resolve) => setTimeout(resolve, 5));
		// Dated past the trigger's hold-back, as if the next poll ran that much later.
		const message = ctx.sandbox.receiveMessage({ phoneNumber: '+13309106536', text: 'My parcel is late', at: Date.now() - HOLD_BACK_MS });
		const { items } = await poller.poll();
		expect(items.map((item) => item.id)).toEqual([message.id]);
		expect((await poller.poll()).items).toEqual([]);

		ctx.sandbox.clearRequests();
		const reply = await ctx.run(peachNode(workflow, 'Reply with Ticket Template').parameters, { items });
		expect(reply.error).toBeUndefined();
		const sends = ctx.apiRequests().filter((request) => request.method === 'POST');
		expect(sends).toHaveLength(1);
		expect(sends[0].body).toEqual({
			event_type: 'send_template_message',
			contact: { phone_number: '+13309106536' },
			template_message: {
				whats_app_template_id: 'wat_x5uh8VzAeHRJG63BLjboaexo',
				liquid_values: { first_name: 'Alfred', ticket_id: `WA-${message.conversation_id}` },
			},
		});
	});

	test('run an automation when a payment fails starts it once for the customer, with the payment data', async () => {
		const workflow = load('run-automation-when-payment-fails.json');
		const node = peachNode(workflow, 'Run Payment Follow-up');
		const payment = setItem(workflow, 'Failed Payment');
		const result = await ctx.run(node.parameters, { items: [payment] });
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: `/api/v1/streams/${ctx.sandbox.fixtures.automations.published}/events`,
		});
		expect(node.parameters.automationId.value).toBe(ctx.sandbox.fixtures.automations.published);
		expect(requests[0].body).toEqual({
			contact: { phone_number: payment.customer_phone, name: payment.customer_name },
			invoice_id: payment.invoice_id,
			amount_due: payment.amount_due,
			update_card_url: payment.update_card_url,
		});
		expect(result.items).toEqual([expect.objectContaining({ status: 'queued', stream_id: node.parameters.automationId.value })]);
	});

	test("list yesterday's escalated conversations returns them all with both filters on every page", async () => {
		const workflow = load('list-yesterdays-escalated-conversations.json');
		const result = await ctx.run(peachNode(workflow, 'Escalated Conversations').parameters);
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		result.items.forEach((conversation) => expect(conversation.escalated).toBe(true));
		ctx.apiRequests().forEach((request) => {
			expect(request.query.escalated).toBe('true');
			expect(request.query.activity_since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		});
		// The summary line reads only fields a conversation has (the contact is its `subscriber`).
		const summary = workflow.nodes.find((node) => node.name === 'Summary Line').parameters.assignments.assignments[0].value;
		const fields = [...summary.matchAll(/\$json\.(\w+)/g)].map((match) => match[1]);
		expect(fields).toContain('subscriber');
		for (const field of fields) expect({ field, present: field in result.items[0] }).toEqual({ field, present: true });
	});

	test('WhatsApp assistant with guard rails: the tools read, send only the allowed template, refund within the cap', async () => {
		const workflow = load('ai-agent-with-guard-rails.json');
		const tool = (name) => {
			const node = workflow.nodes.find((candidate) => candidate.name === name);
			expect(node.type).toBe('n8n-nodes-peach.peachTool');
			expect(workflow.connections[name].ai_tool[0][0].node).toBe('AI Agent');
			return node.parameters;
		};
		const credentials = { apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url };
		const { fixtures } = ctx.sandbox;

		const conversations = await runTool({ parameters: tool('Find Conversations'), calls: [{}], credentials });
		expect(conversations.answers[0].answer).toHaveLength(20);
		const order = await runTool({ parameters: tool('Find Order'), calls: [{ order_id: fixtures.orders.completed }], credentials });
		expect(order.answers[0].answer[0].id).toBe(fixtures.orders.completed);
		expect(ctx.apiRequests().map((r) => r.method)).toEqual(['GET', 'GET']);

		const allowed = fixtures.templates.approvedWithVariables;
		const variables = JSON.stringify({ order_id: 'ORD-1', first_name: 'Asha', amount: '₹1,200' });
		const send = await runTool({
			parameters: tool('Send Order Confirmation'),
			calls: [
				{ phone_number: '+919988776655', template_id: fixtures.templates.approvedNoVariables, template_variables: '{}' },
				{ phone_number: '+13309106536', template_id: allowed, template_variables: variables },
				{ phone_number: '+919988776655', template_id: allowed, template_variables: variables },
			],
			credentials,
		});
		expect(send.answers[0].error).toContain(`template ${fixtures.templates.approvedNoVariables} is not allowed; allowed: ${allowed}`);
		expect(send.answers[1].error).toContain('phone number +13309106536 is not allowed; allowed numbers start with: +91');
		expect(send.answers[2].ok).toBe(true);

		const refund = await runTool({
			parameters: tool('Refund Order'),
			calls: [
				{ order_id: fixtures.orders.completed, refund_amount: 60000 },
				{ order_id: fixtures.orders.completed, refund_amount: 1200 },
			],
			credentials,
		});
		expect(refund.answers[0].error).toContain('a refund of 60000 (minor units) is over the limit');
		expect(refund.answers[1].ok).toBe(true);
		const posts = ctx.apiRequests().filter((r) => r.method === 'POST');
		expect(posts.map((r) => r.path)).toEqual(['/api/v1/events', `/api/v1/orders/${fixtures.orders.completed}/refunds`]);
		expect(posts[0].body.contact.phone_number).toBe('+919988776655');
		expect(posts[1].body.amount.value).toBe(1200);
	});
});
