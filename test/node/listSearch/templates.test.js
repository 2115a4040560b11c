/**
 * The template pickers and the variable fields, through the node's own methods with a load-options
 * context whose requests reach the sandbox.
 */
const { useSandbox } = require('../../harness/peach');
const { loadOptionsContext, locator, nodeMethods } = require('../../harness/node-helpers');

describe('Template pickers (list search)', () => {
	const ctx = useSandbox();
	const { listSearch } = nodeMethods();

	test('searchTemplates lists every template with name, language, status and category, 25 a page', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const first = await listSearch.searchTemplates.call(context);
		const all = ctx.sandbox.state.templates;
		expect(first.results).toHaveLength(25);
		expect(first.results[0]).toEqual({
			name: 'order_confirmation (en) · approved · UTILITY',
			value: all[0].id,
		});
		expect(first.paginationToken).toBe('25');
		const second = await listSearch.searchTemplates.call(context, undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(all.slice(25).map((t) => t.id));
		expect(second.paginationToken).toBeUndefined();
		// Each picker page reads the list: page 1, then page 2 in case Peach pages it (the sandbox does not).
		const requests = ctx.apiRequests();
		expect(requests.map((r) => r.query)).toEqual([{}, { page: '2' }, {}, { page: '2' }]);
		requests.forEach((request) => {
			expect(request).toMatchObject({ method: 'GET', path: '/api/v1/whats_app_templates' });
			expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
		});
	});

	test('searchApprovedTemplates lists only approved ones; search text matches name, language, category', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const approved = await listSearch.searchApprovedTemplates.call(context);
		const expected = ctx.sandbox.state.templates.filter((t) => t.status === 'approved');
		expect(approved.results.map((r) => r.value)).toEqual(expected.map((t) => t.id));
		expect(approved.results.every((r) => r.name.includes('· approved ·'))).toBe(true);
		expect(approved.paginationToken).toBeUndefined();

		const orders = await listSearch.searchApprovedTemplates.call(context, 'ORDER');
		expect(orders.results.map((r) => r.name)).toEqual([
			'order_confirmation (en) · approved · UTILITY',
			'order_shipped_es (es) · approved · UTILITY',
		]);
		const hindi = await listSearch.searchApprovedTemplates.call(context, 'hi');
		expect(hindi.results.map((r) => r.name)).toEqual(
			expect.arrayContaining(['diwali_offer_hi (hi) · approved · MARKETING', 'otp_signup_hi (hi) · approved · AUTHENTICATION']),
		);
		// A pending template is found by the full list, never by the approved one.
		expect((await listSearch.searchApprovedTemplates.call(context, 'loyalty')).results).toEqual([]);
		expect((await listSearch.searchTemplates.call(context, 'loyalty')).results).toEqual([
			{ name: 'loyalty_points_update (en) · pending · MARKETING', value: ctx.sandbox.fixtures.templates.pending },
		]);
	});

	test('a second page of a search continues where the first stopped', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const first = await listSearch.searchTemplates.call(context, 'e');
		const matching = ctx.sandbox.state.templates.filter((t) =>
			[t.template_name, t.name, t.language, t.status, t.category, t.id].some((v) => String(v).toLowerCase().includes('e')),
		);
		expect(matching.length).toBeGreaterThan(25);
		const second = await listSearch.searchTemplates.call(context, 'e', first.paginationToken);
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(matching.map((t) => t.id));
	});

	test('searchBusinessAccounts offers the accounts the templates use', async () => {
		const result = await listSearch.searchBusinessAccounts.call(loadOptionsContext(ctx.sandbox));
		expect(result.results).toEqual([{ name: '456 (30 templates)', value: '456' }]);
	});

	test("a wrong key is Peach's 401, explained", async () => {
		await expect(
			listSearch.searchTemplates.call(loadOptionsContext(ctx.sandbox, {}, { apiKey: 'wrong' })),
		).rejects.toThrow('Peach did not accept the API key (401: Unauthorized)');
	});
});

describe('Template variables as fields (resource mapper)', () => {
	const ctx = useSandbox();
	const { resourceMapping } = nodeMethods();
	const variablesFor = (templateId, operation = 'send') =>
		resourceMapping.getTemplateVariables.call(
			loadOptionsContext(ctx.sandbox, { resource: 'templateMessage', operation, templateId: locator(templateId) }),
		);

	test('one required field per variable, in order, with the template’s example in the label', async () => {
		const { fields } = await variablesFor(ctx.sandbox.fixtures.templates.approvedWithVariables);
		expect(fields.map((f) => [f.id, f.displayName, f.required, f.type])).toEqual([
			['order_id', 'order_id (e.g. ORD-1001)', true, 'string'],
			['first_name', 'first_name (e.g. John)', true, 'string'],
			['amount', 'amount (e.g. ₹1,200)', true, 'string'],
		]);
		const [request] = ctx.apiRequests();
		expect(request.path).toBe(`/api/v1/whats_app_templates/${ctx.sandbox.fixtures.templates.approvedWithVariables}`);
		expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
	});

	test('a media header adds header_media (and a file name for documents)', async () => {
		const image = await variablesFor(ctx.sandbox.fixtures.templates.approvedImageHeader);
		expect(image.fields.map((f) => f.id)).toEqual(['header_media', 'first_name', 'discount']);
		expect(image.fields[0].displayName).toBe('Header Image (URL or media://…)');
		const document = await variablesFor(ctx.sandbox.fixtures.templates.approvedDocumentHeader);
		expect(document.fields.map((f) => [f.id, f.required])).toEqual([
			['header_media', true],
			['first_name', true],
			['invoice_number', true],
			['header_media_filename', false],
		]);
		const video = await variablesFor(ctx.sandbox.fixtures.templates.approvedVideoHeader);
		expect(video.fields.map((f) => f.id)).toEqual(['header_media']);
	});

	test('for a broadcast no variable is required (values may come per contact)', async () => {
		const { fields } = await variablesFor(ctx.sandbox.fixtures.templates.approvedWithVariables, 'launch');
		expect(fields.every((f) => f.required === false)).toBe(true);
	});

	test('no variables, or no template picked yet, says so', async () => {
		const none = await variablesFor(ctx.sandbox.fixtures.templates.approvedNoVariables);
		expect(none).toEqual({ fields: [], emptyFieldsNotice: 'This template has no variables: there is nothing to fill in.' });
		const unpicked = await variablesFor('');
		expect(unpicked.fields).toEqual([]);
		expect(unpicked.emptyFieldsNotice).toMatch(/Pick a template first/);
	});

	test('Update → Component Texts lists the components with their current text, ready to be added', async () => {
		const id = ctx.sandbox.fixtures.templates.approvedWithVariables;
		const { fields } = await resourceMapping.getTemplateComponents.call(
			loadOptionsContext(ctx.sandbox, { operation: 'update', templateId: locator(id, 'id') }),
		);
		expect(fields.map((f) => [f.id, f.displayName, f.defaultValue, f.removed])).toEqual([
			['1201', 'Header #1201', 'Order {{order_id}} confirmed', true],
			['1202', 'Body #1202', expect.stringMatching(/^Hi \{\{first_name/), true],
			['1203', 'Footer #1203', 'Peach Demo Store', true],
			['1204', 'Button (Track order) #1204', 'https://shop.example.com/track/{{order_id}}', true],
		]);
	});
});
