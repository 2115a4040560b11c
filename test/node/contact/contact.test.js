/**
 * Contact resource through n8n's real engine against the Peach sandbox: the exact request Peach
 * receives, the items n8n outputs, and input checks that stop a run before anything is sent.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');

const JOHN = '+919988776655';

describe('Contact → Create', () => {
	const ctx = useSandbox();
	const create = (extra = {}) => ({ resource: 'contact', operation: 'create', ...extra });

	test('minimal: only the phone number is sent, so no opt-out or preference is set by default', async () => {
		const result = await ctx.run(create({ phoneNumber: '+1 (415) 555-2671' }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/contacts' });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(requests[0].body).toEqual({ phone_number: '+14155552671' });
		expect(result.items).toEqual([expect.objectContaining({ phone_number: '+14155552671', opted_out: false })]);
	});

	test('full: every contact field as Peach names it, extra body fields merged', async () => {
		const result = await ctx.run(
			create({
				phoneNumber: '+14155552671',
				additionalFields: {
					name: 'Alfred Hitchcock',
					email: ' alfred@example.com ',
					language: 'en',
					timezone: 'America/New_York',
					tags: 'vip, newsletter,, ',
					metadata: { values: [{ key: 'source', value: 'website' }, { key: 'city', value: 'Bangalore' }] },
					communicationPreference: 'disallow_marketing',
					optedOut: false,
				},
				additionalBodyFields: '{"metadata": {"campaign": "diwali"}}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			phone_number: '+14155552671',
			name: 'Alfred Hitchcock',
			email: 'alfred@example.com',
			language: 'en',
			timezone: 'America/New_York',
			tags: ['vip', 'newsletter'],
			metadata: { source: 'website', city: 'Bangalore', campaign: 'diwali' },
			communication_preference: 'disallow_marketing',
			opted_out: false,
		});
		expect(result.items[0]).toMatchObject({
			name: 'Alfred Hitchcock',
			tags: ['vip', 'newsletter'],
			communication_preference: 'disallow_marketing',
		});
	});

	test('creating an opted-out contact again without the field leaves the opt-out alone', async () => {
		await ctx.run(create({ phoneNumber: JOHN, additionalFields: { optedOut: true } }));
		const again = await ctx.run(create({ phoneNumber: JOHN, additionalFields: { name: 'Johnny' } }));
		expect(ctx.apiRequests()[1].body).toEqual({ phone_number: JOHN, name: 'Johnny' });
		expect(again.items[0]).toMatchObject({ name: 'Johnny', opted_out: true });
	});

	test('bad input: a phone number without country code fails before anything is sent', async () => {
		const result = await ctx.run(create({ phoneNumber: 'abc123' }));
		expectInputError(result, ctx.apiRequests(), 'Phone Number');
	});

	test('bad input: an email that is not an address fails before anything is sent', async () => {
		const result = await ctx.run(create({ phoneNumber: JOHN, additionalFields: { email: 'alfred.example.com' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Email');
	});
});

describe('Contact → Create Many', () => {
	const ctx = useSandbox();
	const createMany = (extra = {}) => ({ resource: 'contact', operation: 'createMany', ...extra });
	const phone = (index) => `+9170000${String(index).padStart(5, '0')}`;

	test('minimal: contacts entered as fields go in one array body, one item per contact', async () => {
		const result = await ctx.run(
			createMany({
				contacts: { values: [{ phoneNumber: '+14155552671' }, { phoneNumber: '0044 7700 900123', name: 'Stanley Kubrick' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/contacts' });
		expect(requests[0].body).toEqual([
			{ phone_number: '+14155552671' },
			{ phone_number: '+447700900123', name: 'Stanley Kubrick' },
		]);
		expect(result.items.map((item) => item.phone_number)).toEqual(['+14155552671', '+447700900123']);
	});

	test('full: every field of a row, metadata as JSON, fields added to every contact', async () => {
		const result = await ctx.run(
			createMany({
				contacts: {
					values: [
						{
							phoneNumber: '+14155552671',
							name: 'Alfred Hitchcock',
							email: 'alfred@example.com',
							language: 'en',
							timezone: 'America/New_York',
							metadata: '{"source": "website"}',
						},
						{ phoneNumber: '+447700900123', name: 'Stanley Kubrick' },
					],
				},
				additionalContactFields: '{"metadata": {"import": "2026-11"}}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual([
			{
				phone_number: '+14155552671',
				name: 'Alfred Hitchcock',
				email: 'alfred@example.com',
				language: 'en',
				timezone: 'America/New_York',
				metadata: { source: 'website', import: '2026-11' },
			},
			{ phone_number: '+447700900123', name: 'Stanley Kubrick', metadata: { import: '2026-11' } },
		]);
		expect(result.items).toHaveLength(2);
	});

	test('JSON from an expression over the input items (numbers without + are accepted)', async () => {
		const result = await ctx.run(
			createMany({
				contactsSource: 'json',
				contactsJson: '={{ $input.all().map(item => ({ phone_number: item.json.phone, name: item.json.name })) }}',
			}),
			{ items: [{ phone: 919988776655, name: 'John Doe' }] },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual([{ phone_number: JOHN, name: 'John Doe' }]);
	});

	test('a list of 2,500 goes in 3 requests of at most 1000, and every contact comes out', async () => {
		const contacts = Array.from({ length: 2500 }, (_, index) => ({ phone_number: phone(index), name: `Guest ${index}` }));
		const result = await ctx.run(createMany({ contactsSource: 'json', contactsJson: JSON.stringify(contacts) }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests.map((request) => request.body.length)).toEqual([1000, 1000, 500]);
		expect(requests.flatMap((request) => request.body)).toEqual(contacts);
		expect(result.items).toHaveLength(2500);
		expect(result.items[2499]).toMatchObject({ phone_number: phone(2499), name: 'Guest 2499' });
		expect(ctx.sandbox.state.contacts.get(phone(1500))).toBeDefined();
	});

	test('Contacts per Request splits smaller; a failing later request says the first ones were saved', async () => {
		const contacts = [0, 1, 2, 3, 4].map((index) => ({ phone_number: phone(index) }));
		contacts[3].email = 'not-an-email';
		const result = await ctx.run(
			createMany({ contactsSource: 'json', contactsJson: contacts, options: { contactsPerRequest: 2 } }),
		);
		expect(ctx.apiRequests().map((request) => request.body.length)).toEqual([2, 2]);
		expect(result.error.message).toMatch(/^Peach rejected the request \(422\): 1\.email/);
		expect(result.error.description).toContain('The first 2 contacts were already saved');
	});

	test('bad input: every phone is checked first, and the error gives the index of each bad one', async () => {
		const contacts = [{ phone_number: JOHN }, { phone_number: '+14155552671' }, { phone_number: '12' }, { name: 'No Phone' }];
		const result = await ctx.run(createMany({ contactsSource: 'json', contactsJson: JSON.stringify(contacts) }));
		expectInputError(result, ctx.apiRequests(), 'Contacts (JSON)');
		expect(result.error.message).toBe(
			'Contacts (JSON): 2 of 4 phone numbers are not in international format (index 2: "12"; index 3: none given) [item 0]',
		);
	});

	test('bad input: switching to JSON and running without a list sends nothing (the default is no example contact)', async () => {
		const result = await ctx.run(createMany({ contactsSource: 'json' }));
		expectInputError(result, ctx.apiRequests(), 'Contacts (JSON)');
		expect(result.error.message).toBe('Contacts (JSON): the list of contacts is empty [item 0]');
	});

	test('bad input: JSON that is not a list fails before anything is sent', async () => {
		const result = await ctx.run(createMany({ contactsSource: 'json', contactsJson: '{"phone_number": "+919988776655"}' }));
		expectInputError(result, ctx.apiRequests(), 'Contacts (JSON)');
		expect(result.error.message).toContain('must be a JSON array');
	});
});

describe('Contact → Update', () => {
	const ctx = useSandbox();
	const update = (extra = {}) => ({ resource: 'contact', operation: 'update', ...extra });

	test('an update that sets only the name sends only the name', async () => {
		const result = await ctx.run(update({ phoneNumber: JOHN, updateFields: { name: 'John D.' } }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'PATCH', path: '/api/v1/contacts/%2B919988776655' });
		expect(requests[0].body).toEqual({ name: 'John D.' });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.items).toEqual([
			expect.objectContaining({ phone_number: JOHN, name: 'John D.', email: 'john1@example.com', opted_out: false }),
		]);
	});

	test('full: every update field as Peach names it', async () => {
		const result = await ctx.run(
			update({
				phoneNumber: JOHN,
				updateFields: {
					name: 'John Doe',
					email: 'john@example.com',
					language: 'hi',
					timezone: 'Asia/Kolkata',
					tags: ['vip'],
					metadata: { values: [{ key: 'tier', value: 'platinum' }] },
					communicationPreference: 'mute_all',
					optedOut: true,
					age: 34,
					gender: 'male',
					nickname: 'JD',
				},
				additionalBodyFields: '{"custom": 1}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			name: 'John Doe',
			email: 'john@example.com',
			language: 'hi',
			timezone: 'Asia/Kolkata',
			tags: ['vip'],
			metadata: { tier: 'platinum' },
			communication_preference: 'mute_all',
			opted_out: true,
			age: 34,
			gender: 'male',
			nickname: 'JD',
			custom: 1,
		});
		expect(result.items[0]).toMatchObject({ opted_out: true, communication_preference: 'mute_all' });
		expect(result.items[0].metadata).toEqual({ customer_tier: 'gold', city: 'Mumbai', tier: 'platinum' });
	});

	test('bad input: no field to change fails before anything is sent', async () => {
		const result = await ctx.run(update({ phoneNumber: JOHN, updateFields: { name: '' } }));
		expectInputError(result, ctx.apiRequests(), 'Update Fields');
		const blank = await ctx.run(update({ phoneNumber: JOHN, additionalBodyFields: '{ }' }));
		expectInputError(blank, ctx.apiRequests(), 'Update Fields');
	});

	test('bad input: an age with decimals fails before anything is sent', async () => {
		const result = await ctx.run(update({ phoneNumber: JOHN, updateFields: { age: 34.5 } }));
		expectInputError(result, ctx.apiRequests(), 'Update Fields → Age');
	});

	test('an unknown phone number gets a 404 that says how to write it', async () => {
		const result = await ctx.run(update({ phoneNumber: '+14155550000', updateFields: { name: 'X' } }));
		expect(result.error.message).toMatch(/^Peach has no contact with ID "\+14155550000"/);
	});
});

describe('Contact → Update Communication Preferences', () => {
	const ctx = useSandbox();
	const preferences = (extra = {}) => ({ resource: 'contact', operation: 'updateCommunicationPreferences', ...extra });

	test('minimal: one number and the default preference', async () => {
		const result = await ctx.run(preferences({ phoneNumbers: JOHN }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/v1/contacts/bulk_update_communication_preferences',
		});
		expect(requests[0].body).toEqual({ phone_numbers: [JOHN], communication_preference: 'disallow_marketing' });
		expect(result.items).toEqual([{ updated: 1, not_found: [] }]);
		expect(ctx.sandbox.state.contacts.get(JOHN).communication_preference).toBe('disallow_marketing');
	});

	test('full: a list from an expression, commas and new lines, duplicates once, extra fields', async () => {
		const result = await ctx.run(
			preferences({
				phoneNumbers: '={{ ["+919988776655", "+1 415 555 2671"] }}',
				communicationPreference: 'mute_all',
				additionalBodyFields: '{"source": "n8n"}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			phone_numbers: [JOHN, '+14155552671'],
			communication_preference: 'mute_all',
			source: 'n8n',
		});
		const typed = await ctx.run(preferences({ phoneNumbers: `${JOHN},\n+14155552671, ${JOHN}`, communicationPreference: 'allow_everything' }));
		expect(typed.error).toBeUndefined();
		expect(ctx.apiRequests()[1].body.phone_numbers).toEqual([JOHN, '+14155552671']);
	});

	test('bad input: the index of every number that is not one', async () => {
		const result = await ctx.run(preferences({ phoneNumbers: `${JOHN}, 12345, +14155552671, hello` }));
		expectInputError(result, ctx.apiRequests(), 'Phone Numbers');
		expect(result.error.message).toBe(
			'Phone Numbers: 2 of 4 phone numbers are not in international format (index 1: "12345"; index 3: "hello") [item 0]',
		);
	});
});
