/**
 * Automation resource (Peach "Streams") through n8n's real engine against the Peach sandbox: the
 * exact request Peach receives, the items n8n outputs, and input checks that stop a run before
 * anything is sent.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

const JOHN = '+919988776655';
const DEFINITION = {
	start_step: 'thanks',
	steps: {
		thanks: {
			type: 'send_message',
			payload: { message: { text: 'Thanks! Order {{order_id}} is confirmed.' } },
			next_step: null,
		},
	},
};

describe('Automation → Get Many', () => {
	const ctx = useSandbox();
	const getMany = (extra = {}) => ({ resource: 'automation', operation: 'getAll', ...extra });

	test('minimal: GET /streams with no query; the first 50 automations, one item each', async () => {
		const result = await ctx.run(getMany());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'GET', path: '/api/v1/streams', query: {} });
		expect(request.body).toBeNull();
		const all = ctx.sandbox.state.streams;
		expect(result.items).toEqual(all.slice(0, 50).map((stream) => expect.objectContaining({ id: stream.id, name: stream.name })));
	});

	test('full: the execution-mode filter and extra query parameters reach Peach; Limit applies to the list', async () => {
		const result = await ctx.run(
			getMany({
				limit: 3,
				filters: { executionMode: 'backend_driven' },
				additionalQueryParameters: '{"status": "published"}',
			}),
		);
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, {
			method: 'GET',
			path: '/api/v1/streams',
			query: { execution_mode: 'backend_driven', status: 'published' },
		});
		const expected = ctx.sandbox.state.streams.filter((stream) => stream.execution_mode === 'backend_driven').slice(0, 3);
		expect(result.items.map((item) => item.id)).toEqual(expected.map((stream) => stream.id));
		result.items.forEach((item) => expect(item.execution_mode).toBe('backend_driven'));
	});

	test('Return All outputs every automation', async () => {
		const result = await ctx.run(getMany({ returnAll: true }));
		expect(result.items).toHaveLength(ctx.sandbox.state.streams.length);
	});

	test('bad input: a Limit of 0 from an expression fails before anything is sent', async () => {
		const result = await ctx.run(getMany({ limit: '={{ 0 }}' }));
		expectInputError(result, ctx.apiRequests(), 'Limit');
	});
});

describe('Automation → Get', () => {
	const ctx = useSandbox();

	test('minimal: GET /streams/{id} from the picker; the automation with its definition', async () => {
		const id = ctx.sandbox.fixtures.automations.published;
		const result = await ctx.run({ resource: 'automation', operation: 'get', automationId: locator(id) });
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/streams/${id}` });
		expect(result.items).toEqual([expect.objectContaining({ id, status: 'published', definition: expect.any(Object) })]);
	});

	test('full: an ID typed with spaces (By ID) is trimmed', async () => {
		const id = ctx.sandbox.fixtures.automations.draft;
		const result = await ctx.run({ resource: 'automation', operation: 'get', automationId: locator(`  ${id} `, 'id') });
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].path).toBe(`/api/v1/streams/${id}`);
		expect(result.items[0]).toMatchObject({ id, status: 'draft' });
	});

	test('bad input: an ID that is not strm_… fails before anything is sent', async () => {
		const result = await ctx.run({ resource: 'automation', operation: 'get', automationId: locator('={{ "wat_123" }}', 'id') });
		expectInputError(result, ctx.apiRequests(), 'Automation');
		expect(result.error.message).toBe('Automation: "wat_123" is not an automation ID [item 0]');
	});

	test('an unknown automation gets a 404 that names the automation and the parameter', async () => {
		const result = await ctx.run({ resource: 'automation', operation: 'get', automationId: locator('strm_nope', 'id') });
		expect(result.error.message).toMatch(/^Peach has no automation with ID "strm_nope" \(404/);
		expect(result.error.description).toContain('Automation parameter');
	});
});

describe('Automation → Create', () => {
	const ctx = useSandbox();
	const create = (extra = {}) => ({
		resource: 'automation',
		operation: 'create',
		name: 'Order paid thank-you',
		definition: JSON.stringify(DEFINITION),
		...extra,
	});

	test('minimal: name and definition only, as a flat body; outputs the created automation', async () => {
		const result = await ctx.run(create());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/streams' });
		expect(request.body).toEqual({ name: 'Order paid thank-you', definition: DEFINITION });
		expect(result.items).toEqual([
			expect.objectContaining({ id: expect.stringMatching(/^strm_/), name: 'Order paid thank-you', status: 'draft', definition: DEFINITION }),
		]);
		expect(ctx.sandbox.state.streams[0].id).toBe(result.items[0].id);
	});

	test('full: description, status, business number (the + dropped), extra body fields', async () => {
		const result = await ctx.run(
			create({
				definition: '={{ $json.definition }}',
				additionalFields: {
					description: 'Thanks the customer',
					status: 'published',
					businessPhoneNumber: '+91 98765 43222',
				},
				additionalBodyFields: '{"tags": ["shopify"]}',
			}),
			{ items: [{ definition: DEFINITION }] },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			name: 'Order paid thank-you',
			definition: DEFINITION,
			description: 'Thanks the customer',
			status: 'published',
			business_phone_number: '919876543222',
			tags: ['shopify'],
		});
		expect(result.items[0]).toMatchObject({ status: 'published', business_phone_number: '919876543222' });
	});

	test('bad input: an empty name or definition fails before anything is sent', async () => {
		expectInputError(await ctx.run(create({ name: ' ' })), ctx.apiRequests(), 'Name: is empty');
		expectInputError(await ctx.run(create({ definition: '{}' })), ctx.apiRequests(), 'Definition (JSON): is empty');
	});

	test('bad input: a definition that is not JSON, or whose start_step is not a step, fails before sending', async () => {
		const broken = await ctx.run(create({ definition: '{"start_step": "a",' }));
		expectInputError(broken, ctx.apiRequests(), 'Definition (JSON): is not valid JSON');
		const wrongStart = await ctx.run(create({ definition: JSON.stringify({ ...DEFINITION, start_step: 'hello' }) }));
		expectInputError(wrongStart, ctx.apiRequests(), 'Definition (JSON): start_step "hello" is not one of the steps (thanks)');
	});

	test('bad input: a business number that is not one fails before anything is sent', async () => {
		const result = await ctx.run(create({ additionalFields: { businessPhoneNumber: 'main' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Business Phone Number');
	});

	test("Peach's 422 for a step graph it cannot run names the field", async () => {
		const steps = { thanks: { ...DEFINITION.steps.thanks, next_step: 'bye' } };
		const result = await ctx.run(create({ definition: JSON.stringify({ start_step: 'thanks', steps }) }));
		expect(result.error.message).toBe('Peach rejected the request (422): definition.steps thanks.next_step "bye" is not a step [item 0]');
	});
});

describe('Automation → Update', () => {
	const ctx = useSandbox();
	const update = (extra = {}) => ({
		resource: 'automation',
		operation: 'update',
		automationId: locator(ctx.sandbox.fixtures.automations.draft),
		...extra,
	});

	test('minimal: only the status that was set is sent', async () => {
		const result = await ctx.run(update({ updateFields: { status: 'published' } }));
		expect(result.error).toBeUndefined();
		const id = ctx.sandbox.fixtures.automations.draft;
		const request = theOnlyRequest(ctx, { method: 'PATCH', path: `/api/v1/streams/${id}` });
		expect(request.body).toEqual({ status: 'published' });
		expect(result.items).toEqual([expect.objectContaining({ id, status: 'published' })]);
	});

	test('full: name, description, status and a new definition', async () => {
		const definition = { start_step: 'hi', steps: { hi: { type: 'send_message', payload: { message: { text: 'Hi' } }, next_step: null } } };
		const result = await ctx.run(
			update({
				updateFields: {
					name: ' Renamed ',
					description: 'New text',
					status: 'archived',
					definition: JSON.stringify(definition),
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({ name: 'Renamed', description: 'New text', status: 'archived', definition });
		expect(result.items[0]).toMatchObject({ name: 'Renamed', status: 'archived', definition });
	});

	test('bad input: nothing to change, or an emptied name, fails before anything is sent', async () => {
		expectInputError(await ctx.run(update()), ctx.apiRequests(), 'Update Fields: no field to change was set');
		expectInputError(await ctx.run(update({ updateFields: { name: '' } })), ctx.apiRequests(), 'Update Fields → Name');
	});
});

describe('Automation → Run for Contact', () => {
	const ctx = useSandbox();
	const run = (extra = {}) => ({
		resource: 'automation',
		operation: 'runForContact',
		automationId: locator(ctx.sandbox.fixtures.automations.published),
		contactPhoneNumber: JOHN,
		...extra,
	});

	test('minimal: POST /streams/{id}/events with only the contact phone; outputs what Peach answered', async () => {
		const result = await ctx.run(run());
		expect(result.error).toBeUndefined();
		const id = ctx.sandbox.fixtures.automations.published;
		const request = theOnlyRequest(ctx, { method: 'POST', path: `/api/v1/streams/${id}/events` });
		expect(request.body).toEqual({ contact: { phone_number: JOHN } });
		const [runRecord] = ctx.sandbox.state.automationRuns;
		expect(result.items).toEqual([{ ...runRecord, contact: { phone_number: JOHN } }]);
	});

	test('full: name, email and data at the top level of the body, per item from expressions', async () => {
		const result = await ctx.run(
			run({
				contactPhoneNumber: '={{ $json.phone }}',
				additionalFields: { contactName: '={{ $json.name }}', contactEmail: ' alfred@example.com ' },
				data: '={{ { order_id: $json.order, amount: "₹1,999" } }}',
			}),
			{ items: [{ phone: '+1 330 910 6536', name: 'Alfred Hitchcock', order: '#1001' }] },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			order_id: '#1001',
			amount: '₹1,999',
			contact: { phone_number: '+13309106536', name: 'Alfred Hitchcock', email: 'alfred@example.com' },
		});
		expect(result.items[0]).toMatchObject({ status: 'queued', data: { order_id: '#1001', amount: '₹1,999' } });
	});

	test('three items start three runs, each sent once', async () => {
		const phones = ['+919988776655', '+13309106536', '+14155552671'];
		const result = await ctx.run(run({ contactPhoneNumber: '={{ $json.phone }}' }), { items: phones.map((phone) => ({ phone })) });
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests().map((request) => request.body.contact.phone_number)).toEqual(phones);
		expect(result.items.map((item) => item.contact.phone_number)).toEqual(phones);
	});

	test('bad input: phone, email, data and automation are checked before anything is sent', async () => {
		expectInputError(await ctx.run(run({ contactPhoneNumber: 'John' })), ctx.apiRequests(), 'Contact Phone Number');
		expectInputError(
			await ctx.run(run({ additionalFields: { contactEmail: 'john.example.com' } })),
			ctx.apiRequests(),
			'Additional Fields → Contact Email',
		);
		expectInputError(await ctx.run(run({ data: '[1, 2]' })), ctx.apiRequests(), 'Data (JSON): must be a JSON object');
		expectInputError(await ctx.run(run({ data: '{"contact": {}}' })), ctx.apiRequests(), 'Data (JSON): has a "contact" key');
		expectInputError(await ctx.run(run({ automationId: locator('={{ "" }}', 'id') })), ctx.apiRequests(), 'Automation: is empty');
	});

	test('a draft automation: Peach’s 422 reason is quoted, and with Continue On Fail the other items go on', async () => {
		const result = await ctx.run(
			run({ automationId: locator('={{ $json.automation }}', 'id') }),
			{
				items: [{ automation: ctx.sandbox.fixtures.automations.draft }, { automation: ctx.sandbox.fixtures.automations.published }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].error).toContain('Automation is draft; publish it before running it');
		expect(result.items[1]).toMatchObject({ status: 'queued', stream_id: ctx.sandbox.fixtures.automations.published });
		expect(ctx.sandbox.state.automationRuns).toHaveLength(1);
	});

	test('a 500 on the run is not resent: one request, and the item fails', async () => {
		ctx.sandbox.fault('POST /api/v1/streams/:id/events', { status: 500, times: 1 });
		const result = await ctx.run(run());
		expect(result.error).toBeDefined();
		expect(ctx.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(1);
	});
});
