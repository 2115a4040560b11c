/**
 * Hostile and careless input, through n8n's real engine against the Peach sandbox: IDs that would
 * move the request path, values of the wrong type from expressions, numbers out of range, dates
 * without a zone, names Peach constrains, binary field names that are JavaScript's own, oversized
 * downloads, errors under the right parameter, Additional Body Fields, empty liquid_values, looping
 * pages and paged template lists. Each test fails on the code before these checks.
 */
const http = require('http');
const { useSandbox, expectInputError } = require('../harness/peach');
const { locator, mapped } = require('../harness/node-helpers');
const { makePng } = require('../fixtures/files');

const PNG = makePng(64, 48);

const JOHN = '+919988776655';
const byId = (value) => locator(value, 'id');

describe('1. IDs cannot move the request path', () => {
	const ctx = useSandbox();

	test.each([
		['Order → Refund', { resource: 'order', operation: 'refund', orderId: '..' }, 'Order ID'],
		['Order → Get', { resource: 'order', operation: 'get', orderId: '..' }, 'Order ID'],
		['Order → Get', { resource: 'order', operation: 'get', orderId: ' . ' }, 'Order ID'],
		['Template Message → Get Status', { resource: 'templateMessage', operation: 'getStatus', eventId: '..' }, 'Event ID'],
		['Broadcast → Get Status', { resource: 'broadcast', operation: 'getStatus', eventId: '.' }, 'Event ID'],
	])('%s with %o is refused before sending', async (_name, parameters, parameter) => {
		const result = await ctx.run(parameters);
		expectInputError(result, ctx.apiRequests(), parameter);
		expect(result.error.message).toMatch(/is not an ID|is empty/);
	});

	test('a 100 KB Event ID is refused with its length, not sent into the URL (which ended in a 431)', async () => {
		const result = await ctx.run({ resource: 'templateMessage', operation: 'getStatus', eventId: 'e'.repeat(100_000) });
		expectInputError(result, ctx.apiRequests(), 'Event ID');
		expect(result.error.message).toBe(
			'Event ID: is 100000 characters long, more than any ID (at most 256) [item 0]',
		);
	});

	test('a prefixed ID past the bound is refused too (Broadcast → Get)', async () => {
		const result = await ctx.run({ resource: 'broadcast', operation: 'get', broadcastId: byId(`cmp_${'a'.repeat(300)}`) });
		expectInputError(result, ctx.apiRequests(), 'Broadcast');
	});

	test('Additional Query Parameters take the same bound, and no objects', async () => {
		let result = await ctx.run({
			resource: 'conversation',
			operation: 'getAll',
			additionalQueryParameters: JSON.stringify({ template_name: 'x'.repeat(100_000) }),
		});
		expectInputError(result, ctx.apiRequests(), 'Additional Query Parameters (JSON)');
		expect(result.error.message.length).toBeLessThan(400);
		result = await ctx.run({
			resource: 'conversation',
			operation: 'getAll',
			additionalQueryParameters: '{"filter": {"a": 1}}',
		});
		expectInputError(result, ctx.apiRequests(), 'Additional Query Parameters (JSON)');
	});
});

