/**
 * Values that go into a URL get one check (at most 256 characters, no line breaks), a negative
 * number is never taken for a phone number, and a connection that breaks during a file transfer is
 * reported like every other transport failure. Run through n8n's real engine against the sandbox
 * with "On Error: Continue": the bad item gets an error naming the parameter and [item N], nothing
 * of it reaches Peach, and the next item still runs.
 */
const { useSandbox } = require('../harness/peach');
const { locator } = require('../harness/node-helpers');
const { makePng } = require('../fixtures/files');

const HUGE = 'x'.repeat(100_000);
const JOHN = '+919988776655';
const ALFRED = '+13309106536';
const byName = (value) => locator(value, 'name');
const fromList = (value) => locator(String(value), 'list');

const ctx = useSandbox();

/** The output items n8n gave for input item `index` (paired by n8n). */
const outputOf = (result, index) => result.output.filter((item) => item.pairedItem?.item === index);

/** Item 0 failed before anything was sent, with the parameter and [item 0]; item 1 ran. */
function expectRefusedThenNextRuns(result, parameter, problem) {
	expect(result.error).toBeUndefined();
	const [refused, ...others] = outputOf(result, 0);
	expect(others).toEqual([]);
	expect(refused.json.error).toMatch(new RegExp(`^${parameter}: .*\\[item 0\\]$`));
	expect(refused.json.error).toMatch(problem);
	// No message repeats an oversized input whole.
	expect(refused.json.error.length).toBeLessThan(700);
	expect(refused.error.description).toBeTruthy();
	const next = outputOf(result, 1);
	expect(next.length).toBeGreaterThan(0);
	for (const item of next) expect(item.json.error).toBeUndefined();
}

describe('Values that go into a URL are capped and may not hold line breaks', () => {
	test('Condition → Get Many: a 100 kB Source filter is refused; the next item is sent', async () => {
		const result = await ctx.run(
			{ resource: 'condition', operation: 'getAll', returnAll: true, filters: { source: '={{ $json.source }}' } },
			{ items: [{ source: HUGE }, { source: 'peach_shopify' }], continueOnFail: true },
		);
		expectRefusedThenNextRuns(result, 'Filters → Source', /is 100000 characters long, more than a value in a URL may be \(at most 256\)/);
		expect(ctx.apiRequests().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/expressions', { source: 'peach_shopify' }],
		]);
		expect(outputOf(result, 1).every((item) => item.json.source === 'peach_shopify')).toBe(true);
	});

	test('Condition → Get Many: a Source filter with a line break is refused', async () => {
		const result = await ctx.run(
			{ resource: 'condition', operation: 'getAll', returnAll: true, filters: { source: '={{ $json.source }}' } },
			{ items: [{ source: 'peach_shopify\r\n' }, { source: 'stripe' }], continueOnFail: true },
		);
		expectRefusedThenNextRuns(result, 'Filters → Source', /"peach_shopify\\r\\n" contains a line break \(CR\) at character 14/);
		expect(ctx.apiRequests().map((r) => r.query)).toEqual([{ source: 'stripe' }]);
	});

	const templateName = () => {
		const { state, fixtures } = ctx.sandbox;
		return state.templates.find((t) => t.id === fixtures.templates.approvedNoVariables).template_name;
	};
	const getByName = { resource: 'whatsAppTemplate', operation: 'get', templateId: byName('={{ $json.name }}') };

	test('WhatsApp Template → Get By Name: a 100 kB name is refused; the next item is looked up', async () => {
		const name = templateName();
		const result = await ctx.run(getByName, { items: [{ name: HUGE }, { name }], continueOnFail: true });
		expectRefusedThenNextRuns(result, 'Template', /is 100000 characters long, more than a value in a URL may be \(at most 256\)/);
		expect(ctx.apiRequests().map((r) => [r.method, r.path])).toEqual([['GET', `/api/v1/whats_app_templates/${name}`]]);
		expect(outputOf(result, 1)[0].json.template_name).toBe(name);
	});

	test.each([
		['inside the name (a header split)', (name) => `${name}\r\nX-Injected: 1`, /contains a line break \(CR\) at character/],
		['at its end (a value mapped from a file)', (name) => `${name}\n`, /contains a line break \(LF\) at character/],
	])('WhatsApp Template → Get By Name: a CR/LF %s is refused', async (_where, withBreak, problem) => {
		const name = templateName();
		const result = await ctx.run(getByName, { items: [{ name: withBreak(name) }, { name }], continueOnFail: true });
		expectRefusedThenNextRuns(result, 'Template', problem);
		expect(ctx.apiRequests().map((r) => r.path)).toEqual([`/api/v1/whats_app_templates/${name}`]);
	});

	test('WhatsApp Template → Create: a Template Name ending in CR/LF is refused, not trimmed and sent', async () => {
		const result = await ctx.run(
			{
				resource: 'whatsAppTemplate',
				operation: 'create',
				templateName: '={{ $json.name }}',
				language: 'en',
				purpose: 'transactional',
				whatsAppBusinessAccountId: locator(String(ctx.sandbox.fixtures.whatsAppBusinessAccountId), 'id'),
				bodyText: 'Hi there',
			},
			{ items: [{ name: 'order_update\r\n' }, { name: 'order_update_2' }], continueOnFail: true },
		);
		expectRefusedThenNextRuns(result, 'Template Name', /"order_update\\r\\n" contains a line break \(CR\)/);
		expect(ctx.apiRequests().map((r) => [r.method, r.path, r.body.whats_app_template.template_name])).toEqual([
			['POST', '/api/v1/whats_app_templates', 'order_update_2'],
		]);
	});
});

