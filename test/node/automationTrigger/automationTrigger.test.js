/**
 * Automation Trigger resource through n8n's real engine against the Peach sandbox: the exact
 * request Peach receives, the items n8n outputs, input checks before sending, and Peach's
 * documented error codes turned into advice.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

describe('Automation Trigger → Get Many', () => {
	const ctx = useSandbox();

	test('minimal: GET /streams/{id}/triggers; one item per trigger, as Peach returns it', async () => {
		const id = ctx.sandbox.fixtures.automations.withTrigger;
		const result = await ctx.run({ resource: 'automationTrigger', operation: 'getAll', automationId: locator(id) });
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/streams/${id}/triggers`, query: {} });
		expect(result.items).toEqual(ctx.sandbox.state.triggers.filter((trigger) => trigger.stream_id === id));
		expect(result.items[0].id).toBe(ctx.sandbox.fixtures.triggerId);
	});

	test('full: an automation with no trigger gives no items; Limit and By ID work', async () => {
		const id = ctx.sandbox.fixtures.automations.published;
		const result = await ctx.run({
			resource: 'automationTrigger',
			operation: 'getAll',
			automationId: locator(id, 'id'),
			returnAll: false,
			limit: 1,
		});
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].path).toBe(`/api/v1/streams/${id}/triggers`);
		expect(result.items).toEqual([]);
	});

	test('bad input: an automation ID that is not one fails before anything is sent', async () => {
		const result = await ctx.run({ resource: 'automationTrigger', operation: 'getAll', automationId: locator('={{ "123" }}', 'id') });
		expectInputError(result, ctx.apiRequests(), 'Automation: "123" is not an automation ID');
	});
});

describe('Automation Trigger → Create', () => {
	const ctx = useSandbox();
	const create = (extra = {}) => ({
		resource: 'automationTrigger',
		operation: 'create',
		automationId: locator(ctx.sandbox.fixtures.automations.published),
		condition: locator('Order Paid'),
		...extra,
	});
	const path = () => `/api/v1/streams/${ctx.sandbox.fixtures.automations.published}/triggers`;

	test('minimal: only the condition is sent, so the trigger is created as a draft', async () => {
		const result = await ctx.run(create());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: path() });
		expect(request.body).toEqual({ condition: 'Order Paid' });
		expect(result.items).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^trig_/),
				stream_id: ctx.sandbox.fixtures.automations.published,
				status: 'draft',
				condition: expect.objectContaining({ expression_id: ctx.sandbox.fixtures.conditions.orderPaid }),
			}),
		]);
	});

	test('full: source, variables, data mappings grouped by recipient and variable, activate, description', async () => {
		const result = await ctx.run(
			create({
				condition: locator('Order Paid where a field does NOT equal a value', 'name'),
				variables: { values: [{ key: 'key_path', value: '$.source_name' }, { key: 'value', value: 'pos' }] },
				dataMappings: {
					recipient: [
						{ field: 'phone_number', path: '$.shipping_address.phone' },
						{ field: 'name', path: ' $.customer.first_name ' },
					],
					variable: [
						{ field: 'order_id', path: '$.name' },
						{ field: 'total', path: '$.total_price' },
					],
				},
				activate: true,
				additionalFields: { source: ' peach_shopify ', description: 'COD orders, excluding POS' },
				additionalBodyFields: '{"event_source_id": "esrc_1"}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			condition: 'Order Paid where a field does NOT equal a value',
			source: 'peach_shopify',
			variables: { key_path: '$.source_name', value: 'pos' },
			data_mappings: [
				{ mapping_for: 'recipient', value: { phone_number: '$.shipping_address.phone', name: '$.customer.first_name' } },
				{ mapping_for: 'variable', value: { order_id: '$.name', total: '$.total_price' } },
			],
			activate: true,
			description: 'COD orders, excluding POS',
			event_source_id: 'esrc_1',
		});
		expect(result.items[0]).toMatchObject({
			status: 'active',
			description: 'COD orders, excluding POS',
			condition: { variables: { key_path: '$.source_name', value: 'pos' } },
		});
	});

	test('By Expression ID sends expression_id instead of a name', async () => {
		const expressionId = ctx.sandbox.fixtures.conditions.orderPaid;
		const result = await ctx.run(create({ condition: locator(` ${expressionId} `, 'id') }));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({ expression_id: expressionId });
	});

	test('bad input: an empty condition, a wrong expression ID, a JSONPath without $ or no recipient phone stop the run', async () => {
		expectInputError(await ctx.run(create({ condition: locator('={{ "" }}', 'name') })), ctx.apiRequests(), 'Condition: is empty');
		expectInputError(
			await ctx.run(create({ condition: locator('={{ "Order Paid" }}', 'id') })),
			ctx.apiRequests(),
			'Condition: "Order Paid" is not an expression ID',
		);
		const noDollar = await ctx.run(create({ dataMappings: { variable: [{ field: 'order_id', path: 'name' }] } }));
		expectInputError(noDollar, ctx.apiRequests(), 'Data Mappings → Variable 1 → JSONPath: "name" is not a JSONPath');
		const noName = await ctx.run(create({ dataMappings: { variable: [{ field: ' ', path: '$.name' }] } }));
		expectInputError(noName, ctx.apiRequests(), 'Data Mappings → Variable 1 → Name: is empty');
		const noPhone = await ctx.run(create({ dataMappings: { recipient: [{ field: 'name', path: '$.customer.first_name' }] } }));
		expectInputError(noPhone, ctx.apiRequests(), 'Data Mappings: the recipient fields have no Phone Number');
	});

	test.each([
		['condition_not_found', { condition: locator('Order Teleported', 'name') }, 404, 'Peach has no condition with this name or ID', 'Condition → Get Many'],
		['condition_ambiguous', { condition: locator('Order Refunded') }, 409, 'More than one connected integration has a condition with this name', 'Source'],
		['event_source_not_connected', { condition: locator('Order Completed') }, 409, "The condition's integration is not connected", 'Peach dashboard'],
		['missing_variables', { condition: locator('Order Paid where a field equals a value') }, 422, 'The condition needs variables that were not given', 'Variables'],
	])('%s: the error says what to do and quotes Peach', async (code, extra, status, message, advice) => {
		const result = await ctx.run(create(extra));
		expect(result.error.message).toMatch(new RegExp(`^${message.replace(/[()]/g, '\\$&')}.* \\(${status} ${code}: .+\\) \\[item 0\\]$`));
		expect(result.error.description).toContain(advice);
		expect(result.error.httpCode).toBe(String(status));
		expect(ctx.sandbox.state.triggers).toHaveLength(1);
	});

	test('the ambiguity is gone once Source is set', async () => {
		const result = await ctx.run(create({ condition: locator('Order Refunded'), additionalFields: { source: 'Peach' } }));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({ condition: 'Order Refunded', source: 'Peach' });
	});
});

describe('Automation Trigger → Update', () => {
	const ctx = useSandbox();
	const update = (extra = {}) => ({
		resource: 'automationTrigger',
		operation: 'update',
		triggerId: ctx.sandbox.fixtures.triggerId,
		...extra,
	});

	test('minimal: turning the trigger off sends only activate: false to the top-level path', async () => {
		const result = await ctx.run(update({ updateFields: { activate: false } }));
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'PATCH', path: `/api/v1/triggers/${ctx.sandbox.fixtures.triggerId}` });
		expect(request.body).toEqual({ activate: false });
		expect(result.items).toEqual([expect.objectContaining({ id: ctx.sandbox.fixtures.triggerId, status: 'paused' })]);
	});

	test('full: variables, description and data mappings, which replace the existing ones', async () => {
		const result = await ctx.run(
			update({
				updateFields: {
					activate: true,
					description: 'Paid orders',
					variables: { values: [{ key: 'note', value: 'x' }] },
					dataMappings: { recipient: [{ field: 'phone_number', path: '$.billing_address.phone' }] },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			activate: true,
			description: 'Paid orders',
			variables: { note: 'x' },
			data_mappings: [{ mapping_for: 'recipient', value: { phone_number: '$.billing_address.phone' } }],
		});
		expect(result.items[0].data_mappings).toEqual([{ mapping_for: 'recipient', value: { phone_number: '$.billing_address.phone' } }]);
	});

	test('bad input: nothing to change, or a trigger ID that is not one, fails before anything is sent', async () => {
		expectInputError(await ctx.run(update()), ctx.apiRequests(), 'Update Fields: no field to change was set');
		expectInputError(
			await ctx.run(update({ triggerId: 'strm_1', updateFields: { activate: true } })),
			ctx.apiRequests(),
			'Trigger ID: "strm_1" is not a trigger ID',
		);
		expectInputError(
			await ctx.run(update({ updateFields: { dataMappings: { variable: [{ field: 'total', path: '' }] } } })),
			ctx.apiRequests(),
			'Update Fields → Data Mappings → Variable 1 → JSONPath: is empty',
		);
	});

	test('an unknown trigger gets a 404 that names the trigger', async () => {
		const result = await ctx.run(update({ triggerId: 'trig_nope', updateFields: { activate: true } }));
		expect(result.error.message).toMatch(/^Peach has no automation trigger with ID "trig_nope" \(404/);
	});
});