describe('2. Types from expressions are checked', () => {
	const ctx = useSandbox();

	test('an object as a broadcast Name is refused (it launched a broadcast named "[object Object]")', async () => {
		const result = await ctx.run({
			resource: 'broadcast',
			operation: 'launch',
			name: '={{ { "campaign": "july" } }}',
			templateId: locator(ctx.sandbox.fixtures.templates.approvedNoVariables),
			audienceId: 'aud_1',
		});
		expectInputError(result, ctx.apiRequests(), 'Name');
		expect(result.error.message).toBe('Name: must be text, got an object ("{"campaign":"july"}") [item 0]');
	});

	test('a list of event IDs is refused (it became evt_1,evt_2)', async () => {
		const result = await ctx.run({
			resource: 'templateMessage',
			operation: 'getStatus',
			eventId: '={{ ["evt_1", "evt_2"] }}',
		});
		expectInputError(result, ctx.apiRequests(), 'Event ID');
		expect(result.error.message).toMatch(/^Event ID: must be text, got a list/);
	});

	test('"yes" as Opted Out is refused (it was sent as the text "yes")', async () => {
		const result = await ctx.run({
			resource: 'contact',
			operation: 'create',
			phoneNumber: JOHN,
			additionalFields: { optedOut: '={{ "yes" }}' },
		});
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Opted Out');
		expect(result.error.message).toBe('Additional Fields → Opted Out: must be true or false, got the text "yes" [item 0]');
	});

	test('an email list and a name object are refused', async () => {
		let result = await ctx.run({
			resource: 'contact',
			operation: 'create',
			phoneNumber: JOHN,
			additionalFields: { email: '={{ ["a@example.com", "b@example.com"] }}' },
		});
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Email');
		result = await ctx.run({
			resource: 'contact',
			operation: 'update',
			phoneNumber: JOHN,
			updateFields: { name: '={{ { "first": "John" } }}' },
		});
		expectInputError(result, ctx.apiRequests(), 'Update Fields → Name');
	});

	test('a status outside the list is refused, naming the choices', async () => {
		const result = await ctx.run({
			resource: 'conversation',
			operation: 'updateStatus',
			conversation: byId(ctx.sandbox.fixtures.openConversationId),
			status: '={{ "archived" }}',
		});
		expectInputError(result, ctx.apiRequests(), 'Status');
		expect(result.error.message).toBe('Status: the text "archived" is not one of the choices [item 0]');
		expect(result.error.description).toContain('open');
	});

	test('a list still works where a list is meant (Tags), and numbers where text is meant', async () => {
		const result = await ctx.run({
			resource: 'contact',
			operation: 'create',
			phoneNumber: '={{ 919988776655 }}',
			additionalFields: { tags: '={{ ["vip", "newsletter"] }}', optedOut: '={{ false }}' },
		});
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({ phone_number: JOHN, tags: ['vip', 'newsletter'], opted_out: false });
	});
});

describe('3. Numbers have ranges', () => {
	const ctx = useSandbox();
	const order = (row) => ({
		resource: 'order',
		operation: 'create',
		contactPhoneNumber: JOHN,
		lineItems: { values: [{ name: 'Product 1', amount: 12000, quantity: 1, ...row }] },
	});

	test.each([
		['a negative amount', { amount: -5 }, 'Amount', '-5 is below 0'],
		['quantity 0', { quantity: 0 }, 'Quantity', '0 is below 1'],
		['quantity -3', { quantity: -3 }, 'Quantity', '-3 is below 1'],
		['an amount of 1e21', { amount: '={{ 1e21 }}' }, 'Amount', 'is too large'],
		['an amount of 2^53 + 2', { amount: '={{ 9007199254740994 }}' }, 'Amount', 'is too large'],
	])('Order → Create refuses %s', async (_name, row, field, problem) => {
		const result = await ctx.run(order(row));
		expectInputError(result, ctx.apiRequests(), `→ ${field}`);
		expect(result.error.message).toContain(problem);
	});

	test('Order → Create refuses a negative Tax Amount and a negative expiry timestamp', async () => {
		let result = await ctx.run({ ...order({}), additionalFields: { taxAmount: -100 } });
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Tax Amount');
		result = await ctx.run({ ...order({}), additionalFields: { expiresAt: '={{ -60 }}' } });
		expectInputError(result, ctx.apiRequests(), 'Additional Fields → Expires At');
	});

	test('Order → Refund refuses 1e300', async () => {
		const result = await ctx.run({
			resource: 'order',
			operation: 'refund',
			orderId: 'wa_ord_1234abcd',
			refund: 'partial',
			amount: '={{ 1e300 }}',
		});
		expectInputError(result, ctx.apiRequests(), 'Amount');
		expect(result.error.message).toContain('is too large');
	});

	test('Line Items (JSON) take the same ranges', async () => {
		const result = await ctx.run({
			resource: 'order',
			operation: 'create',
			contactPhoneNumber: JOHN,
			lineItemsSource: 'json',
			lineItemsJson: '[{"name": "A", "amount": 100, "quantity": 0}]',
		});
		expectInputError(result, ctx.apiRequests(), 'Line Items (JSON) → index 0 → quantity');
	});
});