describe('A negative number is not a phone number', () => {
	test('Contact → Create: -919988776655 is refused, not sent as +919988776655', async () => {
		const result = await ctx.run(
			{ resource: 'contact', operation: 'create', phoneNumber: '={{ $json.phone }}' },
			{ items: [{ phone: -919988776655 }, { phone: 13309106536 }], continueOnFail: true },
		);
		expectRefusedThenNextRuns(result, 'Phone Number', /^Phone Number: "-919988776655" is not a phone number: it is a negative number \[item 0\]$/);
		expect(outputOf(result, 0)[0].error.description).toMatch(/no minus sign.*e\.g\. \+919988776655/);
		expect(ctx.apiRequests().map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/api/v1/contacts', { phone_number: ALFRED }],
		]);
	});

	test('Template Message → Send: a negative number sends no message', async () => {
		const result = await ctx.run(
			{
				resource: 'templateMessage',
				operation: 'send',
				phoneNumber: '={{ $json.phone }}',
				templateId: fromList(ctx.sandbox.fixtures.templates.approvedNoVariables),
			},
			{ items: [{ phone: -919988776655 }, { phone: JOHN }], continueOnFail: true },
		);
		expectRefusedThenNextRuns(result, 'Phone Number', /it is a negative number/);
		const sends = ctx.apiRequests().filter((r) => r.method === 'POST');
		expect(sends.map((r) => r.body.contact.phone_number)).toEqual([JOHN]);
	});

	test('Contact → Create Many (JSON): a negative number in the list is refused by its index, not sent', async () => {
		const result = await ctx.run(
			{ resource: 'contact', operation: 'createMany', contactsSource: 'json', contactsJson: '={{ $json.contacts }}' },
			{
				items: [
					{ contacts: [{ phone_number: ALFRED }, { phone_number: -919988776655 }] },
					{ contacts: [{ phone_number: ALFRED }] },
				],
				continueOnFail: true,
			},
		);
		expectRefusedThenNextRuns(result, 'Contacts \\(JSON\\)', /index 1: "-919988776655" \(a negative number\)/);
		const sent = ctx.apiRequests().filter((r) => r.method !== 'GET');
		expect(sent.map((r) => r.body)).toEqual([[{ phone_number: ALFRED }]]);
	});
});

