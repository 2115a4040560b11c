/** WhatsApp Template → Update: only what changes is sent. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, mapped, theOnlyRequest } = require('../../harness/node-helpers');

describe('WhatsApp Template → Update', () => {
	const ctx = useSandbox();
	const templateId = () => ctx.sandbox.fixtures.templates.approvedWithVariables;

	test('minimal: one changed field is the whole body', async () => {
		const result = await ctx.run({
			resource: 'whatsAppTemplate',
			operation: 'update',
			templateId: locator(templateId()),
			updateFields: { folder: 'Orders 2025' },
		});
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'PATCH', path: `/api/v1/whats_app_templates/${templateId()}` });
		expect(request.body).toEqual({ whats_app_template: { folder: 'Orders 2025' } });
		expect(result.items).toEqual([expect.objectContaining({ id: templateId(), folder: 'Orders 2025' })]);
	});

	test('full: component texts from the mapper, JSON component changes, name, folder and category', async () => {
		const result = await ctx.run({
			resource: 'whatsAppTemplate',
			operation: 'update',
			templateId: locator(templateId(), 'id'),
			componentTexts: mapped({ 1203: 'Thanks for shopping with Peach', 1201: 'left as it was' }, [
				{ id: '1201', removed: true },
				{ id: '1202', removed: true },
				{ id: '1203' },
			]),
			updateFields: {
				category: 'MARKETING',
				componentsJson: '[{"id": "1204", "_destroy": true}]',
				folder: 'Orders',
				templateName: 'order_confirmation_v2',
			},
			additionalBodyFields: '{"whats_app_template": {"purpose": "transactional"}}',
		});
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'PATCH', path: `/api/v1/whats_app_templates/${templateId()}` });
		expect(request.body).toEqual({
			whats_app_template: {
				template_name: 'order_confirmation_v2',
				folder: 'Orders',
				category: 'MARKETING',
				components_attributes: [
					{ id: '1203', value: 'Thanks for shopping with Peach' },
					{ id: '1204', _destroy: true },
				],
				purpose: 'transactional',
			},
		});
		const updated = result.items[0];
		expect(updated.template_name).toBe('order_confirmation_v2');
		expect(updated.components.map((c) => c.id)).toEqual(['1201', '1202', '1203']);
		expect(updated.components[2].value).toBe('Thanks for shopping with Peach');
	});

	test('nothing to update, or a bad components JSON, fails before anything is sent', async () => {
		let result = await ctx.run({ resource: 'whatsAppTemplate', operation: 'update', templateId: locator(templateId()) });
		expectInputError(result, ctx.apiRequests(), 'Update Fields');
		expect(result.error.message).toBe('Update Fields: nothing to update [item 0]');
		result = await ctx.run({
			resource: 'whatsAppTemplate',
			operation: 'update',
			templateId: locator(templateId()),
			updateFields: { componentsJson: '{"id": 1}' },
		});
		expectInputError(result, ctx.apiRequests(), 'Update Fields → Components (JSON)');
	});
});
