/** WhatsApp Template → Create: components as fields or JSON, wrapped in whats_app_template. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

describe('WhatsApp Template → Create', () => {
	const ctx = useSandbox();
	const create = (extra = {}) => ({
		resource: 'whatsAppTemplate',
		operation: 'create',
		templateName: 'order_shipped',
		language: 'en',
		category: 'UTILITY',
		purpose: 'transactional',
		whatsAppBusinessAccountId: locator('456'),
		bodyText: "Hi {{first_name | example: 'John'}}, your order has shipped.",
		...extra,
	});

	test('minimal: name, language, category, purpose, account and a body', async () => {
		const result = await ctx.run(create());
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/whats_app_templates' });
		expect(request.body).toEqual({
			whats_app_template: {
				template_name: 'order_shipped',
				language: 'en',
				category: 'UTILITY',
				purpose: 'transactional',
				whats_app_business_account_id: 456,
				components_attributes: [
					{ component_type: 'body', data_type: 'text', value: "Hi {{first_name | example: 'John'}}, your order has shipped." },
				],
			},
		});
		expect(result.items).toEqual([
			expect.objectContaining({ id: expect.stringMatching(/^wat_/), template_name: 'order_shipped', status: 'draft' }),
		]);
	});

	test('full: image header, body, footer, three kinds of buttons, folder and extra body fields', async () => {
		const result = await ctx.run(
			create({
				category: 'MARKETING',
				purpose: 'promotion',
				whatsAppBusinessAccountId: locator('456', 'id'),
				headerType: 'image',
				headerSample: 'https://example.com/sale.png',
				footerText: 'Reply STOP to unsubscribe',
				buttons: {
					button: [
						{ type: 'url', text: 'Shop now', value: 'https://shop.example.com/sale' },
						{ type: 'phone_number', text: 'Call us', value: '+919876543222' },
						{ type: 'quick_reply', text: 'Not interested', value: '' },
					],
				},
				additionalFields: { folder: 'Marketing' },
				additionalBodyFields: { whats_app_template: { name: 'Summer sale' } },
			}),
		);
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'POST', path: '/api/v1/whats_app_templates' });
		expect(request.body).toEqual({
			whats_app_template: {
				template_name: 'order_shipped',
				language: 'en',
				category: 'MARKETING',
				purpose: 'promotion',
				whats_app_business_account_id: 456,
				folder: 'Marketing',
				name: 'Summer sale',
				components_attributes: [
					{ component_type: 'header', data_type: 'image', value: 'https://example.com/sale.png' },
					{ component_type: 'body', data_type: 'text', value: "Hi {{first_name | example: 'John'}}, your order has shipped." },
					{ component_type: 'footer', data_type: 'text', value: 'Reply STOP to unsubscribe' },
					{ component_type: 'buttons', data_type: 'text', sub_type: 'url', name: 'Shop now', value: 'https://shop.example.com/sale' },
					{ component_type: 'buttons', data_type: 'text', sub_type: 'phone_number', name: 'Call us', value: '+919876543222' },
					{ component_type: 'buttons', data_type: 'text', sub_type: 'quick_reply', name: 'Not interested' },
				],
			},
		});
		expect(result.items[0].components.map((c) => c.component_type)).toEqual([
			'header', 'body', 'footer', 'buttons', 'buttons', 'buttons',
		]);
	});

	test('a text header, and components given as JSON', async () => {
		let result = await ctx.run(create({ headerType: 'text', headerText: 'Order {{order_id}} shipped' }));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body.whats_app_template.components_attributes[0]).toEqual({
			component_type: 'header',
			data_type: 'text',
			value: 'Order {{order_id}} shipped',
		});
		const components = [
			{ component_type: 'header', data_type: 'document' },
			{ component_type: 'body', data_type: 'text', value: 'Your invoice {{invoice_number}} is attached.' },
		];
		ctx.sandbox.clearRequests();
		result = await ctx.run(create({ componentsInput: 'json', componentsJson: JSON.stringify(components) }));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body.whats_app_template.components_attributes).toEqual(components);
	});

	test('bad language code, missing body, empty button text or a bad account fail before anything is sent', async () => {
		let result = await ctx.run(create({ language: 'English' }));
		expectInputError(result, ctx.apiRequests(), 'Language');
		expect(result.error.message).toBe('Language: "English" is not a WhatsApp language code [item 0]');

		result = await ctx.run(create({ componentsInput: 'json', componentsJson: '[{"component_type": "footer", "value": "x"}]' }));
		expectInputError(result, ctx.apiRequests(), 'Components (JSON)');
		expect(result.error.message).toBe('Components (JSON): has no body component with text [item 0]');

		result = await ctx.run(create({ buttons: { button: [{ type: 'url', text: ' ', value: 'https://x.example' }] } }));
		expectInputError(result, ctx.apiRequests(), 'Buttons → Button 1 → Text');

		result = await ctx.run(create({ whatsAppBusinessAccountId: locator('={{ "waba-main" }}', 'id') }));
		expectInputError(result, ctx.apiRequests(), 'WhatsApp Business Account');

		result = await ctx.run(create({ bodyText: '={{ "" }}' }));
		expectInputError(result, ctx.apiRequests(), 'Body');
	});
});