describe('4. Every date is checked and sent in UTC', () => {
	const ctx = useSandbox();
	const picked = '2026-12-02T04:43:25';

	test.each([
		['Conversation → Get Many: Updated Since', { resource: 'conversation', operation: 'getAll', filters: { updatedSince: 'last tuesday' } }, 'Filters → Updated Since'],
		['Conversation → Get Many: Activity Since', { resource: 'conversation', operation: 'getAll', filters: { activitySince: '2026-13-45' } }, 'Filters → Activity Since'],
		['Conversation → Get Messages: Sent After', { resource: 'conversation', operation: 'getMessages', filters: { from: 'yesterday' } }, 'Filters → Sent After'],
		['Conversation → Get Messages: Sent Before', { resource: 'conversation', operation: 'getMessages', filters: { to: '2026-02-30T10:00:00Z' } }, 'Filters → Sent Before'],
		['Template Message → Get Many: Updated Since', { resource: 'templateMessage', operation: 'getAll', filters: { updatedSince: 'soon' } }, 'Filters → Updated Since'],
	])('%s: a value that is not a date is refused', async (_name, parameters, parameter) => {
		const result = await ctx.run(parameters);
		expectInputError(result, ctx.apiRequests(), parameter);
		expect(result.error.message).toContain('is not a date and time');
	});

	test('a picker value in an Asia/Kolkata workflow arrives as that instant in UTC (Conversation → Get Many)', async () => {
		const result = await ctx.run(
			{ resource: 'conversation', operation: 'getAll', filters: { updatedSince: picked, activitySince: picked } },
			{ workflowSettings: { timezone: 'Asia/Kolkata' } },
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.apiRequests();
		expect(request.query).toMatchObject({
			updated_since: '2026-12-01T23:13:25.000Z',
			activity_since: '2026-12-01T23:13:25.000Z',
		});
	});

	test('the same picker value in a New York workflow (EST, UTC−5 in December) arrives five hours later', async () => {
		await ctx.run(
			{ resource: 'conversation', operation: 'getMessages', filters: { from: picked, to: '2026-07-02T04:43:25' } },
			{ workflowSettings: { timezone: 'America/New_York' } },
		);
		const [request] = ctx.apiRequests();
		// July is daylight-saving time there (UTC−4).
		expect(request.query).toMatchObject({ from: '2026-12-02T09:43:25.000Z', to: '2026-07-02T08:43:25.000Z' });
	});

	test('a value with Z or an offset keeps its instant whatever the workflow zone', async () => {
		await ctx.run(
			{ resource: 'templateMessage', operation: 'getAll', filters: { updatedSince: '2026-12-02T04:43:25+02:00' } },
			{ workflowSettings: { timezone: 'Asia/Kolkata' } },
		);
		expect(ctx.apiRequests()[0].query.updated_since).toBe('2026-12-02T02:43:25.000Z');
	});

	test('Send → Retry Until and Order → Expires At are converted from the workflow zone too', async () => {
		let result = await ctx.run(
			{
				resource: 'templateMessage',
				operation: 'send',
				phoneNumber: JOHN,
				templateId: locator(ctx.sandbox.fixtures.templates.approvedNoVariables),
				variablesInput: 'json',
				variablesJson: '{}',
				additionalFields: { retryUntil: '2030-12-02T04:43:25' },
			},
			{ workflowSettings: { timezone: 'Asia/Kolkata' } },
		);
		expect(result.error).toBeUndefined();
		const send = ctx.apiRequests().find((r) => r.method === 'POST');
		expect(send.body.template_message.retry_until).toBe('2030-12-01T23:13:25.000Z');
		ctx.sandbox.clearRequests();
		result = await ctx.run(
			{
				resource: 'order',
				operation: 'create',
				contactPhoneNumber: JOHN,
				additionalFields: { expiresAt: '2030-12-02T04:43:25' },
			},
			{ workflowSettings: { timezone: 'Asia/Kolkata' } },
		);
		expect(ctx.apiRequests()[0].body.expiration).toEqual({ timestamp: Date.parse('2030-12-01T23:13:25Z') / 1000 });
	});
});

describe('5. Names Peach constrains are checked', () => {
	const ctx = useSandbox();

	test.each(['My Template!', 'order-confirmation', 'Order_Confirmation'])(
		'WhatsApp Template → Create refuses the name %p',
		async (templateName) => {
			const result = await ctx.run({
				resource: 'whatsAppTemplate',
				operation: 'create',
				templateName,
				language: 'en',
				purpose: 'promotion',
				whatsAppBusinessAccountId: byId(String(ctx.sandbox.fixtures.whatsAppBusinessAccountId)),
				bodyText: 'Hi there',
			});
			expectInputError(result, ctx.apiRequests(), 'Template Name');
			expect(result.error.message).toContain('is not a WhatsApp template name');
		},
	);

	test('WhatsApp Template → Update refuses a new name with capitals', async () => {
		const result = await ctx.run({
			resource: 'whatsAppTemplate',
			operation: 'update',
			templateId: locator(ctx.sandbox.fixtures.templates.draft),
			updateFields: { templateName: 'New Name' },
		});
		expectInputError(result, ctx.apiRequests(), 'Update Fields → Template Name');
	});
});

describe('6. Binary field names are own properties only', () => {
	const ctx = useSandbox();
	const item = { json: {}, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'a.png' } } };

	test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
		'Upload with Input Binary Field %p names the fields the item has, no raw JS error',
		async (binaryPropertyName) => {
			const result = await ctx.run({ resource: 'media', operation: 'upload', binaryPropertyName }, { items: [item] });
			expectInputError(result, ctx.apiRequests(), 'Input Binary Field');
			expect(result.error.message).toBe(`Input Binary Field: the input item has no binary field "${binaryPropertyName}" [item 0]`);
			expect(result.error.description).toBe("Use one of the item's binary fields: data.");
		},
	);
});

