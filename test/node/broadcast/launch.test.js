/** Broadcast → Launch: audience or contacts (fields, JSON, expression), variables, every option. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, mapped, theOnlyRequest } = require('../../harness/node-helpers');

describe('Broadcast → Launch', () => {
	const ctx = useSandbox();
	const templates = () => ctx.sandbox.fixtures.templates;
	const launch = (extra = {}) => ({
		resource: 'broadcast',
		operation: 'launch',
		name: 'July promo',
		templateId: locator(templates().approvedNoVariables),
		recipients: 'audience',
		audienceId: 'aud_42',
		...extra,
	});

	test('minimal: name, template and an audience', async () => {
		const result = await ctx.run(launch());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/events', query: {} });
		expect(request.body).toEqual({
			event_type: 'send_broadcast',
			broadcast: {
				name: 'July promo',
				whats_app_template_id: templates().approvedNoVariables,
				delivery_mode: 'instant',
				audience_id: 'aud_42',
			},
		});
		expect(result.items).toEqual([{ status: 'success', event_id: expect.stringMatching(/^evt_/) }]);
	});

	test('full: contacts as fields with their own variables, variables for everyone and every option', async () => {
		const scheduled = new Date(Date.now() + 3 * 86400000).toISOString();
		const result = await ctx.run(
			launch({
				templateId: locator(templates().approvedWithVariables, 'id'),
				deliveryMode: 'gradual',
				recipients: 'contacts',
				contactsInput: 'fields',
				contacts: {
					contact: [
						{ phoneNumber: '+91 99887 76655', name: 'John Doe', variablesJson: '{"first_name": "John", "order_id": "A-1"}' },
						{ phoneNumber: '+13309106536', name: 'Alfred', variablesJson: { first_name: 'Alfred', order_id: 'A-2' } },
					],
				},
				templateVariables: mapped({ amount: '20%' }, [
					{ id: 'order_id' },
					{ id: 'first_name', removed: true },
					{ id: 'amount' },
				]),
				additionalFields: {
					businessPhoneNumber: '14155550123',
					deliveriesJson: '{"batch_size": 100}',
					replyAutomationAiAgentId: 'aiflw_1234abcd',
					scheduledLaunchTime: scheduled,
					skipPhoneValidation: false,
					skipVariablesValidation: false,
				},
				additionalBodyFields: { broadcast: { tags: ['july'] } },
			}),
		);
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/events' });
		expect(request.body).toEqual({
			event_type: 'send_broadcast',
			broadcast: {
				name: 'July promo',
				whats_app_template_id: templates().approvedWithVariables,
				delivery_mode: 'gradual',
				scheduled_launch_time: scheduled,
				phone_number: '14155550123',
				reply_automation: { ai_agent_id: 'aiflw_1234abcd' },
				deliveries: { batch_size: 100 },
				contacts: [
					{ phone_number: '+919988776655', name: 'John Doe', liquid_values: { first_name: 'John', order_id: 'A-1' } },
					{ phone_number: '+13309106536', name: 'Alfred', liquid_values: { first_name: 'Alfred', order_id: 'A-2' } },
				],
				liquid_values: { amount: '20%' },
				tags: ['july'],
			},
			skip_phone_validation: false,
			skip_liquid_values_validation: false,
		});
		const created = ctx.sandbox.state.broadcasts[0];
		expect(created).toMatchObject({ name: 'July promo', status: 'scheduled', audience_count: 2, phone_number: '14155550123' });
	});

	test('contacts from an expression over earlier data become one broadcast', async () => {
		const people = [
			{ phone: '+919988776655', name: 'John' },
			{ phone: '+13309106536', name: 'Alfred' },
			{ phone: '+34611000000', name: 'Lucía' },
		];
		const result = await ctx.run(
			launch({
				recipients: 'contacts',
				contactsInput: 'json',
				contactsJson: '={{ $json.people.map(p => ({ phone_number: p.phone, name: p.name })) }}',
			}),
			{ items: [{ people }] },
		);
		expect(result.error).toBeUndefined();
		// The template's variables are read from Peach (none were mapped in the editor), then one launch.
		const requests = ctx.apiRequests();
		expect(requests.map((r) => r.method)).toEqual(['GET', 'POST']);
		expect(requests[1].body.broadcast.contacts).toEqual(
			people.map((person) => ({ phone_number: person.phone, name: person.name })),
		);
		expect(ctx.sandbox.state.broadcasts[0].audience_count).toBe(3);
	});

	test('a list built from earlier items becomes one broadcast (Execute Once)', async () => {
		const people = [
			{ phone: '+919988776655', name: 'John' },
			{ phone: '+1 330 910 6536', name: 'Alfred' },
			{ phone: '+34611000000', name: 'Lucía' },
		];
		const result = await ctx.run(
			launch({
				recipients: 'contacts',
				contactsInput: 'json',
				contactsJson: '={{ $input.all().map(item => ({ phone_number: item.json.phone, name: item.json.name })) }}',
			}),
			{ items: people, nodeSettings: { executeOnce: true } },
		);
		expect(result.error).toBeUndefined();
		const posts = ctx.apiRequests().filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].path).toBe('/api/v1/events');
		expect(posts[0].body.broadcast.contacts).toEqual([
			{ phone_number: '+919988776655', name: 'John' },
			{ phone_number: '+13309106536', name: 'Alfred' },
			{ phone_number: '+34611000000', name: 'Lucía' },
		]);
		expect(result.items).toEqual([{ status: 'success', event_id: expect.stringMatching(/^evt_/) }]);
	});

	test('a JSON array of contacts, with plain phone numbers allowed, and variables checked per contact', async () => {
		const result = await ctx.run(
			launch({
				templateId: locator(templates().approvedWithVariables),
				recipients: 'contacts',
				contactsInput: 'json',
				contactsJson: JSON.stringify([
					{ phone_number: '+919988776655', liquid_values: { first_name: 'John' } },
					'+13309106536',
				]),
				variablesInput: 'json',
				variablesJson: '{"order_id": "X", "amount": "1", "first_name": "friend"}',
			}),
		);
		expect(result.error).toBeUndefined();
		const [get, post] = ctx.apiRequests();
		expect(get.path).toBe(`/api/v1/whats_app_templates/${templates().approvedWithVariables}`);
		expect(post.body.broadcast.contacts).toEqual([
			{ phone_number: '+919988776655', liquid_values: { first_name: 'John' } },
			{ phone_number: '+13309106536' },
		]);
		expect(post.body.broadcast.liquid_values).toEqual({ order_id: 'X', amount: '1', first_name: 'friend' });
	});

	test('audience and contacts together is an input error, and so is neither', async () => {
		let result = await ctx.run(launch({ audienceId: '={{ $json.audience }}' }));
		expectInputError(result, ctx.apiRequests(), 'Audience ID');
		expect(result.error.message).toBe('Audience ID: is empty, so the broadcast would have no recipients [item 0]');

		result = await ctx.run(launch({ recipients: 'contacts', contactsInput: 'json', contactsJson: '[]' }));
		expectInputError(result, ctx.apiRequests(), 'Contacts (JSON)');
		expect(result.error.message).toMatch(/has no contacts/);

		result = await ctx.run(launch({ recipients: 'contacts', contacts: {} }));
		expectInputError(result, ctx.apiRequests(), 'Contacts');

		result = await ctx.run(
			launch({
				recipients: 'contacts',
				contacts: { contact: [{ phoneNumber: '+919988776655' }] },
				additionalBodyFields: '{"broadcast": {"audience_id": "aud_1"}}',
			}),
		);
		expectInputError(result, ctx.apiRequests(), 'Contacts');
		expect(result.error.message).toMatch(/an audience or to a list of contacts, not both/);

		result = await ctx.run(launch({ additionalBodyFields: '{"broadcast": {"contacts": [{"phone_number": "+919988776655"}]}}' }));
		expectInputError(result, ctx.apiRequests(), 'Audience ID');
		expect(result.error.message).toMatch(/not both/);
	});

	test('bad contacts, a missing variable and a bad name fail before anything is sent', async () => {
		let result = await ctx.run(
			launch({ recipients: 'contacts', contacts: { contact: [{ phoneNumber: '+919988776655' }, { phoneNumber: '12' }] } }),
		);
		expectInputError(result, ctx.apiRequests(), 'Contacts → Contact 2 → phone_number');

		result = await ctx.run(launch({ recipients: 'contacts', contactsInput: 'json', contactsJson: '{"phone_number": "+919988776655"}' }));
		expectInputError(result, ctx.apiRequests(), 'Contacts (JSON)');
		expect(result.error.message).toBe('Contacts (JSON): must be a JSON array, got object [item 0]');

		result = await ctx.run(
			launch({
				templateId: locator(templates().approvedWithVariables),
				recipients: 'contacts',
				contacts: {
					contact: [
						{ phoneNumber: '+919988776655', variablesJson: '{"first_name": "John"}' },
						{ phoneNumber: '+13309106536' },
					],
				},
				templateVariables: mapped({ order_id: 'A', amount: '1' }, [{ id: 'order_id' }, { id: 'first_name' }, { id: 'amount' }]),
			}),
		);
		expectInputError(result, ctx.apiRequests(), 'Template Variables');
		expect(result.error.message).toBe('Template Variables: contact 2 (+13309106536) has no value for "first_name" [item 0]');

		result = await ctx.run(launch({ name: '={{ "  " }}' }));
		expectInputError(result, ctx.apiRequests(), 'Name');

		result = await ctx.run(launch({ additionalFields: { scheduledLaunchTime: '2020-01-01T00:00:00Z' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Scheduled Launch Time');
	});

	test('Skip Phone Validation and Skip Variables Validation let Peach decide, and are sent', async () => {
		const result = await ctx.run(
			launch({
				templateId: locator(templates().approvedWithVariables),
				recipients: 'contacts',
				contacts: { contact: [{ phoneNumber: '09988776655' }] },
				additionalFields: { skipPhoneValidation: true, skipVariablesValidation: true },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = ctx.apiRequests()[0].body;
		expect(body.broadcast.contacts).toEqual([{ phone_number: '09988776655' }]);
		expect(body.skip_phone_validation).toBe(true);
		expect(body.skip_liquid_values_validation).toBe(true);
	});
});
