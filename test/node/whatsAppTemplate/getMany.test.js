/** WhatsApp Template → Get Many: every page of the list read, filters and limit applied to it. */
const { useSandbox, expectInputError } = require('../../harness/peach');

/**
 * The sandbox answers the bare array of the docs and ignores `page`: the node reads the list, asks
 * for page 2 in case Peach pages it (its MCP server sends `page`), sees nothing new and stops.
 */
function expectListRead(ctx) {
	const requests = ctx.apiRequests();
	expect(requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
		{ method: 'GET', path: '/api/v1/whats_app_templates', query: {} },
		{ method: 'GET', path: '/api/v1/whats_app_templates', query: { page: '2' } },
	]);
	requests.forEach((request) => expect(request.headers.authorization).toBe(ctx.sandbox.apiKey));
}

const getMany = (extra = {}) => ({ resource: 'whatsAppTemplate', operation: 'getAll', ...extra });

describe('WhatsApp Template → Get Many', () => {
	const ctx = useSandbox();

	test('Return All: one item per template, as Peach returns them', async () => {
		const result = await ctx.run(getMany({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expectListRead(ctx);
		const templates = ctx.sandbox.state.templates;
		expect(result.items).toHaveLength(templates.length);
		expect(result.items.map((t) => t.id)).toEqual(templates.map((t) => t.id));
		expect(result.items[0]).toEqual(
			expect.objectContaining({ template_name: 'order_confirmation', components: expect.any(Array) }),
		);
	});

	test('Limit 7 returns the first 7 of the list', async () => {
		const result = await ctx.run(getMany({ limit: 7 }));
		expectListRead(ctx);
		expect(result.items.map((t) => t.id)).toEqual(ctx.sandbox.state.templates.slice(0, 7).map((t) => t.id));
	});

	test('status, category and language filter the list (never sent to Peach)', async () => {
		const result = await ctx.run(
			getMany({ returnAll: true, filters: { status: 'approved', category: 'UTILITY', language: ' EN_us ' } }),
		);
		expectListRead(ctx);
		const expected = ctx.sandbox.state.templates
			.filter((t) => t.status === 'approved' && t.category === 'UTILITY' && t.language === 'en_US')
			.map((t) => t.template_name);
		expect(expected.length).toBeGreaterThan(1);
		expect(result.items.map((t) => t.template_name)).toEqual(expected);
	});

	test('filters that match nothing give no items, and a bad Limit fails before anything is sent', async () => {
		let result = await ctx.run(getMany({ returnAll: true, filters: { status: 'rejected', category: 'UTILITY' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		ctx.sandbox.clearRequests();
		result = await ctx.run(getMany({ limit: '={{ 2.5 }}' }));
		expectInputError(result, ctx.apiRequests(), 'Limit');
	});
});
