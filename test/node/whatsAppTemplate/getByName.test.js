/**
 * WhatsApp Template → Get by ID and by name (read-only), against the Peach sandbox.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

describe('WhatsApp Template → Get', () => {
	const ctx = useSandbox();
	const get = (templateId) => ({ resource: 'whatsAppTemplate', operation: 'get', templateId });

	test('By ID (minimal): GET /whats_app_templates/{id}', async () => {
		const id = ctx.sandbox.fixtures.templates.approvedWithVariables;
		const result = await ctx.run(get(locator(id, 'id')));
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/whats_app_templates/${id}` });
		expect(result.items).toEqual([expect.objectContaining({ id, template_name: 'order_confirmation', language: 'en' })]);
	});

	test('By Name (full): the name in the path, encoded; outputs the template with its id and language', async () => {
		const result = await ctx.run(get(locator(' diwali_offer_hi ', 'name')));
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: '/api/v1/whats_app_templates/diwali_offer_hi' });
		expect(result.items[0]).toMatchObject({
			id: ctx.sandbox.fixtures.templates.approvedHindi,
			template_name: 'diwali_offer_hi',
			language: 'hi',
		});
	});

	test('By Name: a name with a space is encoded as one path segment', async () => {
		const result = await ctx.run(get(locator('New Promotion', 'name')));
		expect(ctx.apiRequests()[0].path).toBe('/api/v1/whats_app_templates/New%20Promotion');
		expect(result.error.message).toMatch(/\(404/);
	});

	test('bad input: an empty name, or one with a slash, fails before anything is sent', async () => {
		expectInputError(await ctx.run(get(locator('={{ "" }}', 'name'))), ctx.apiRequests(), 'Template: is empty');
		expectInputError(await ctx.run(get(locator('a/b', 'name'))), ctx.apiRequests(), 'Template: "a/b" is not a template name');
	});
});
