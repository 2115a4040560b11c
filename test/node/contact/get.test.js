/**
 * Contact → Get (look a contact up by phone) through n8n's real engine against the Peach sandbox.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { theOnlyRequest } = require('../../harness/node-helpers');

describe('Contact → Get', () => {
	const ctx = useSandbox();
	const get = (extra = {}) => ({ resource: 'contact', operation: 'get', phoneNumber: '+919988776655', ...extra });

	test('minimal: GET /contacts/{phone} with the + encoded; the contact as Peach returns it', async () => {
		const result = await ctx.run(get());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'GET', path: '/api/v1/contacts/%2B919988776655' });
		expect(request.body).toBeNull();
		expect(result.items).toEqual([
			expect.objectContaining({ id: 1, phone_number: '+919988776655', name: 'John Doe', metadata: expect.any(Object) }),
		]);
	});

	test('full: a number typed with spaces and dashes from an expression, per item', async () => {
		const result = await ctx.run(get({ phoneNumber: '={{ $json.phone }}', options: { emptyIfNotFound: true } }), {
			items: [{ phone: '+1 330-910-6536' }, { phone: '0091 99887 76655' }],
		});
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests().map((request) => request.path)).toEqual([
			'/api/v1/contacts/%2B13309106536',
			'/api/v1/contacts/%2B919988776655',
		]);
		expect(result.items.map((item) => item.name)).toEqual(['Alfred Hitchcock', 'John Doe']);
	});

	test('an unknown number is an error that names the phone number, by default', async () => {
		const result = await ctx.run(get({ phoneNumber: '+14155550000' }));
		expect(result.error.message).toMatch(/^Peach has no contact with ID "\+14155550000" \(404/);
		expect(result.error.description).toContain('Phone Number');
	});

	test('with Return Empty Item If Not Found, an unknown number gives one empty item and the others go on', async () => {
		const result = await ctx.run(get({ phoneNumber: '={{ $json.phone }}', options: { emptyIfNotFound: true } }), {
			items: [{ phone: '+14155550000' }, { phone: '+919988776655' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toEqual({});
		expect(result.items[1]).toMatchObject({ name: 'John Doe' });
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('the option does not hide other failures: a wrong key is still an error', async () => {
		const result = await ctx.run(get({ options: { emptyIfNotFound: true } }), {
			credentials: { apiKey: 'wrong', baseUrl: ctx.sandbox.url },
		});
		expect(result.error.message).toMatch(/did not accept the API key/);
	});

	test('bad input: a number that is not one fails before anything is sent', async () => {
		const result = await ctx.run(get({ phoneNumber: 'John' }));
		expectInputError(result, ctx.apiRequests(), 'Phone Number');
	});
});
