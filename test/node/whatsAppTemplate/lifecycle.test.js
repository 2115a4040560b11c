/** WhatsApp Template → Get, Archive, Pause and Submit. */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { locator, theOnlyRequest } = require('../../harness/node-helpers');

const templateOp = (operation, templateId) => ({ resource: 'whatsAppTemplate', operation, templateId });

describe('WhatsApp Template → Get, Archive, Pause, Submit', () => {
	const ctx = useSandbox();
	const templates = () => ctx.sandbox.fixtures.templates;

	test('Get reads one template (picked from the list) with its components', async () => {
		const id = templates().approvedImageHeader;
		const result = await ctx.run(templateOp('get', locator(id)));
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'GET', path: `/api/v1/whats_app_templates/${id}` });
		expect(request.body).toBeNull();
		expect(result.items).toEqual([
			expect.objectContaining({ id, template_name: 'summer_sale_image', status: 'approved', components: expect.any(Array) }),
		]);
	});

	test.each([
		['archive', 'approvedNoVariables', 'archived'],
		['pause', 'approvedSpanish', 'paused'],
		['submit', 'draft', 'pending'],
	])('%s sends PATCH …/{id}/%s with no body and outputs the template', async (operation, fixture, status) => {
		const id = templates()[fixture];
		const result = await ctx.run(templateOp(operation, locator(id, 'id')));
		expect(result.error).toBeUndefined();
		const request = theOnlyRequest(ctx, { method: 'PATCH', path: `/api/v1/whats_app_templates/${id}/${operation}` });
		expect(request.body).toBeNull();
		expect(result.items).toEqual([expect.objectContaining({ id, status })]);
	});

	test("a state Peach refuses (pause a draft) comes back with Peach's reason", async () => {
		const result = await ctx.run(templateOp('pause', locator(templates().draft)));
		expect(result.error.message).toMatch(/^Peach rejected the request \(422\): status can't pause a template that is draft/);
	});

	test('an ID that is not a template ID fails before anything is sent, for all four', async () => {
		for (const operation of ['get', 'archive', 'pause', 'submit']) {
			ctx.sandbox.clearRequests();
			const result = await ctx.run(templateOp(operation, locator('={{ "cmp_123" }}', 'id')));
			expectInputError(result, ctx.apiRequests(), 'Template');
			expect(result.error.message).toBe('Template: "cmp_123" is not a template ID [item 0]');
		}
	});
});
