/**
 * The Peach node as an AI Agent's tool, run as n8n builds it (test/harness/tool.js): an agent node
 * gets the tool from n8n-core (createNodeAsTool, $fromAI schema) and calls it with a model's
 * arguments. Each guard rail refuses with an answer the model can act on and nothing reaching the
 * sandbox; allowed calls go through; IDs the model fills via $fromAI work without pickers.
 */
const { useSandbox } = require('../../harness/peach');
const { NodeHelpers } = require('n8n-workflow');
const { runTool, toolNodeType, TOOL_TYPE, templateSendTool, templateSendCall } = require('../../harness/tool');

const REFUSED = /^Refused by the Peach tool's guard rails: /;
const MODEL_ARGUMENTS = {
	phone_number: '+919988776655',
	template_id: 'wat_abc',
	template_variables: '{}',
	broadcast_id: 'cmp_abc',
	order_id: 'wa_ord_abc',
	refund_amount: 100,
	media_id: '11',
	automation_id: 'strm_abc',
};

describe('Peach tool: guard rails', () => {
	const ctx = useSandbox();
	const fx = () => ctx.sandbox.fixtures;
	const credentials = () => ({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url });
	const tool = (parameters, calls, options = {}) =>
		runTool({ parameters, calls, credentials: credentials(), ...options });
	const requests = () => ctx.apiRequests().map((r) => `${r.method} ${r.path}`);

	const sendParameters = (extra) => templateSendTool(fx(), extra);
	const sendCall = (extra) => templateSendCall(fx(), extra);

	describe('read-only by default', () => {
		test('a read operation goes through and returns what Peach answered', async () => {
			const { answers } = await tool({ resource: 'conversation', operation: 'getAll', limit: 2 }, [{}]);
			expect(answers).toHaveLength(1);
			expect(answers[0].ok).toBe(true);
			expect(answers[0].answer).toHaveLength(2);
			expect(answers[0].answer[0]).toEqual(expect.objectContaining({ id: expect.any(Number), status: expect.any(String) }));
			expect(requests()).toEqual(['GET /api/v1/conversations']);
			expect(ctx.apiRequests()[0].query).toEqual({ page: '1', per: '2' });
		});

		test.each([
			['templateMessage', 'send', 'Send Messages'],
			['broadcast', 'cancel', 'Launch and Manage Broadcasts'],
			['order', 'refund', 'Orders and Refunds (Money)'],
			['whatsAppTemplate', 'pause', 'Change WhatsApp Templates'],
			['media', 'delete', 'Manage Media'],
			['automation', 'runForContact', 'Send Messages'],
			['automation', 'update', 'Change Automations'],
		])('%s → %s is refused until "%s" is allowed; nothing reaches Peach', async (resource, operation, label) => {
			// Every argument the tool's schema asks for, filled as a model would.
			const args = Object.fromEntries(fromAiKeys(resource, operation).map((key) => [key, MODEL_ARGUMENTS[key]]));
			const { answers, tool: built } = await tool({ resource, operation }, [args]);
			expect(answers[0].ok).toBe(false);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain(`the operation ${resource} → ${operation} is not allowed; this tool allows: Read`);
			expect(answers[0].error).toContain(`the workflow owner can allow "${label}" under Allowed Operations`);
			expect(built.name).toBe('Peach');
			expect(requests()).toEqual([]);
		});
	});

	describe('templates', () => {
		test('a template outside the allowlist is refused, naming the allowed ones', async () => {
			const allowed = [fx().templates.approvedNoVariables, fx().templates.approvedWithVariables];
			const { answers } = await tool(sendParameters({ toolAllowedTemplates: allowed }), [
				sendCall({ template_id: fx().templates.approvedHindi }),
			]);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain(
				`template ${fx().templates.approvedHindi} is not allowed; allowed: ${allowed.join(', ')}`,
			);
			expect(requests()).toEqual([]);
		});

		test('with no template picked, no template may be sent', async () => {
			const { answers } = await tool(sendParameters({ toolAllowedTemplates: [] }), [sendCall()]);
			expect(answers[0].error).toContain('no template is allowed for this tool');
			expect(answers[0].error).toContain('pick the templates this tool may send under Allowed Templates');
			expect(requests()).toEqual([]);
		});

		test('an allowed template is sent, with the IDs and variables the model filled in ($fromAI)', async () => {
			const templateId = fx().templates.approvedWithVariables;
			const values = { order_id: 'ORD-77', first_name: 'John', amount: '₹1,200' };
			const { answers, tool: built } = await tool(sendParameters({ toolAllowedTemplates: [templateId] }), [
				sendCall({ template_id: templateId, template_variables: JSON.stringify(values), phone_number: '+91 99887 76655' }),
			]);
			expect(Object.keys(built.schema.shape).sort()).toEqual(['phone_number', 'template_id', 'template_variables']);
			expect(built.schema.shape.template_id.description).toContain('wat_');
			expect(built.schema.shape.phone_number.description).toContain('+919988776655');
			expect(answers[0]).toEqual({ ok: true, answer: [{ status: 'success', event_id: expect.stringMatching(/^evt_/) }] });
			const post = ctx.apiRequests().find((r) => r.method === 'POST');
			expect(post.path).toBe('/api/v1/events');
			expect(post.body).toEqual({
				event_type: 'send_template_message',
				contact: { phone_number: '+919988776655' },
				template_message: { whats_app_template_id: templateId, liquid_values: values },
			});
		});

		test('Broadcast → Launch checks its template too', async () => {
			const { answers } = await tool(
				{
					resource: 'broadcast',
					operation: 'launch',
					name: 'Agent broadcast',
					recipients: 'contacts',
					contactsInput: 'json',
					contactsJson: '[{"phone_number": "+919988776655"}]',
					toolAllowedOperations: ['broadcast'],
					toolAllowedTemplates: [fx().templates.approvedNoVariables],
				},
				[{ template_id: fx().templates.approvedHindi, template_variables: '{}' }],
			);
			expect(answers[0].error).toContain(`template ${fx().templates.approvedHindi} is not allowed`);
			expect(requests()).toEqual([]);
		});
	});

	describe('recipients', () => {
		test('the recipient cap counts every message of the run; a new run starts again', async () => {
			const parameters = sendParameters({ toolMaxRecipients: 2 });
			const calls = [sendCall(), sendCall({ phone_number: '+13309106536' }), sendCall()];
			const first = await tool(parameters, calls);
			expect(first.answers.map((a) => a.ok)).toEqual([true, true, false]);
			expect(first.answers[2].error).toContain('this would message 1 recipient(s), and 2 of the 2 allowed in this run are already used');
			expect(ctx.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(2);
			const second = await tool(parameters, [sendCall()]);
			expect(second.answers[0].ok).toBe(true);
			expect(ctx.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(3);
		});

		test('the default cap is 10 messages per run', async () => {
			const { answers } = await tool(sendParameters(), Array.from({ length: 11 }, () => sendCall()));
			expect(answers.filter((a) => a.ok)).toHaveLength(10);
			expect(answers[10].error).toContain('of the 10 allowed in this run are already used');
			expect(ctx.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(10);
		});

		test('a number outside the allowed prefixes is refused; one inside goes through', async () => {
			const parameters = sendParameters({ toolAllowedPhoneNumbers: '+91, +44 7700 900123' });
			const { answers } = await tool(parameters, [
				sendCall({ phone_number: '+13309106536' }),
				sendCall({ phone_number: '+447700900123' }),
				sendCall({ phone_number: '+919988776655' }),
			]);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain('phone number +13309106536 is not allowed; allowed numbers start with: +91, +447700900123');
			expect(answers.slice(1).map((a) => a.ok)).toEqual([true, true]);
			expect(ctx.apiRequests().filter((r) => r.method === 'POST').map((r) => r.body.contact.phone_number)).toEqual([
				'+447700900123',
				'+919988776655',
			]);
		});

		test('Automation → Run for Contact counts as a message: the prefixes and the cap apply', async () => {
			const { answers } = await tool(
				{
					resource: 'automation',
					operation: 'runForContact',
					toolAllowedOperations: ['send'],
					toolAllowedAutomations: ['strm_abc'],
					toolAllowedPhoneNumbers: '+91',
					toolMaxRecipients: 1,
				},
				[
					{ automation_id: 'strm_abc', phone_number: '+13309106536' },
					{ automation_id: 'strm_abc', phone_number: '+919988776655' },
					{ automation_id: 'strm_abc', phone_number: '+919988776600' },
				],
			);
			expect(answers[0].error).toContain('phone number +13309106536 is not allowed; allowed numbers start with: +91');
			expect(answers[2].error).toContain('this would message 1 recipient(s), and 1 of the 1 allowed in this run are already used');
			// The second call passed the guard rails and reached Peach (which knows no such automation).
			expect(requests()).toEqual(['POST /api/v1/streams/strm_abc/events']);
		});

		test('a broadcast counts each recipient against the cap; an audience broadcast is refused', async () => {
			const launch = (extra) => ({
				resource: 'broadcast',
				operation: 'launch',
				name: 'Agent broadcast',
				toolAllowedOperations: ['broadcast'],
				toolAllowedTemplates: [fx().templates.approvedNoVariables],
				toolMaxRecipients: 2,
				...extra,
			});
			const call = { template_id: fx().templates.approvedNoVariables, template_variables: '{}' };
			const three = '[{"phone_number": "+919988776655"}, {"phone_number": "+13309106536"}, {"phone_number": "+919988776600"}]';
			const over = await tool(launch({ recipients: 'contacts', contactsInput: 'json', contactsJson: three }), [call]);
			expect(over.answers[0].error).toContain('this would message 3 recipient(s), and 0 of the 2 allowed in this run are already used');
			const audience = await tool(launch({ recipients: 'audience', audienceId: 'aud_1' }), [call]);
			expect(audience.answers[0].error).toContain('a broadcast to a whole audience is not allowed for an AI Agent');
			expect(requests()).toEqual([]);
		});
	});

	describe('refunds', () => {
		const refund = (extra = {}) => ({
			resource: 'order',
			operation: 'refund',
			toolAllowedOperations: ['read', 'money'],
			toolMaxRefundAmount: 5000,
			...extra,
		});

		test('refunds add up per run: under the cap they go through, over it they are refused', async () => {
			const order = fx().orders.completed;
			const { answers } = await tool(refund(), [
				{ order_id: order, refund_amount: 3000 },
				{ order_id: order, refund_amount: 2500 },
				{ order_id: order, refund_amount: 2000 },
			]);
			expect(answers[0].ok).toBe(true);
			expect(answers[1].error).toContain('a refund of 2500 (minor units) is over the limit: 2000 of the 5000 allowed per run is still available');
			expect(answers[2].ok).toBe(true);
			const posts = ctx.apiRequests().filter((r) => r.method === 'POST');
			expect(posts.map((r) => [r.path, r.body.amount.value])).toEqual([
				[`/api/v1/orders/${order}/refunds`, 3000],
				[`/api/v1/orders/${order}/refunds`, 2000],
			]);
		});

		test('the default cap (0) allows no refund; a full refund is refused as its amount is unknown', async () => {
			const order = fx().orders.completed;
			const none = await tool(refund({ toolMaxRefundAmount: undefined }), [{ order_id: order, refund_amount: 1 }]);
			expect(none.answers[0].error).toContain('a refund of 1 (minor units) is over the limit: 0 of the 0 allowed per run is available');
			const full = await tool(refund({ refund: 'full' }), [{ order_id: order }]);
			expect(full.answers[0].error).toContain('a full refund is not allowed');
			expect(requests()).toEqual([]);
		});
	});

	test('Additional Body Fields (JSON) are refused for sends, as they could change the recipient or template', async () => {
		const { answers } = await tool(
			sendParameters({ additionalBodyFields: '{"contact": {"phone_number": "+13309106536"}}' }),
			[sendCall()],
		);
		expect(answers[0].error).toContain('Additional Body Fields (JSON) cannot be used in the tool');
		expect(requests()).toEqual([]);
	});

	test('IDs filled by the model ($fromAI) reach Peach without a picker: Broadcast → Get, Order → Get', async () => {
		const broadcastId = fx().broadcasts.sent[0];
		const broadcast = await tool({ resource: 'broadcast', operation: 'get' }, [{ broadcast_id: broadcastId }]);
		expect(broadcast.tool.schema.shape.broadcast_id.description).toContain('cmp_');
		expect(broadcast.answers[0].answer[0].id).toBe(broadcastId);
		const order = await tool({ resource: 'order', operation: 'get' }, [{ order_id: fx().orders.pending }]);
		expect(order.answers[0].answer[0].id).toBe(fx().orders.pending);
		expect(requests()).toEqual([`GET /api/v1/broadcasts/${broadcastId}`, `GET /api/v1/orders/${fx().orders.pending}`]);
	});

	test('a badly formed ID the model gives is explained before anything is sent', async () => {
		const { answers } = await tool({ resource: 'broadcast', operation: 'get' }, [{ broadcast_id: '42' }]);
		expect(answers[0].ok).toBe(false);
		expect(answers[0].error).toContain('"42" is not a broadcast ID');
		expect(requests()).toEqual([]);
	});

	test('the normal node (not the tool) has no guard rails: a send needs no allowlist', async () => {
		const result = await ctx.run({
			resource: 'templateMessage',
			operation: 'send',
			phoneNumber: '+919988776655',
			templateId: { __rl: true, mode: 'id', value: fx().templates.approvedNoVariables },
		});
		expect(result.error).toBeUndefined();
		expect(requests()).toContain('POST /api/v1/events');
	});
});

/** The $fromAI arguments the tool of one operation asks for, from its parameters as n8n fills them. */
function fromAiKeys(resource, operation) {
	const type = toolNodeType();
	const node = { name: 'Peach', type: TOOL_TYPE, typeVersion: 1, parameters: { resource, operation } };
	const parameters = NodeHelpers.getNodeParameters(type.description.properties, node.parameters, true, false, node, type.description);
	return Object.values(parameters)
		.map((value) => typeof value === 'string' && value.match(/\$fromAI\('([^']+)'/))
		.filter(Boolean)
		.map((match) => match[1]);
}
