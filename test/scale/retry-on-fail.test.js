/**
 * n8n's Retry On Fail runs the whole node again, all items, when it fails. Through n8n's real
 * engine (WorkflowExecute's retry loop) against the sandbox: a create that reached Peach on an
 * earlier try is never sent again. An item Peach accepted keeps its earlier output; an item whose
 * outcome is unknown (5xx, timeout, reset) fails with an error saying it was not sent again; an
 * item Peach did not process (429, a 4xx refusal) is sent on the next try.
 */
const { useSandbox } = require('../harness/peach');
const { locator, mapped } = require('../harness/node-helpers');
const { makePng } = require('../fixtures/files');
const { runTool } = require('../harness/tool');

jest.setTimeout(120_000);

/** n8n treats waitBetweenTries 0 as its default of 1 s; 10 ms keeps the tries close. */
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };
const ITEMS = 50;
const phoneOf = (index) => `+9199${String(10_000_000 + index).slice(-8)}`;
const numbered = (count = ITEMS) => Array.from({ length: count }, (_, n) => ({ n, phone: phoneOf(n), name: `Customer ${n}` }));
const PNG = makePng(8, 8);
const pngItems = () =>
	numbered().map((item) => ({
		json: item,
		binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: `photo-${item.n}.png` } },
	}));

