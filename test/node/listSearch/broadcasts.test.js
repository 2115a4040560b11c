/** The broadcast picker: server-side pages, search text, a second page. */
const { useSandbox } = require('../../harness/peach');
const { loadOptionsContext, nodeMethods } = require('../../harness/node-helpers');

describe('Broadcast picker (list search)', () => {
	const ctx = useSandbox();
	const { listSearch } = nodeMethods();
	const ordered = () =>
		[...ctx.sandbox.state.broadcasts].sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));

	test('pages through Peach 50 at a time: the token is the next page', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const first = await listSearch.searchBroadcasts.call(context);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch.searchBroadcasts.call(context, '', first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		const all = ordered();
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(all.map((b) => b.id));
		const top = all[0];
		expect(first.results[0].name).toBe(`${top.name} (${[top.status, top.launch_time?.slice(0, 10)].filter(Boolean).join(', ')})`);
		expect(ctx.apiRequests().map((r) => r.query)).toEqual([
			{ page: '1', per: '50' },
			{ page: '2', per: '50' },
		]);
		expect(ctx.apiRequests()[0].headers.authorization).toBe(ctx.sandbox.apiKey);
	});

	test('search text filters by name or status, reading on until something matches', async () => {
		const context = loadOptionsContext(ctx.sandbox);
		const all = ordered();
		const secondPageOnly = all
			.slice(50)
			.find((b) => !all.slice(0, 50).some((other) => other.name === b.name));
		expect(secondPageOnly).toBeDefined();
		const found = await listSearch.searchBroadcasts.call(context, secondPageOnly.name.toUpperCase());
		expect(found.results.map((r) => r.value)).toContain(secondPageOnly.id);
		expect(ctx.apiRequests()).toHaveLength(2);

		// All archived broadcasts are older than the first page: the search reads on to page 2.
		ctx.sandbox.clearRequests();
		const archived = await listSearch.searchBroadcasts.call(context, 'Archived');
		expect(archived.results.map((r) => r.value).sort()).toEqual([...ctx.sandbox.fixtures.broadcasts.archived].sort());
		expect(archived.paginationToken).toBeUndefined();
		expect(ctx.apiRequests().map((r) => r.query.page)).toEqual(['1', '2']);

		// Matches on both pages: the first answer stops after page 1 and its token gives page 2.
		const matches = (b) => [b.name, b.status, b.id].some((v) => String(v).toLowerCase().includes('sent'));
		expect(all.slice(0, 50).some(matches) && all.slice(50).some(matches)).toBe(true);
		const first = await listSearch.searchBroadcasts.call(context, 'sent');
		expect(first.results.map((r) => r.value)).toEqual(all.slice(0, 50).filter(matches).map((b) => b.id));
		expect(first.paginationToken).toBe('2');
		const second = await listSearch.searchBroadcasts.call(context, 'sent', first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(all.slice(50).filter(matches).map((b) => b.id));
		expect(second.paginationToken).toBeUndefined();
	});

	test('a search nothing matches ends with no results and no token', async () => {
		const result = await listSearch.searchBroadcasts.call(loadOptionsContext(ctx.sandbox), 'no such broadcast');
		expect(result).toEqual({ results: [] });
		expect(ctx.apiRequests()).toHaveLength(2);
	});
});
