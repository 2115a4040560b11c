/**
 * Sends at scale, through n8n's real engine against the sandbox: every item reaches Peach exactly
 * once whatever Peach answers, 429s are waited out and resent, creates are never resent after a
 * 5xx, a timeout or a reset, reads are, the template is read once per run, a user's expression is
 * evaluated once per item, and one limiter paces every execution of one account.
 */
const { useSandbox } = require('../harness/peach');
const { locator, mapped } = require('../harness/node-helpers');

jest.setTimeout(120_000);

const phoneOf = (index) => `+9199${String(10_000_000 + index).slice(-8)}`;
const recipients = (count) => Array.from({ length: count }, (_, index) => ({ phone: phoneOf(index), name: `Customer ${index}` }));

describe('sends at scale', () => {
	const ctx = useSandbox();
	const templateId = () => ctx.sandbox.fixtures.templates.approvedWithVariables;
	// The way a no-code user maps a sheet: phone and variables by expression.
	const sendFromItems = (extra = {}) => ({
		resource: 'templateMessage',
		operation: 'send',
		phoneNumber: '={{ $json.phone }}',
		templateId: locator(templateId()),
		templateVariables: mapped({ first_name: '={{ $json.name }}', order_id: 'ORD-1', amount: '₹10' }),
		...extra,
	});
	const sends = () => ctx.apiRequests().filter((r) => r.method === 'POST' && r.path === '/api/v1/events');

	test('100 sends under a 10/s rate limit: every item sent once, none failed, no duplicate', async () => {
		ctx.sandbox.setRateLimit({ rate: 10, burst: 10 });
		const result = await ctx.run(sendFromItems(), { items: recipients(100) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(100);
		expect(result.output.every((item) => !item.error)).toBe(true);
		const stats = ctx.sandbox.stats();
		expect(stats.sends).toBe(100);
		expect(stats.recipients).toBe(100);
		expect(stats.duplicates).toBe(0);
		// The limit was really hit, so the node had to find it.
		expect(stats.refused).toBeGreaterThan(0);
		// Each output item is the answer to its own input item.
		expect(result.output.map((item) => item.pairedItem)).toEqual(recipients(100).map((_, item) => ({ item })));
	});

	test('a 429 with Retry-After is waited out and that request alone is sent again', async () => {
		ctx.sandbox.fault('POST /api/v1/events', { status: 429, retryAfter: 1, times: 2 });
		const result = await ctx.run(sendFromItems(), { items: recipients(3) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		const posts = sends();
		expect(posts.filter((r) => r.status === 429)).toHaveLength(2);
		expect(ctx.sandbox.stats()).toMatchObject({ sends: 3, duplicates: 0 });
		// The refused requests went again only after the second Peach asked for.
		const refused = posts.find((r) => r.status === 429);
		const again = posts.find((r) => r.at > refused.at && r.body.contact.phone_number === refused.body.contact.phone_number);
		expect(again.at - refused.at).toBeGreaterThanOrEqual(950);
	});

	test('a 429 without Retry-After is resent after a growing back-off', async () => {
		ctx.sandbox.fault('POST /api/v1/events', { status: 429, retryAfter: null, body: { reason: 'Too many requests' }, times: 3 });
		const result = await ctx.run(sendFromItems(), { items: recipients(1) });
		expect(result.error).toBeUndefined();
		const posts = sends();
		expect(posts.map((r) => r.status)).toEqual([429, 429, 429, 200]);
		const gaps = posts.slice(1).map((r, i) => r.at - posts[i].at);
		expect(gaps[2]).toBeGreaterThan(gaps[0]);
		expect(ctx.sandbox.stats()).toMatchObject({ sends: 1, duplicates: 0 });
	});

	test('past the bound a 429 fails the item, saying Peach did not process it and how long it waited', async () => {
		ctx.sandbox.fault('POST /api/v1/events', { status: 429, retryAfter: 1 });
		const result = await ctx.run(sendFromItems({ requestOptions: { rateLimitRetries: 2 } }), {
			items: recipients(1),
		});
		expect(result.error.message).toMatch(/^Peach kept refusing this request for its rate limit \(429.*after waiting 2 s \[item 0\]$/);
		expect(result.error.description).toMatch(/Peach did not process this item, so running it again sends nothing twice/);
		expect(result.error.description).not.toMatch(/Retry On Fail/);
		expect(sends()).toHaveLength(3);
	});

	test.each([
		['a 500', { status: 500 }, /^Peach is failing to answer \(500/],
		['a timeout', { delayMs: 1500 }, /^Peach did not answer within 1 s/],
		['a connection reset', { reset: true }, /^The connection to Peach broke/],
	])('%s on a send is never resent, and the error item says the message may have been sent', async (_, fault, message) => {
		ctx.sandbox.fault('POST /api/v1/events', { ...fault, times: 1 });
		const result = await ctx.run(sendFromItems({ requestOptions: { timeout: 1000 } }), {
			items: recipients(3),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const failed = result.output.filter((item) => item.error);
		expect(failed).toHaveLength(1);
		const [{ error }] = failed;
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item \d\]$/);
		expect(error.description).toMatch(/Peach may have sent the message: check with Template Message → Get Status \/ Get Many before sending again/);
		expect(error.description).toMatch(/This node did not resend it, and does not on Retry On Fail either/);
		// Three items, three send requests: the failed one was not sent again.
		expect(sends()).toHaveLength(3);
	});

	test('a 500 on a refund is never resent either', async () => {
		const orderId = ctx.sandbox.fixtures.orders.completed;
		ctx.sandbox.fault(`POST /api/v1/orders/:id/refunds`, { status: 500, times: 1 });
		const result = await ctx.run({ resource: 'order', operation: 'refund', orderId, amount: 100 });
		expect(result.error.message).toMatch(/^Peach is failing to answer \(500/);
		expect(result.error.description).toMatch(/Peach may have created the refund: check with Order → Get/);
		expect(ctx.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	test('a read after a 503 is tried again and succeeds', async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', { status: 503, times: 2 });
		const result = await ctx.run({ resource: 'conversation', operation: 'getAll', limit: 2 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(ctx.apiRequests().map((r) => r.status)).toEqual([503, 503, 200]);
	});

	test('the template is read once for 50 items, not once per item', async () => {
		// Variables as JSON: the node must read the template to know which variables it needs.
		const result = await ctx.run(
			sendFromItems({
				templateVariables: undefined,
				variablesInput: 'json',
				variablesJson: '={{ JSON.stringify({ first_name: $json.name, order_id: "ORD-1", amount: "₹10" }) }}',
			}),
			{ items: recipients(50) },
		);
		expect(result.error).toBeUndefined();
		const reads = ctx.apiRequests().filter((r) => r.method === 'GET');
		expect(reads.map((r) => r.path)).toEqual([`/api/v1/whats_app_templates/${templateId()}`]);
		expect(sends()).toHaveLength(50);
	});

	test('the phone expression is evaluated once per item', async () => {
		const evaluations = [];
		const result = await ctx.run(sendFromItems(), {
			items: recipients(20),
			onExpression: (expression) => expression.includes('$json.phone') && evaluations.push(expression),
		});
		expect(result.error).toBeUndefined();
		// The type check and the operation read the phone with different fallbacks; one evaluation serves both.
		expect(evaluations).toHaveLength(20);
	});

	test('one limiter paces two executions of one account running at once', async () => {
		// Slow answers keep requests open, so the sandbox sees how many the package sends at once.
		ctx.sandbox.setLatency(200);
		const items = recipients(40);
		// Another address of the same sandbox: an account whose limit nothing has learned yet.
		const credentials = { apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url.replace('127.0.0.1', 'localhost') };
		const [first, second] = await Promise.all([
			ctx.run(sendFromItems(), { items: items.slice(0, 20), credentials }),
			ctx.run(sendFromItems(), { items: items.slice(20), credentials }),
		]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const stats = ctx.sandbox.stats();
		expect(stats).toMatchObject({ sends: 40, duplicates: 0 });
		// 16 requests in flight per account (MAX_IN_FLIGHT); two limiters would have allowed 32.
		expect(stats.maxInFlight).toBeGreaterThan(8);
		expect(stats.maxInFlight).toBeLessThanOrEqual(16);
	});

	test('a failure among many says how many Peach had accepted and how to keep them', async () => {
		const items = recipients(10);
		items[6].phone = '+91 99'; // too short: an input error, after six sends went out
		const result = await ctx.run(sendFromItems(), { items, nodeSettings: {} });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/Phone Number.*\[item 6\]/);
		expect(result.error.description).toMatch(/Peach had already accepted \d+ of the 10 items of this node in this run/);
		expect(result.error.description).toMatch(/Continue \(using error output\)/);
		// Nothing was sent twice, and the bad item was never sent.
		expect(ctx.sandbox.stats().duplicates).toBe(0);
		expect(sends().some((r) => r.body.contact.phone_number === '+9199')).toBe(false);
	});

	test('the user’s own Batching still spaces the items, and nothing else slows them down', async () => {
		const before = Date.now();
		const result = await ctx.run(
			sendFromItems({ requestOptions: { batching: { batch: { batchSize: 5, batchInterval: 800 } } } }),
			{ items: recipients(10) },
		);
		expect(result.error).toBeUndefined();
		const posts = sends().sort((a, b) => a.at - b.at);
		expect(posts).toHaveLength(10);
		// The second batch of five cannot start before one interval has passed since the run began.
		expect(posts[5].at - before).toBeGreaterThanOrEqual(800);
		expect(ctx.sandbox.stats().refused).toBe(0);
	});
});