/** How many requests of one kind reached Peach per item key, 429s (not processed) left out. */
function countsByKey(requests, route, keyOf) {
	const counts = new Map();
	for (const request of requests) {
		if (request.route !== route || request.status === 429) continue;
		const key = keyOf(request);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

const expectEachOnce = (counts, total = ITEMS) => {
	expect(counts.size).toBe(total);
	expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
};

describe('Retry On Fail never sends a create twice', () => {
	const ctx = useSandbox();
	const fixtures = () => ctx.sandbox.fixtures;

	/** One operation under test: its create route, its parameters, the item key of a create, what it may have done. */
	const operation = (name, route, parameters, keyOf, may, more = {}) => ({ name, route, parameters, keyOf, may, items: numbered, ...more });
	const operations = [
		operation(
			'Template Message → Send',
			'POST /api/v1/events',
			() => ({
				resource: 'templateMessage',
				operation: 'send',
				phoneNumber: '={{ $json.phone }}',
				templateId: locator(fixtures().templates.approvedWithVariables),
				templateVariables: mapped({ first_name: '={{ $json.name }}', order_id: 'ORD-1', amount: '₹10' }),
			}),
			(request) => request.body.contact.phone_number,
			/Peach may have sent the message/,
		),
		operation(
			'Broadcast → Launch',
			'POST /api/v1/events',
			() => ({
				resource: 'broadcast',
				operation: 'launch',
				name: '={{ "Promo " + $json.n }}',
				templateId: locator(fixtures().templates.approvedNoVariables),
				recipients: 'audience',
				audienceId: 'aud_42',
			}),
			(request) => request.body.broadcast.name,
			/Peach may have launched the broadcast/,
		),
		operation(
			'Media → Upload (the finalize fails; the direct upload is not made again either)',
			'POST /api/v1/medias/finalize',
			() => ({ resource: 'media', operation: 'upload' }),
			(request) => request.body.signed_id,
			/Peach may have stored the media/,
			{
				items: pngItems,
				alsoOnce: { route: 'POST /api/v1/medias/direct_uploads', keyOf: (request) => request.body.blob.filename },
			},
		),
		operation(
			'Order → Refund',
			'POST /api/v1/orders/:id/refunds',
			// One unit each, so 50 refunds fit the order; the notes tell the items apart.
			() => ({ resource: 'order', operation: 'refund', orderId: fixtures().orders.completed, refund: 'partial', amount: 1,
				additionalBodyFields: '={{ JSON.stringify({ notes: { item: $json.n } }) }}' }),
			(request) => request.body.notes.item,
			/Peach may have created the refund/,
		),
		operation(
			'Automation → Run for Contact',
			'POST /api/v1/streams/:id/events',
			() => ({ resource: 'automation', operation: 'runForContact', automationId: locator(fixtures().automations.published),
				contactPhoneNumber: '={{ $json.phone }}' }),
			(request) => request.body.contact.phone_number,
			/Peach may have started the automation for this contact/,
		),
	];

	test.each(operations.map((tested) => [tested.name, tested]))(
		'%s: a 500 on the 25th of 50 creates, 3 tries: each item reached Peach once, the uncertain one is not sent again',
		async (_, tested) => {
			ctx.sandbox.fault(tested.route, { status: 500, times: 1, skip: 24 });
			const result = await ctx.run(tested.parameters(), { items: tested.items(), nodeSettings: RETRY });
			const requests = ctx.apiRequests();
			expectEachOnce(countsByKey(requests, tested.route, tested.keyOf));
			if (tested.alsoOnce) {
				expectEachOnce(countsByKey(requests, tested.alsoOnce.route, tested.alsoOnce.keyOf));
				// Finished items are given again without a second storage upload; only the uncertain one
				// repeats its (idempotent) upload to the same storage URL on each retry.
				expect(ctx.sandbox.storageUploads.length).toBeLessThanOrEqual(ITEMS + 2);
			}
			// The last try's error is about the item whose create got the 500, and says it was not resent.
			const failed = requests.find((request) => request.route === tested.route && request.status === 500);
			expect(failed).toBeDefined();
			expect(result.error.message).toMatch(
				/^Not sent again: this item was sent to Peach on an earlier try of this node, and Peach answered 500 \[item \d+\]$/,
			);
			expect(result.error.description).toMatch(tested.may);
			expect(result.error.description).toMatch(/Retry On Fail ran the node again/);
			expect(result.error.description).not.toMatch(/Retry On Fail would send it again/);
		},
	);

	const sendParameters = (extra = {}) => ({ ...operations[0].parameters(), ...extra });
	const sendsByPhone = () => countsByKey(ctx.apiRequests(), 'POST /api/v1/events', (request) => request.body.contact.phone_number);

	test.each([
		['a timeout (Peach processed it late)', { delayMs: 1500 }, /and Peach did not answer in time \[item \d+\]$/],
		['a connection reset', { reset: true }, /and the connection broke before Peach answered \[item \d+\]$/],
		['an answer that is not JSON', { malformed: true }, /and Peach’s answer could not be read \[item \d+\]$/],
	])('Send: %s on the 25th of 50 sends is not sent again on the retry', async (_, fault, message) => {
		ctx.sandbox.fault('POST /api/v1/events', { ...fault, times: 1, skip: 24 });
		const result = await ctx.run(sendParameters({ requestOptions: { timeout: 1000 } }), {
			items: numbered(),
			nodeSettings: RETRY,
		});
		expectEachOnce(sendsByPhone());
		expect(ctx.sandbox.stats().duplicates).toBe(0);
		expect(result.error.message).toMatch(/^Not sent again: this item was sent to Peach on an earlier try of this node/);
		expect(result.error.message).toMatch(message);
		expect(result.error.description).toMatch(/Peach may have sent the message/);
	});

	test.each([
		['a 429 given up', { status: 429, retryAfter: 1 }, { rateLimitRetries: 0 }],
		['a 422 refusal', { status: 422, body: { status: 'failed', reason: 'try later' } }, {}],
		[
			'a 429 given up with one item at a time (the items after it never started)',
			{ status: 429, retryAfter: 1 },
			{ rateLimitRetries: 0, batching: { batch: { batchSize: 1, batchInterval: 0 } } },
		],
	])('Send: %s is not processed, so the retry sends that item again; the others keep their earlier output', async (_, fault, requestOptions) => {
		ctx.sandbox.fault('POST /api/v1/events', { ...fault, times: 1, skip: 24 });
		const result = await ctx.run(sendParameters({ requestOptions }), { items: numbered(), nodeSettings: RETRY });
		expect(result.error).toBeUndefined();
		const accepted = ctx.apiRequests().filter((request) => request.route === 'POST /api/v1/events' && request.status < 300);
		expect(accepted).toHaveLength(ITEMS);
		// The refused item went twice (refused, then accepted); every other once.
		const counts = countsByKey(ctx.apiRequests(), 'POST /api/v1/events', (request) => request.body.contact.phone_number);
		expect([...counts.values()].sort()).toEqual([...Array(ITEMS - 1).fill(1), fault.status === 429 ? 1 : 2]);
		expect(ctx.sandbox.stats().duplicates).toBe(0);
		// Each item's output is the event Peach created for that item.
		expect(result.output).toHaveLength(ITEMS);
		expect(result.output.map((item) => item.pairedItem)).toEqual(numbered().map((_, item) => ({ item })));
		const eventIds = result.items.map((json) => json.event_id);
		expect(new Set(eventIds).size).toBe(ITEMS);
		const events = ctx.sandbox.state.events.filter((event) => eventIds.includes(event.id));
		expect(events).toHaveLength(ITEMS);
	});

	test('Send whose Retry Until is built from $now: the retry\'s request differs, and is still not sent again', async () => {
		ctx.sandbox.fault('POST /api/v1/events', { status: 500, times: 1, skip: 24 });
		const result = await ctx.run(
			sendParameters({ additionalFields: { retryUntil: '={{ $now.plus({ days: 1 }).toISO() }}' } }),
			{ items: numbered(), nodeSettings: RETRY },
		);
		expectEachOnce(sendsByPhone());
		expect(result.error.message).toMatch(
			/^Not sent again: this item was sent to Peach on an earlier try of this node, and this try’s request differs from the one sent then \(an expression that gives another value on each try, such as \$now, changes it\) \[item \d+\]$/,
		);
	});

	test('Send with Continue On Fail: n8n retries when the first item failed; the others keep their output, none sent twice', async () => {
		// One item at a time, so the first send (item 0's) is the one that fails.
		ctx.sandbox.fault('POST /api/v1/events', { status: 500, times: 1 });
		const result = await ctx.run(
			sendParameters({ requestOptions: { batching: { batch: { batchSize: 1, batchInterval: 0 } } } }),
			{ items: numbered(), nodeSettings: RETRY, continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expectEachOnce(sendsByPhone());
		expect(result.output).toHaveLength(ITEMS);
		const [first, ...rest] = result.output;
		expect(first.json.error).toMatch(/^Not sent again: this item was sent to Peach on an earlier try of this node, and Peach answered 500 \[item 0\]$/);
		expect(rest.every((item) => !item.json.error && /^evt_/.test(item.json.event_id))).toBe(true);
		expect(new Set(rest.map((item) => item.json.event_id)).size).toBe(ITEMS - 1);
	});

	test('Send with Wait for Delivery: an item whose delivery failed waits again on the retry, but is not sent again', async () => {
		ctx.sandbox.setDeliveryPlan(phoneOf(1), { statuses: ['failed'], failureMessage: 'Number not on WhatsApp' });
		const result = await ctx.run(sendParameters({ waitForDelivery: true, pollInterval: 0.5 }), {
			items: numbered(3),
			nodeSettings: RETRY,
		});
		expect(result.error.message).toBe('Peach could not deliver the message: Number not on WhatsApp [item 1]');
		expectEachOnce(sendsByPhone(), 3);
		// Item 1's status was read on each of the 3 tries; items 0 and 2 finished on the first.
		const polls = ctx.apiRequests().filter((request) => request.route === 'GET /api/v1/events/:id');
		const { state } = ctx.sandbox;
		const messageOf = (event) => state.templateMessages.find((message) => message.id === event._message_id);
		const failedEvent = state.events.find((event) => messageOf(event)?.phone_number === phoneOf(1));
		const pollsByEvent = countsByKey(polls, 'GET /api/v1/events/:id', (request) => request.path.split('/').pop());
		expect(pollsByEvent.get(failedEvent.id)).toBe(3);
		// The delivered items were answered from the first try: their status was not read again.
		const deliveredPolls = [...pollsByEvent.entries()].filter(([id]) => id !== failedEvent.id).map(([, count]) => count);
		expect(deliveredPolls).toHaveLength(2);
		expect(deliveredPolls[0]).toBe(deliveredPolls[1]);
		expect(deliveredPolls[0]).toBeLessThan(4);
	});

	describe('as an AI Agent tool (n8n retries a tool call under a new run index)', () => {
		const toolSend = (calls, fault) => {
			if (fault) ctx.sandbox.fault('POST /api/v1/events', { ...fault, times: 1 });
			return runTool({
				parameters: {
					resource: 'templateMessage',
					operation: 'send',
					toolAllowedOperations: ['read', 'send'],
					toolAllowedTemplates: [fixtures().templates.approvedNoVariables],
				},
				calls,
				credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url },
				nodeSettings: RETRY,
			});
		};
		const call = () => ({ phone_number: phoneOf(7), template_id: fixtures().templates.approvedNoVariables, template_variables: '{}' });
		const posts = () => ctx.apiRequests().filter((request) => request.route === 'POST /api/v1/events');

		test('a 500 on the send: the retries do not send it again, and the model is told why', async () => {
			const { answers, toolRuns } = await toolSend([call()], { status: 500 });
			expect(posts()).toHaveLength(1);
			expect(toolRuns.length).toBe(3);
			expect(answers).toHaveLength(1);
			expect(answers[0].ok).toBe(false);
			expect(answers[0].error).toMatch(/^Not sent again: this item was sent to Peach on an earlier try of this node, and Peach answered 500 \[item 0\]/);
		});

		test('two separate calls with the same arguments after a success are both sent: only retries are answered from memory', async () => {
			const { answers } = await toolSend([call(), call()]);
			expect(answers.map((answer) => answer.ok)).toEqual([true, true]);
			expect(posts()).toHaveLength(2);
			expect(answers[0].answer[0].event_id).not.toBe(answers[1].answer[0].event_id);
		});
	});
});
