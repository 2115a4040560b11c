/**
 * The bound on waiting for Peach's rate limit, through n8n's real engine against the sandbox: with
 * Peach refusing everything, each item fails within Rate Limit Max Wait plus one request's Timeout
 * (all its waiting counted: its turn in the account's pace as well as Retry-After), its error says
 * Peach did not process it, and the next run is not slowed by the one that failed.
 */
const { useSandbox } = require('../harness/peach');
const { locator, mapped } = require('../harness/node-helpers');

jest.setTimeout(120_000);

const phoneOf = (index) => `+9198${String(10_000_000 + index).slice(-8)}`;
const contacts = (count, from = 0) => Array.from({ length: count }, (_, index) => ({ phone: phoneOf(from + index) }));

// Generous slack for a busy 2-core machine: the bounds below are tens of seconds under what failed.
const SLACK_MS = 6_000;
const TIMEOUT_MS = 2_000;

describe('rate-limit waits are bounded', () => {
	const ctx = useSandbox();
	const createContact = (requestOptions = {}) => ({
		resource: 'contact',
		operation: 'create',
		phoneNumber: '={{ $json.phone }}',
		requestOptions,
	});
	const timed = async (work) => {
		const started = Date.now();
		const result = await work();
		return { result, ms: Date.now() - started };
	};

	/** Normal traffic over a 10/s limit, so the account's pace is learned, as in any busy workflow. */
	const learnThePace = async () => {
		ctx.sandbox.setRateLimit({ rate: 10, burst: 10 });
		const warm = await ctx.run(createContact(), { items: contacts(40, 500) });
		expect(warm.error).toBeUndefined();
		// Refused at least once, here or in an earlier test of this file (the account's limiter is shared).
		expect(ctx.sandbox.stats().accepted).toBe(40);
		ctx.sandbox.reset();
	};

	test('20 items with Max Wait 5 s against a Peach refusing everything fail within 5 s + Timeout, and the next run is not slowed', async () => {
		await learnThePace();
		ctx.sandbox.fault('*', { status: 429, retryAfter: 1 });
		const maxWaitMs = 5_000;
		const failing = await timed(() =>
			ctx.run(createContact({ rateLimitMaxWait: maxWaitMs / 1000, timeout: TIMEOUT_MS }), {
				items: contacts(20),
				continueOnFail: true,
			}),
		);
		expect(failing.result.error).toBeUndefined();
		expect(failing.result.output).toHaveLength(20);
		failing.result.output.forEach((item, index) => {
			expect(item.error.message).toMatch(/rate limit/);
			expect(item.error.message).toMatch(new RegExp(`\\[item ${index}\\]$`));
			expect(item.error.description).toMatch(/Peach did not process this item/);
		});
		expect(failing.ms).toBeLessThan(maxWaitMs + TIMEOUT_MS + SLACK_MS);
		// Peach saw only contact creates, each refused: nothing was created.
		const refused = ctx.apiRequests();
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.every((r) => r.method === 'POST' && r.path === '/api/v1/contacts' && r.status === 429)).toBe(true);

		// The fault lifted: the next run goes at the pace Peach allowed before, not at a crawl.
		ctx.sandbox.reset();
		const next = await timed(() => ctx.run(createContact(), { items: contacts(5, 100) }));
		expect(next.result.error).toBeUndefined();
		expect(next.result.items).toHaveLength(5);
		expect(ctx.apiRequests().map((r) => [r.method, r.path, r.status])).toEqual(
			Array.from({ length: 5 }, () => ['POST', '/api/v1/contacts', 201]),
		);
		expect(next.ms).toBeLessThan(5_000);
	});

	describe('Broadcast → Launch x10 with a 429 on every request', () => {
		const launch = (requestOptions) => ({
			resource: 'broadcast',
			operation: 'launch',
			name: 'July promo',
			templateId: locator(ctx.sandbox.fixtures.templates.approvedNoVariables),
			recipients: 'audience',
			audienceId: 'aud_42',
			requestOptions,
		});
		const maxWaitMs = 3_000;
		const options = { rateLimitMaxWait: maxWaitMs / 1000, timeout: TIMEOUT_MS };
		const expectOnlyRefusedLaunches = () => {
			const requests = ctx.apiRequests();
			expect(requests.length).toBeGreaterThan(0);
			for (const request of requests) {
				expect([request.method, request.path, request.status, request.body.event_type]).toEqual(['POST', '/api/v1/events', 429, 'send_broadcast']);
			}
		};

		test('with Continue on Fail: 10 error items within Max Wait + Timeout, each saying Peach did not process it', async () => {
			await learnThePace();
			ctx.sandbox.fault('*', { status: 429, retryAfter: 1 });
			const { result, ms } = await timed(() =>
				ctx.run(launch(options), { items: Array.from({ length: 10 }, () => ({})), continueOnFail: true }),
			);
			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(10);
			result.output.forEach((item, index) => {
				expect(item.error.message).toMatch(/rate limit.*\[item \d+\]$/);
				expect(item.error.description).toMatch(/Peach did not process this item, so running it again sends nothing twice/);
				expect(item.pairedItem).toEqual({ item: index });
			});
			expect(ms).toBeLessThan(maxWaitMs + TIMEOUT_MS + SLACK_MS);
			// Peach received only launches, and refused each: nothing was launched.
			expectOnlyRefusedLaunches();
		});

		test('without it: the run stops with that error, within the same bound', async () => {
			await learnThePace();
			ctx.sandbox.fault('*', { status: 429, retryAfter: 1 });
			const { result, ms } = await timed(() =>
				ctx.run(launch(options), { items: Array.from({ length: 10 }, () => ({})) }),
			);
			expect(result.error.message).toMatch(/rate limit.*\[item 0\]$/);
			expect(result.error.description).toMatch(/Peach did not process this item/);
			expect(ms).toBeLessThan(maxWaitMs + TIMEOUT_MS + SLACK_MS);
			expectOnlyRefusedLaunches();
		});
	});
	test('Return All: the wait is counted over all pages, so the item fails within Max Wait + Timeout', async () => {
		// Pages 2 and 3 are each refused twice, a second each time: 4 s in all, 2 s per page.
		for (const page of ['2', '3']) {
			ctx.sandbox.fault('GET /api/v1/conversations', { status: 429, retryAfter: 1, times: 2, query: { page } });
		}
		const maxWaitMs = 3_000;
		const { result, ms } = await timed(() =>
			ctx.run({
				resource: 'conversation',
				operation: 'getAll',
				returnAll: true,
				requestOptions: { rateLimitMaxWait: maxWaitMs / 1000, timeout: TIMEOUT_MS },
			}),
		);
		expect(result.error.message).toMatch(/^Peach kept refusing this request for its rate limit \(429.*\[item 0\]$/);
		expect(result.error.description).toMatch(/Peach did not process this item, so running it again sends nothing twice/);
		expect(ms).toBeLessThan(maxWaitMs + TIMEOUT_MS + SLACK_MS);
		// Page 3 was not waited for past the bound: refused once, then the item stopped.
		expect(ctx.apiRequests().map((r) => [r.method, r.path, r.query.page, r.status])).toEqual([
			['GET', '/api/v1/conversations', '1', 200],
			['GET', '/api/v1/conversations', '2', 429],
			['GET', '/api/v1/conversations', '2', 429],
			['GET', '/api/v1/conversations', '2', 200],
			['GET', '/api/v1/conversations', '3', 429],
		]);
	});

	test('Send with Wait for Delivery: when the status reads are refused, the error says the message was already sent', async () => {
		ctx.sandbox.fault('GET /api/v1/events/:id', { status: 429, retryAfter: 1 });
		const maxWaitMs = 2_000;
		const { result, ms } = await timed(() =>
			ctx.run({
				resource: 'templateMessage',
				operation: 'send',
				phoneNumber: '+919988776655',
				templateId: locator(ctx.sandbox.fixtures.templates.approvedWithVariables),
				templateVariables: mapped({ order_id: 'ORD-77', first_name: 'John', amount: '₹1,200' }),
				waitForDelivery: true,
				waitTimeout: 30,
				requestOptions: { rateLimitMaxWait: maxWaitMs / 1000, timeout: TIMEOUT_MS },
			}),
		);
		expect(result.error.message).toMatch(/rate limit.*\[item 0\]$/);
		expect(result.error.description).toMatch(
			/^Peach did not process this request, but it had already sent the message for this item, and running the item again would do that again: check with Template Message → Get Status \/ Get Many instead\./,
		);
		expect(result.error.description).not.toMatch(/sends nothing twice/);
		expect(ms).toBeLessThan(maxWaitMs + TIMEOUT_MS + SLACK_MS);
		const requests = ctx.apiRequests();
		expect(requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.status])).toEqual([['/api/v1/events', 200]]);
		expect(requests.filter((r) => r.method === 'GET' && r.route === 'GET /api/v1/events/:id').every((r) => r.status === 429)).toBe(true);
	});
});