describe('Polling Trigger: the Broadcast ID filter goes into the query, so it is capped too', () => {
	test('a 100 kB Broadcast ID stops the poll before anything is sent', async () => {
		const { createPoller } = require('../harness/poll');
		const poller = createPoller({
			parameters: { event: 'templateMessageStatusChanged', filters: { broadcastId: `cmp_${HUGE}` } },
			credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url },
		});
		const { error } = await poller.activate();
		expect(error.message).toBe(
			'Filters → Broadcast ID: is 100004 characters long, more than a value in a URL may be (at most 256)',
		);
		expect(error.description).toMatch(/cmp_1234abcd/);
		expect(ctx.apiRequests()).toEqual([]);
	});
});

describe('A connection that breaks during a file transfer reads like every transport failure', () => {
	const PNG = makePng(32, 24);
	const fileItem = (fileName) => ({
		json: {},
		binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName } },
	});
	/** The one error item of a two-item run, and the index of the item that failed. */
	const failedItem = (result) => {
		const failed = result.output.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		return { item: failed[0], index: failed[0].pairedItem.item };
	};

	test('Media → Upload: a reset of the storage PUT names the item, says what may have happened, and the other item is stored', async () => {
		ctx.sandbox.fault('PUT /__storage/*key', { reset: true, times: 1 });
		const result = await ctx.run(
			{ resource: 'media', operation: 'upload' },
			{ items: [fileItem('a.png'), fileItem('b.png')], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const { item, index } = failedItem(result);
		expect(item.json.error).toBe(`The connection to Peach's file storage broke before it answered [item ${index}]`);
		expect(item.error.name).toBe('NodeApiError');
		expect(item.error.description).toMatch(/may have received the file, but it is not in the media library/);
		expect(item.error.description).toMatch(/Run the node again/);

		const other = outputOf(result, 1 - index);
		expect(other).toHaveLength(1);
		expect(other[0].json.media_url).toMatch(/^media:\/\//);
		// Both uploads were created; only the stored one was finalized.
		const paths = ctx.apiRequests().map((r) => `${r.method} ${r.path}`);
		expect(paths.filter((p) => p === 'POST /api/v1/medias/direct_uploads')).toHaveLength(2);
		expect(paths.filter((p) => p === 'POST /api/v1/medias/finalize')).toHaveLength(1);
		expect(ctx.sandbox.storageUploads).toHaveLength(1);
	});

	test('Media → Upload: the same reset without Continue stops the run with the same message, and the cause code in the details', async () => {
		ctx.sandbox.fault('PUT /__storage/*key', { reset: true, times: 1 });
		const result = await ctx.run({ resource: 'media', operation: 'upload' }, { items: [fileItem('a.png')] });
		expect(result.error.message).toBe("The connection to Peach's file storage broke before it answered [item 0]");
		expect(result.error.errorResponse).toEqual({ errorCode: 'ECONNRESET' });
		expect(result.error.httpCode).toBe('none');
		expect(JSON.stringify(result.error)).not.toContain(ctx.sandbox.apiKey);
	});

	test("a reset of a Peach request reads the same: 'The connection to Peach broke before it answered [item 0]', and the create is not sent again", async () => {
		ctx.sandbox.fault('POST /api/v1/contacts', { reset: true, times: 1 });
		const result = await ctx.run({ resource: 'contact', operation: 'create', phoneNumber: JOHN });
		expect(result.error.message).toBe('The connection to Peach broke before it answered [item 0]');
		expect(result.error.errorResponse.errorCode).toBe('ECONNRESET');
		expect(ctx.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/contacts']);
	});

	test('Media → Upload From URL: a reset of the download names the item and says nothing reached Peach', async () => {
		// The download is the first request of the item; nothing else is faulted.
		ctx.sandbox.fault('*', { reset: true, times: 1 });
		const result = await ctx.run(
			{ resource: 'media', operation: 'uploadFromUrl', fileUrl: `${ctx.sandbox.url}/files/a.png` },
			{ items: [{}], continueOnFail: true },
		);
		const [item] = result.output;
		expect(item.json.error).toBe('The connection to the server of File URL broke before it answered [item 0]');
		expect(item.error.description).toMatch(/^Nothing was sent to Peach/);
		expect(ctx.apiRequests()).toEqual([]);
	});
});