describe('7. Upload From URL stops at the size limit', () => {
	const ctx = useSandbox();
	let server;
	let base;
	const written = {};

	/** Serves `total` bytes of a "PNG" in 64 KB chunks, counting what it managed to write. */
	function serve(res, name, total, headers) {
		res.writeHead(200, headers);
		written[name] = 0;
		const chunk = Buffer.alloc(64 * 1024, 1);
		const pump = () => {
			while (written[name] < total) {
				written[name] += chunk.length;
				if (!res.write(chunk)) return res.once('drain', pump);
			}
			res.end();
		};
		res.on('close', () => (written[`${name}Closed`] = true));
		pump();
	}

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const big = 80 * 1024 * 1024;
			if (req.url === '/announced.png') serve(res, 'announced', big, { 'Content-Type': 'image/png', 'Content-Length': String(big) });
			else if (req.url === '/chunked.png') serve(res, 'chunked', big, { 'Content-Type': 'image/png' });
			else if (req.url === '/small.png') {
				res.writeHead(200, { 'Content-Type': 'image/png' });
				res.end(PNG);
			} else {
				res.writeHead(404);
				res.end();
			}
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${server.address().port}`;
	});
	afterAll(async () => {
		server.closeAllConnections?.();
		await new Promise((resolve) => server.close(resolve));
	});

	test('an 80 MB PNG announced by Content-Length is refused before its body is read', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'uploadFromUrl', fileUrl: `${base}/announced.png` });
		expectInputError(result, ctx.apiRequests(), 'File URL');
		expect(result.error.message).toBe(
			"File URL: the file is 80 MB, over Peach's limit of 5 MB (5242880 bytes) for image/png [item 0]",
		);
		// The server could push only what socket buffers hold before the connection was dropped.
		expect(written.announced).toBeLessThan(20 * 1024 * 1024);
	});

	test('an 80 MB PNG without Content-Length is read only until it passes 5 MB', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'uploadFromUrl', fileUrl: `${base}/chunked.png` });
		expectInputError(result, ctx.apiRequests(), 'File URL');
		expect(result.error.message).toBe(
			"File URL: the file is larger than Peach's limit of 5 MB (5242880 bytes) for image/png [item 0]",
		);
		expect(written.chunked).toBeLessThan(25 * 1024 * 1024);
	});

	test('a small file still uploads', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'uploadFromUrl', fileUrl: `${base}/small.png` });
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body.media).toEqual({ data: PNG.toString('base64'), filename: 'small.png', content_type: 'image/png' });
	});
});

describe('8. Errors point at the right parameter and echo input with a cap', () => {
	const ctx = useSandbox();

	test('an unsupported Content Type is reported under Content Type, not Byte Size', async () => {
		const result = await ctx.run({
			resource: 'media',
			operation: 'createDirectUpload',
			fileSource: 'fields',
			fileName: 'a.gif',
			contentType: '={{ "image/gif" }}',
			byteSize: 1000,
			checksum: 'I+Sf6zGPGY+9Fh0ymkvwow==',
		});
		expectInputError(result, ctx.apiRequests(), 'Content Type');
		expect(result.error.message).toMatch(/^Content Type: /);
	});

	test('a 100 KB phone number makes a short message that still shows its start and length', async () => {
		const phone = `+91${'9'.repeat(100_000)}`;
		const result = await ctx.run({ resource: 'contact', operation: 'create', phoneNumber: phone });
		expectInputError(result, ctx.apiRequests(), 'Phone Number');
		expect(result.error.message.length).toBeLessThan(300);
		expect(result.error.message).toContain(`"${phone.slice(0, 80)}…" (100003 characters)`);
	});
});

describe('9. Additional Body Fields cannot replace checked fields', () => {
	const ctx = useSandbox();

	test("the recipient's phone cannot be overridden: refused before sending", async () => {
		const result = await ctx.run({
			resource: 'contact',
			operation: 'create',
			phoneNumber: JOHN,
			additionalBodyFields: '{"phone_number": "not a phone"}',
		});
		expectInputError(result, ctx.apiRequests(), 'Additional Body Fields (JSON)');
		expect(result.error.message).toBe(
			'Additional Body Fields (JSON): "phone_number" is a field this node already sets from its own parameters [item 0]',
		);
	});

	test('nested: contact.phone_number of Send is refused; new nested fields still merge', async () => {
		const { approvedWithVariables, approvedWithVariablesNames } = ctx.sandbox.fixtures.templates;
		const values = Object.fromEntries(approvedWithVariablesNames.map((name) => [name, 'x']));
		const send = (extra) => ({
			resource: 'templateMessage',
			operation: 'send',
			phoneNumber: JOHN,
			templateId: locator(approvedWithVariables),
			templateVariables: mapped(values),
			additionalBodyFields: extra,
		});
		let result = await ctx.run(send('{"contact": {"phone_number": "+10000000000"}}'));
		expectInputError(result, ctx.apiRequests(), 'Additional Body Fields (JSON)');
		expect(result.error.message).toContain('"contact.phone_number"');
		result = await ctx.run(send('{"contact": {"nickname": "Johnny"}}'));
		expect(result.error).toBeUndefined();
		const post = ctx.apiRequests().find((r) => r.method === 'POST');
		expect(post.body.contact).toEqual({ phone_number: JOHN, nickname: 'Johnny' });
	});

	test('the description says so', () => {
		const { Peach } = require('../../dist/nodes/Peach/Peach.node.js');
		const field = new Peach().description.properties.find((p) => p.name === 'additionalBodyFields');
		expect(field.description).toContain('cannot replace a field the node sets');
	});
});

describe('14. Return All stops on the first repeated page', () => {
	const ctx = useSandbox();

	test('a next link back to page 1 fails with a clear error; page 1 is never output twice', async () => {
		const [first] = ctx.sandbox.state.conversations ?? [];
		ctx.sandbox.fault('GET /api/v1/conversations', {
			status: 200,
			body: { count: 1, next: '/api/v1/conversations?page=1&per=1000', prev: null, conversations: [first ?? { id: 1 }] },
		});
		const result = await ctx.run({ resource: 'conversation', operation: 'getAll', returnAll: true });
		expect(result.error).toBeDefined();
		expect(result.error.message).toBe(
			"Peach's next link points back to a page of conversations already read (page 1), so Return All would loop [item 0]",
		);
		expect(ctx.apiRequests()).toHaveLength(1);
		expect(result.items).toEqual([]);
	});
});

describe('15. The template list is read page by page', () => {
	const ctx = useSandbox();
	const route = 'GET /api/v1/whats_app_templates';

	test('bare-array pages are followed with page=2, 3, … until an empty page', async () => {
		const [a, b, c] = ctx.sandbox.state.templates.map((t) => ({ ...t, components: [] }));
		ctx.sandbox.fault(route, { status: 200, body: [a, b], times: 1 });
		ctx.sandbox.fault(route, { status: 200, body: [c], times: 1 });
		ctx.sandbox.fault(route, { status: 200, body: [], times: 1 });
		const result = await ctx.run({ resource: 'whatsAppTemplate', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((t) => t.id)).toEqual([a.id, b.id, c.id]);
		expect(ctx.apiRequests().map((r) => r.query)).toEqual([{}, { page: '2' }, { page: '3' }]);
	});

	test('an envelope with next is followed until next is null (the picker too)', async () => {
		const [a, b] = ctx.sandbox.state.templates.map((t) => ({ ...t, status: 'approved', components: [] }));
		const pages = () => {
			ctx.sandbox.fault(route, { status: 200, body: { whats_app_templates: [a], next: '/api/v1/whats_app_templates?page=2' }, times: 1 });
			ctx.sandbox.fault(route, { status: 200, body: { whats_app_templates: [b], next: null }, times: 1 });
		};
		pages();
		const result = await ctx.run({ resource: 'whatsAppTemplate', operation: 'getAll', returnAll: true });
		expect(result.items.map((t) => t.id)).toEqual([a.id, b.id]);
		expect(ctx.apiRequests().map((r) => r.query)).toEqual([{}, { page: '2' }]);

		ctx.sandbox.clearRequests();
		pages();
		const { loadOptionsContext, nodeMethods } = require('../harness/node-helpers');
		const picked = await nodeMethods().listSearch.searchApprovedTemplates.call(loadOptionsContext(ctx.sandbox));
		expect(picked.results.map((r) => r.value)).toEqual([a.id, b.id]);
		expect(ctx.apiRequests().map((r) => r.query)).toEqual([{}, { page: '2' }]);
	});
});
