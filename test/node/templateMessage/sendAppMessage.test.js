/** Template Message → Send App Message. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

describe('Template Message → Send App Message', () => {
	const ctx = useSandbox();
	const appMessage = (extra = {}) => ({
		resource: 'templateMessage',
		operation: 'sendAppMessage',
		phoneNumber: '+13309106536',
		appId: 'flw_1234abcd',
		...extra,
	});

	test('minimal: phone and app ID', async () => {
		const result = await ctx.run(appMessage());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/events', query: {} });
		expect(request.body).toEqual({
			event_type: 'send_app_message',
			contact: { phone_number: '+13309106536' },
			flow: { id: 'flw_1234abcd' },
		});
		expect(result.items).toEqual([{ status: 'success', event_id: expect.stringMatching(/^evt_/) }]);
	});

	test('full: variables (fields and JSON), fallback template, contact details, extra body fields', async () => {
		const fallback = ctx.sandbox.fixtures.templates.approvedNoVariables;
		const result = await ctx.run(
			appMessage({
				appVariables: { values: [{ key: 'first_name', value: 'Alfred' }, { key: 'plan', value: 'basic' }] },
				additionalFields: {
					appVariablesJson: '{"plan": "pro", "seats": 3}',
					contactEmail: 'alfred@example.com',
					contactMetadata: { values: [{ key: 'tier', value: 'silver' }] },
					contactName: 'Alfred Hitchcock',
					fallbackTemplate: locator(fallback),
				},
				additionalBodyFields: '{"flow": {"entry_point": "start"}}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			event_type: 'send_app_message',
			contact: {
				phone_number: '+13309106536',
				name: 'Alfred Hitchcock',
				email: 'alfred@example.com',
				metadata: { tier: 'silver' },
			},
			flow: {
				id: 'flw_1234abcd',
				liquid_values: { first_name: 'Alfred', plan: 'pro', seats: 3 },
				whats_app_template_id: fallback,
				entry_point: 'start',
			},
		});
	});

	test('an empty or malformed app ID, or a bad fallback template, fails before anything is sent', async () => {
		// A literal empty value is refused by n8n itself (required field); an expression can still be empty.
		let result = await ctx.run(appMessage({ appId: '={{ $json.app }}' }));
		expectInputError(result, ctx.apiRequests(), 'App ID');
		expect(result.error.message).toBe('App ID: is empty [item 0]');
		result = await ctx.run(appMessage({ appId: 'my-app' }));
		expectInputError(result, ctx.apiRequests(), 'App ID');
		result = await ctx.run(appMessage({ additionalFields: { fallbackTemplate: locator('={{ "welcome" }}', 'id') } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Fallback Template');
	});
});
