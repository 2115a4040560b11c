/**
 * Order resource through n8n's real engine against the Peach sandbox: the exact request Peach
 * receives, the items n8n outputs, and input checks that stop a run before anything is sent.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');

const JOHN = '+919988776655';

describe('Order → Create', () => {
	const ctx = useSandbox();
	const create = (extra = {}) => ({ resource: 'order', operation: 'create', contactPhoneNumber: JOHN, ...extra });

	test('minimal: only the contact is sent; outputs the order Peach created', async () => {
		const result = await ctx.run(create());
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/orders' });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(requests[0].body).toEqual({ contact: { phone_number: JOHN } });
		expect(result.items).toEqual([
			expect.objectContaining({ id: expect.stringMatching(/^wa_ord_/), status: 'pending', contact: expect.any(Object) }),
		]);
		expect(result.items[0].warnings).toBeUndefined();
	});

	test('full: every Order field as Peach names it, amounts as integers, expiry as Unix seconds', async () => {
		const expiresAt = '2030-04-01T00:00:00.000Z';
		const result = await ctx.run(
			create({
				lineItems: {
					values: [
						{ name: 'Product 1', amount: 12000, saleAmount: 10000, quantity: 2 },
						{ name: 'Gift wrap', amount: 500, saleAmount: 0, quantity: 1 },
					],
				},
				additionalFields: {
					orderReferenceId: 'your_order_id',
					appExecutionId: 'app_exec_1234',
					type: 'physical_goods',
					contactName: 'Alfred Hitchcock',
					contactEmail: 'alfred@example.com',
					contactLanguage: 'en',
					contactMetadata: { values: [{ key: 'key', value: 'value' }] },
					currency: 'INR',
					subtotal: 20500,
					taxAmount: 1200,
					taxDescription: 'GST',
					shippingAmount: 15000,
					shippingDescription: 'Prime shipping',
					discountAmount: 1000,
					discountDescription: '10OFF on first purchase',
					totalAmount: 35700,
					expiresAt,
					expiryDescription: 'Sorry, the event is booked.',
				},
				additionalBodyFields: '{"notes": "leave at the door"}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			id: 'your_order_id',
			app_execution_id: 'app_exec_1234',
			type: 'physical_goods',
			contact: {
				phone_number: JOHN,
				name: 'Alfred Hitchcock',
				email: 'alfred@example.com',
				language: 'en',
				metadata: { key: 'value' },
			},
			items: [
				{ name: 'Product 1', amount: 12000, sale_amount: 10000, quantity: 2 },
				{ name: 'Gift wrap', amount: 500, quantity: 1 },
			],
			expiration: { timestamp: 1901232000, description: 'Sorry, the event is booked.' },
			currency: 'INR',
			subtotal: 20500,
			tax: { value: 1200, description: 'GST' },
			shipping: { value: 15000, description: 'Prime shipping' },
			discount: { value: 1000, description: '10OFF on first purchase' },
			total_amount: 35700,
			notes: 'leave at the door',
		});
		expect(result.items[0]).toMatchObject({
			reference_id: 'your_order_id',
			product_type: 'physical_goods',
			total_amount: 35700,
			expiration: expiresAt,
		});
		expect(result.items[0].warnings).toBeUndefined();
	});

	test('line items as JSON from an expression', async () => {
		const result = await ctx.run(
			create({
				lineItemsSource: 'json',
				lineItemsJson: '={{ $json.lines.map(line => ({ name: line.title, amount: line.price, quantity: line.qty })) }}',
			}),
			{ items: [{ lines: [{ title: 'Kurta', price: 129900, qty: 2 }, { title: 'Bottle', price: 59900, qty: 1 }] }] },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body.items).toEqual([
			{ name: 'Kurta', amount: 129900, quantity: 2 },
			{ name: 'Bottle', amount: 59900, quantity: 1 },
		]);
		expect(result.items[0].subtotal).toBe(319700);
	});

	test('totals that do not add up are sent as set and flagged in the output', async () => {
		const result = await ctx.run(
			create({
				lineItems: { values: [{ name: 'Product 1', amount: 12000, quantity: 2 }] },
				additionalFields: { subtotal: 20000, taxAmount: 1200, totalAmount: 200 },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = ctx.apiRequests()[0].body;
		expect(body).toMatchObject({ subtotal: 20000, tax: { value: 1200 }, total_amount: 200 });
		expect(result.items[0].warnings).toEqual([
			'Subtotal is 20000 but the line items add up to 24000 (sale amount, or amount, × quantity). Peach received the values as you set them.',
			'Total Amount is 200 but subtotal + tax + shipping − discount is 21200. Peach received the values as you set them.',
		]);
	});

	test('bad input: an amount with decimals fails before anything is sent and says minor units', async () => {
		const result = await ctx.run(create({ lineItems: { values: [{ name: 'Product 1', amount: 120.5, quantity: 1 }] } }));
		expectInputError(result, ctx.apiRequests(), 'Line Items → Item 1 → Amount');
		expect(result.error.description).toContain('minor units');
	});

	test('bad input: a line item whose Amount was left at 0 fails before anything is sent', async () => {
		const result = await ctx.run(
			create({ lineItems: { values: [{ name: 'Product 1', amount: 12000, quantity: 1 }, { name: 'Gift wrap', amount: 0, quantity: 1 }] } }),
		);
		expectInputError(result, ctx.apiRequests(), 'Line Items → Item 2 → Amount: is not set');
		expect(result.error.description).toContain('minor units');
	});

	test('bad input: a decimal in JSON line items or in a charge names where it is', async () => {
		const json = await ctx.run(create({ lineItemsSource: 'json', lineItemsJson: '[{"name": "A", "sale_amount": 99.99}]' }));
		expectInputError(json, ctx.apiRequests(), 'Line Items (JSON) → index 0 → sale_amount');
		const tax = await ctx.run(create({ additionalFields: { taxAmount: 12.5 } }));
		expectInputError(tax, ctx.apiRequests(), 'Additional Fields → Tax Amount');
	});

	test('bad input: a contact phone number that is not one fails before anything is sent', async () => {
		const result = await ctx.run(create({ contactPhoneNumber: 'John' }));
		expectInputError(result, ctx.apiRequests(), 'Contact Phone Number');
	});

	test('bad input: a contact email that is not an address fails before anything is sent', async () => {
		const result = await ctx.run(create({ additionalFields: { contactEmail: 'alfred.example.com' } }));
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Contact Email');
		expect(result.error.message).toBe('Additional Fields → Contact Email: "alfred.example.com" is not an email address [item 0]');
	});
});

describe('Order → Get', () => {
	const ctx = useSandbox();

	test("minimal: GET the order by Peach's ID, output as Peach returns it", async () => {
		const id = ctx.sandbox.fixtures.orders.pending;
		const result = await ctx.run({ resource: 'order', operation: 'get', orderId: id });
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: `/api/v1/orders/${id}`, body: null });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.items).toEqual([
			expect.objectContaining({ id, status: 'pending', reference_id: 'ext_ord_1245', items: expect.any(Array) }),
		]);
		expect(result.items[0]._key).toBeUndefined();
	});

	test('full: an ID mapped with spaces around it is trimmed; an order created before is found', async () => {
		const created = await ctx.run({ resource: 'order', operation: 'create', contactPhoneNumber: JOHN });
		const id = created.items[0].id;
		const result = await ctx.run({ resource: 'order', operation: 'get', orderId: `  ${id}\n` });
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[1].path).toBe(`/api/v1/orders/${id}`);
		expect(result.items[0]).toMatchObject({ id, contact: { phone_number: JOHN } });
	});

	test('bad input: an empty or spaced order ID fails before anything is sent', async () => {
		const empty = await ctx.run({ resource: 'order', operation: 'get', orderId: '={{ "" }}' });
		expectInputError(empty, ctx.apiRequests(), 'Order ID');
		const spaced = await ctx.run({ resource: 'order', operation: 'get', orderId: 'wa_ord 123' });
		expectInputError(spaced, ctx.apiRequests(), 'Order ID');
	});

	test('an unknown order gets a 404 that names the order', async () => {
		const result = await ctx.run({ resource: 'order', operation: 'get', orderId: 'wa_ord_nope' });
		expect(result.error.message).toMatch(/^Peach has no order with ID "wa_ord_nope"/);
	});
});

describe('Order → Refund', () => {
	const ctx = useSandbox();
	const refund = (extra = {}) => ({
		resource: 'order',
		operation: 'refund',
		orderId: ctx.sandbox.fixtures.orders.completed,
		...extra,
	});

	test('minimal: a full refund sends no body at all', async () => {
		const result = await ctx.run(refund());
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: `/api/v1/orders/${ctx.sandbox.fixtures.orders.completed}/refunds`,
		});
		expect(requests[0].body).toBeNull();
		expect(requests[0].rawBody).toHaveLength(0);
		const order = ctx.sandbox.state.orders.find((candidate) => candidate.id === ctx.sandbox.fixtures.orders.completed);
		expect(result.items).toEqual([
			{
				id: expect.stringMatching(/^rfnd_/),
				order_id: order.id,
				status: 'pending',
				speed: 'normal',
				amount: { currency: 'INR', value: order.total_amount },
				created_at: expect.any(String),
			},
		]);
	});

	test('full: part of the amount, currency, speed and extra fields', async () => {
		const result = await ctx.run(
			refund({
				refund: 'partial',
				amount: 1200,
				additionalFields: { currency: 'INR', speed: 'instant' },
				additionalBodyFields: '{"notes": {"reason": "damaged"}}',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			speed: 'instant',
			amount: { currency: 'INR', value: 1200 },
			notes: { reason: 'damaged' },
		});
		expect(result.items[0]).toMatchObject({ speed: 'instant', amount: { currency: 'INR', value: 1200 } });
	});

	test('bad input: a refund amount with decimals fails before anything is sent', async () => {
		const result = await ctx.run(refund({ refund: 'partial', amount: 12.5 }));
		expectInputError(result, ctx.apiRequests(), 'Amount');
		expect(result.error.description).toContain('minor units');
	});

	test('bad input: a refund of 0 fails before anything is sent', async () => {
		const result = await ctx.run(refund({ refund: 'partial', amount: 0 }));
		expectInputError(result, ctx.apiRequests(), 'Amount');
	});
});
