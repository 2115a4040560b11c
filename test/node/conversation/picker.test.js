/**
 * The Conversation picker ("From list"): the requests it makes to the sandbox and what it lists.
 */
const { useSandbox } = require('../../harness/peach');
const { loadOptionsContext, nodeMethods } = require('../../harness/node-helpers');

describe('Conversation picker', () => {
	const ctx = useSandbox();
	const search = (filter, token) =>
		nodeMethods().listSearch.searchConversations.call(loadOptionsContext(ctx.sandbox), filter, token);

	test('lists the latest conversations 100 at a time, with the subscriber (contact) and the status', async () => {
		const first = await search();
		expect(ctx.apiRequests()[0]).toMatchObject({ method: 'GET', path: '/api/v1/conversations' });
		expect(ctx.apiRequests()[0].query).toEqual({ page: '1', per: '100' });
		expect(ctx.apiRequests()[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(first.results).toHaveLength(100);
		expect(first.results).toContainEqual({ name: 'John Doe +919988776655 (#1001, open)', value: '1001' });
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken);
		expect(ctx.apiRequests()[1].query).toEqual({ page: '2', per: '100' });
		expect(second.results[0].value).not.toBe(first.results[0].value);
	});

	test("a search that looks like a phone number asks Peach for that contact's conversations", async () => {
		const result = await search('+91 99887 76655');
		expect(ctx.apiRequests()[0].query).toEqual({ page: '1', per: '100', phone_number: '+919988776655' });
		expect(result.results).toEqual([{ name: 'John Doe +919988776655 (#1001, open)', value: '1001' }]);
		expect(result.paginationToken).toBeUndefined();
	});

	test("a conversation in the older shape (contact instead of subscriber) still shows the contact", async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', {
			status: 200,
			times: 1,
			body: { count: 1, next: null, prev: null, conversations: [{ id: 7, status: 'closed', contact: { name: 'Ada Lovelace', phone_number: '+14155550100' } }] },
		});
		expect((await search('ada')).results).toEqual([{ name: 'Ada Lovelace +14155550100 (#7, closed)', value: '7' }]);
	});

	test('other text filters the page by contact name', async () => {
		const result = await search('john');
		expect(ctx.apiRequests()[0].query).toEqual({ page: '1', per: '100' });
		expect(result.results.length).toBeGreaterThan(0);
		expect(result.results.every((entry) => entry.name.toLowerCase().includes('john'))).toBe(true);
	});
});
