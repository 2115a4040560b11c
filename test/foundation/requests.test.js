/**
 * What every operation shares, proven through n8n's real engine against the sandbox: the
 * credential's header, error mapping, pagination and "continue on fail".
 */
const { useSandbox, runNode } = require('../harness/peach');

const listConversations = (extra = {}) => ({
	resource: 'conversation',
	operation: 'getAll',
	...extra,
});

describe('credential', () => {
	const ctx = useSandbox();

	test('sends the raw API key in Authorization, with no Bearer prefix', async () => {
		const result = await ctx.run(listConversations({ limit: 1 }));
		expect(result.error).toBeUndefined();
		const [request] = ctx.apiRequests();
		expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(request.headers.accept).toBe('application/json');
	});

	test('tolerates a trailing slash on the Base URL', async () => {
		const result = await ctx.run(listConversations({ limit: 1 }), {
			credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: `${ctx.sandbox.url}/` },
		});
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].path).toBe('/api/v1/conversations');
	});

	test('a wrong key fails with advice and never shows the key', async () => {
		const badKey = 'pk_live_wrong_key_1234567890';
		const result = await ctx.run(listConversations({ limit: 1 }), {
			credentials: { apiKey: badKey, baseUrl: ctx.sandbox.url },
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Peach did not accept the API key (401: Unauthorized) [item 0]');
		expect(result.error.description).toMatch(/copy the API key again from the Peach dashboard/);
		expect(result.error.httpCode).toBe('401');
		const everything = JSON.stringify({ ...result.error, message: result.error.message, stack: result.error.stack });
		expect(everything).not.toContain(badKey);
		expect(ctx.apiRequests()[0].headers.authorization).toBe(badKey);
	});

	// The credential's Test button: test/hardening/base-url.test.js.
});

describe('errors', () => {
	const ctx = useSandbox();

	test("a 422 carries the field Peach named, flattened from Peach's nested reason", async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', {
			status: 422,
			body: { status: 'failed', reason: { contact: { phone_number: ['is invalid'] } } },
		});
		const result = await ctx.run(listConversations({ limit: 1 }));
		expect(result.error.message).toBe('Peach rejected the request (422): contact.phone_number is invalid [item 0]');
		expect(result.error.description).toMatch(/Correct the parameter of that name/);
	});

	test('a 429 that outlasts Rate Limit Max Wait fails, saying Peach did not process it and what to raise', async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', { status: 429, retryAfter: 7 });
		const result = await ctx.run(listConversations({ limit: 1, requestOptions: { rateLimitMaxWait: 5 } }));
		expect(result.error.message).toMatch(/^Peach kept refusing this request for its rate limit \(429.*after waiting 0 s \[item 0\]$/);
		expect(result.error.description).toMatch(/Peach did not process this item, so running it again sends nothing twice/);
		expect(result.error.description).toMatch(/Rate Limit Retries and Rate Limit Max Wait/);
		// Waiting 7 s would pass the 5 s bound, so it was not sent again.
		expect(ctx.apiRequests()).toHaveLength(1);
	});

	test('a 500 on a read is tried again, then says Peach is failing and to retry later', async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', { status: 500 });
		const result = await ctx.run(listConversations({ limit: 1 }));
		expect(result.error.message).toBe('Peach is failing to answer (500: Internal server error) [item 0]');
		expect(result.error.description).toMatch(/the node already tried again\. Retry later/);
		expect(ctx.apiRequests()).toHaveLength(4);
	});

	test('a plain-text error body is quoted as it is', async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', { status: 503, body: 'upstream timed out' });
		const result = await ctx.run(listConversations({ limit: 1 }));
		expect(result.error.message).toBe('Peach is failing to answer (503: upstream timed out) [item 0]');
	});

	test('continue on fail turns each failed item into an error item and the run goes on', async () => {
		const result = await runNode({
			parameters: listConversations({ limit: 1 }),
			credentials: { apiKey: 'wrong', baseUrl: ctx.sandbox.url },
			items: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(2);
		result.output.forEach((item, index) => {
			expect(item.json.error).toBe(`Peach did not accept the API key (401: Unauthorized) [item ${index}]`);
		});
	});
});

describe('pagination', () => {
	const ctx = useSandbox();

	test('Return All follows next over 3 pages, keeps every filter on every page, and returns each record once', async () => {
		const since = '2000-01-01T00:00:00.000Z';
		const result = await ctx.run(
			listConversations({ returnAll: true, filters: { updatedSince: since, activitySince: since } }),
		);
		expect(result.error).toBeUndefined();
		const total = ctx.sandbox.state.conversations.length;
		expect(total).toBeGreaterThan(2000);
		const ids = result.items.map((conversation) => conversation.id);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(Math.ceil(total / 1000));
		requests.forEach((request, index) => {
			expect(request.query).toEqual({
				updated_since: since,
				activity_since: since,
				page: String(index + 1),
				per: '1000',
			});
		});
	});

	test('Limit asks for exactly that many in one request and sends no unset filter', async () => {
		const result = await ctx.run(listConversations({ limit: 7 }));
		expect(result.items).toHaveLength(7);
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ page: '1', per: '7' });
	});

	test('Additional Query Parameters (JSON) reach every page next to the filters', async () => {
		// A filter that keeps more than 1000 conversations, so the list really spans several pages.
		const result = await ctx.run(
			listConversations({
				returnAll: true,
				filters: { escalated: false },
				additionalQueryParameters: '{"sort": "updated_at", "include": "contact"}',
			}),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests.length).toBeGreaterThan(1);
		requests.forEach((request, index) => {
			expect(request.query).toEqual({
				escalated: 'false',
				sort: 'updated_at',
				include: 'contact',
				page: String(index + 1),
				per: '1000',
			});
		});
		const expected = ctx.sandbox.state.conversations.filter((conversation) => conversation.escalated === false);
		expect(result.items.map((item) => item.id).sort()).toEqual(expected.map((item) => item.id).sort());
	});

	test('invalid Additional Query Parameters (JSON) fail before anything is sent', async () => {
		const result = await ctx.run(listConversations({ limit: 1, additionalQueryParameters: '{status: open}' }));
		expect(result.error.message).toMatch(/^Additional Query Parameters \(JSON\): is not valid JSON/);
		expect(result.error.message).toContain('[item 0]');
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('a next link that never ends stops at the page cap with a clear error', async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', {
			status: 200,
			body: { count: 1, conversations: [{ id: 1 }], next: '/api/v1/conversations?cursor=again', prev: null },
		});
		const result = await ctx.run(listConversations({ returnAll: true }));
		expect(result.error.message).toMatch(/^Stopped after 500 pages of conversations/);
		expect(ctx.apiRequests()).toHaveLength(500);
	});
});
