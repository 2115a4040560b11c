/**
 * Condition → Get Many (Peach's condition library, "expressions") and the Automation and Condition
 * pickers, against the Peach sandbox.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');
const { loadOptionsContext, nodeMethods, theOnlyRequest } = require('../../harness/node-helpers');

describe('Condition → Get Many', () => {
	const ctx = useSandbox();
	const getMany = (extra = {}) => ({ resource: 'condition', operation: 'getAll', ...extra });

	test('minimal: GET /expressions with no query; one item per condition as Peach returns it', async () => {
		const result = await ctx.run(getMany({ returnAll: true }));
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: '/api/v1/expressions', query: {} });
		expect(result.items).toEqual(ctx.sandbox.state.expressions);
	});

	test('full: the source filter reaches Peach; Limit applies to the list', async () => {
		const result = await ctx.run(getMany({ limit: 2, filters: { source: 'peach_shopify' } }));
		expect(result.error).toBeUndefined();
		theOnlyRequest(ctx, { method: 'GET', path: '/api/v1/expressions', query: { source: 'peach_shopify' } });
		const expected = ctx.sandbox.state.expressions.filter((condition) => condition.source === 'peach_shopify').slice(0, 2);
		expect(result.items).toEqual(expected);
	});

	test('bad input: Additional Query Parameters that are not JSON fail before anything is sent', async () => {
		const result = await ctx.run(getMany({ additionalQueryParameters: '{source:' }));
		expectInputError(result, ctx.apiRequests(), 'Additional Query Parameters (JSON)');
	});
});

describe('Automation and Condition pickers', () => {
	const ctx = useSandbox();
	const { listSearch } = nodeMethods();

	test('searchAutomations: name and status, the ID as value, 25 a page, then the second page', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const all = ctx.sandbox.state.streams;
		const first = await listSearch.searchAutomations.call(context);
		expect(first.results).toHaveLength(25);
		expect(first.results[0]).toEqual({ name: `${all[0].name} (${all[0].status})`, value: all[0].id });
		expect(first.paginationToken).toBe('25');
		const second = await listSearch.searchAutomations.call(context, undefined, first.paginationToken);
		expect(second.results.map((entry) => entry.value)).toEqual(all.slice(25).map((stream) => stream.id));
		expect(second.paginationToken).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(2);
		requests.forEach((request) => {
			expect(request).toMatchObject({ method: 'GET', path: '/api/v1/streams', query: {} });
			expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
		});
	});

	test('searchAutomations: search text matches name or status, case-insensitive', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const payment = await listSearch.searchAutomations.call(context, 'PAYMENT');
		expect(payment.results).toEqual([
			{ name: 'Payment failed follow-up (published)', value: ctx.sandbox.fixtures.automations.published },
		]);
		const drafts = await listSearch.searchAutomations.call(context, 'draft');
		expect(drafts.results.map((entry) => entry.value)).toEqual(
			ctx.sandbox.state.streams.filter((stream) => stream.status === 'draft').map((stream) => stream.id),
		);
	});

	test('searchConditions: the name as value with its source shown, a search, and a second page', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const all = ctx.sandbox.state.expressions;
		const first = await listSearch.searchConditions.call(context);
		expect(first.results).toHaveLength(25);
		expect(first.results[0]).toEqual({ name: 'Order Paid (peach_shopify)', value: 'Order Paid' });
		const second = await listSearch.searchConditions.call(context, '', first.paginationToken);
		expect(second.results.map((entry) => entry.name)).toEqual(all.slice(25).map((c) => `${c.description} (${c.source})`));
		expect(second.paginationToken).toBeUndefined();
		const stripe = await listSearch.searchConditions.call(context, 'Stripe');
		expect(stripe.results.map((entry) => entry.value)).toEqual(
			all.filter((condition) => condition.source === 'stripe').map((condition) => condition.description),
		);
		ctx.apiRequests().forEach((request) => expect(request).toMatchObject({ method: 'GET', path: '/api/v1/expressions' }));
	});

	test('searchConditions lists only the conditions of the Source set on the trigger', async () => {
		const context = loadOptionsContext(ctx.sandbox, { additionalFields: { source: 'stripe' } });
		const result = await listSearch.searchConditions.call(context);
		const [request] = ctx.apiRequests();
		expect(request).toMatchObject({ method: 'GET', path: '/api/v1/expressions', query: { source: 'stripe' } });
		expect(result.results.map((entry) => entry.name)).toEqual(
			ctx.sandbox.state.expressions.filter((c) => c.source === 'stripe').map((c) => `${c.description} (stripe)`),
		);
	});

	test('a search with a second page continues where the first stopped', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const matching = ctx.sandbox.state.expressions.filter((c) =>
			[c.description, c.source, c.topic, c.id].some((field) => field.toLowerCase().includes('e')),
		);
		expect(matching.length).toBeGreaterThan(25);
		const first = await listSearch.searchConditions.call(context, 'E');
		expect(first.paginationToken).toBe('25');
		const second = await listSearch.searchConditions.call(context, 'E', first.paginationToken);
		expect([...first.results, ...second.results].map((entry) => entry.name)).toEqual(
			matching.map((c) => `${c.description} (${c.source})`),
		);
	});

	test("a wrong key in the picker shows Peach's 401 advice", async () => {
		const context = loadOptionsContext(ctx.sandbox, {}, { apiKey: 'wrong' });
		await expect(listSearch.searchAutomations.call(context)).rejects.toThrow(/did not accept the API key/);
	});
});
