/**
 * The Media picker ("From list"): the requests it makes to the sandbox and what it lists.
 */
const { useSandbox } = require('../../harness/peach');
const { loadOptionsContext, nodeMethods } = require('../../harness/node-helpers');

describe('Media picker', () => {
	const ctx = useSandbox();
	const search = (filter, token) => nodeMethods().listSearch.searchMedias.call(loadOptionsContext(ctx.sandbox), filter, token);

	test('lists the library by file name and media_url, the value being the library ID', async () => {
		const result = await search();
		const [request] = ctx.apiRequests();
		expect(request).toMatchObject({ method: 'GET', path: '/api/v1/medias' });
		expect(request.query).toEqual({ page: '1', per: '100' });
		expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.results).toHaveLength(ctx.sandbox.state.medias.length);
		const first = ctx.sandbox.state.medias.find((media) => media.id === ctx.sandbox.fixtures.media.id);
		expect(result.results).toContainEqual({ name: `${first.filename} (${first.media_url})`, value: String(first.id) });
		expect(result.paginationToken).toBeUndefined();
	});

	test('a search keeps the files whose name contains it', async () => {
		const result = await search('INVOICE');
		expect(result.results.length).toBeGreaterThan(0);
		expect(result.results.every((entry) => entry.name.includes('invoice'))).toBe(true);
	});
});
