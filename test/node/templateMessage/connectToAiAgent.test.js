/** Template Message → Connect to AI Agent. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, mapped, theOnlyRequest } = require('../../harness/node-helpers');

describe('Template Message → Connect to AI Agent', () => {
	const ctx = useSandbox();
	const connect = (extra = {}) => ({
		resource: 'templateMessage',
		operation: 'connectToAiAgent',
		phoneNumber: '+919988776655',
		templateId: locator(ctx.sandbox.fixtures.templates.approvedWithVariables),
		templateVariables: mapped({ order_id: 'ORD-1', first_name: 'John', amount: '₹10' }),
		aiAgentId: ctx.sandbox.fixtures.aiAgentId,
		...extra,
	});

	test('minimal: phone, template, its variables and the AI agent', async () => {
		const result = await ctx.run(connect());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/events', query: {} });
		expect(request.body).toEqual({
			event_type: 'connect_to_ai_agent',
			contact: { phone_number: '+919988776655' },
			template_message: {
				whats_app_template_id: ctx.sandbox.fixtures.templates.approvedWithVariables,
				liquid_values: { order_id: 'ORD-1', first_name: 'John', amount: '₹10' },
			},
			ai_agent: { id: ctx.sandbox.fixtures.aiAgentId },
		});
		expect(result.items).toEqual([{ status: 'success', event_id: expect.stringMatching(/^evt_/) }]);
	});

	test('full: contact details, business number and extra body fields', async () => {
		const result = await ctx.run(
			connect({
				additionalFields: {
					businessPhoneNumber: '919876543222',
					contactEmail: 'john@example.com',
					contactLanguage: 'hi',
					contactMetadata: { values: [{ key: 'source', value: 'website' }] },
					contactName: 'John Doe',
				},
				additionalBodyFields: { ai_agent: { handover_note: 'VIP' } },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			event_type: 'connect_to_ai_agent',
			contact: {
				phone_number: '+919988776655',
				name: 'John Doe',
				email: 'john@example.com',
				language: 'hi',
				metadata: { source: 'website' },
			},
			template_message: {
				whats_app_template_id: ctx.sandbox.fixtures.templates.approvedWithVariables,
				liquid_values: { order_id: 'ORD-1', first_name: 'John', amount: '₹10' },
				business_phone_number: '919876543222',
			},
			ai_agent: { id: ctx.sandbox.fixtures.aiAgentId, handover_note: 'VIP' },
		});
	});

	test('a malformed AI agent ID fails before anything is sent', async () => {
		const result = await ctx.run(connect({ aiAgentId: 'agent-7' }));
		expectInputError(result, ctx.apiRequests(), 'AI Agent ID');
		expect(result.error.message).toBe('AI Agent ID: "agent-7" is not an AI agent ID [item 0]');
	});

	test('variables are required here: a missing one is named before anything is sent', async () => {
		const result = await ctx.run(connect({ templateVariables: mapped({ order_id: 'ORD-1', first_name: 'John', amount: '' }) }));
		expectInputError(result, ctx.apiRequests(), 'Template Variables');
		expect(result.error.message).toBe('Template Variables: the template needs a value for "amount" [item 0]');
	});

	test('a template without variables sends liquid_values: {}, which Peach requires here', async () => {
		const templateId = ctx.sandbox.fixtures.templates.approvedNoVariables;
		const result = await ctx.run(connect({ templateId: locator(templateId), templateVariables: mapped({}, []) }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		// The template is read first: no variable fields were loaded, so its own variables decide.
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/v1/whats_app_templates/${templateId}`,
			'POST /api/v1/events',
		]);
		expect(requests[1].status).toBe(200);
		expect(requests[1].body.template_message).toEqual({ whats_app_template_id: templateId, liquid_values: {} });
		expect(result.items[0]).toEqual(expect.objectContaining({ event_id: expect.any(String) }));
	});
});
