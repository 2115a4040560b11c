/**
 * Broken answers and leaked secrets, through n8n's real engine against the sandbox: a success that
 * is not JSON is an error that says the request may have been processed, Timeout holds for every
 * request including Wait for Delivery's polls, and the API key is scrubbed from every part of every
 * error even when Peach echoes it back.
 */
const { useSandbox } = require('../harness/peach');
const { locator } = require('../harness/node-helpers');

jest.setTimeout(120_000);

describe('answers Peach gives', () => {
	const ctx = useSandbox();
	const sendNoVariables = (extra = {}) => ({
		resource: 'templateMessage',
		operation: 'send',
		phoneNumber: '+919988776655',
		templateId: locator(ctx.sandbox.fixtures.templates.approvedNoVariables, 'id'),
		...extra,
	});

	test('a 200 that is not JSON is an error item saying the message may have been sent', async () => {
		ctx.sandbox.fault('POST /api/v1/events', { status: 200, malformed: true, times: 1 });
		const result = await ctx.run(sendNoVariables(), { continueOnFail: true });
		const [item] = result.output;
		expect(item.error.message).toMatch(/^Peach answered 200 with something that is not JSON: ".*Bad gateway.*" \[item 0\]$/);
		expect(item.error.description).toMatch(/Peach may have sent the message/);
		expect(result.items[0]).toEqual({ error: item.error.message });
	});

	test('Create Many names the chunk whose answer was not JSON, and the contacts already saved', async () => {
		const contacts = Array.from({ length: 5 }, (_, i) => ({ phone_number: `+91990000000${i}` }));
		// The first chunk is answered; the second is not JSON.
		ctx.sandbox.fault('POST /api/v1/contacts', { delayMs: 1, times: 1 });
		ctx.sandbox.fault('POST /api/v1/contacts', { status: 200, malformed: true, times: 1 });
		const result = await ctx.run({
			resource: 'contact',
			operation: 'createMany',
			contactsSource: 'json',
			contactsJson: JSON.stringify(contacts),
			options: { contactsPerRequest: 2 },
		});
		expect(result.error.message).toMatch(/^Peach answered 200 with something that is not JSON/);
		expect(result.error.description).toMatch(/The first 2 contacts were already saved\. Contacts 3 to 4 \(request 2\) are not confirmed, and the 1 after them were not sent\./);
		expect(ctx.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	test('Timeout applies to the template check too, and a read that times out is tried again', async () => {
		const templateId = ctx.sandbox.fixtures.templates.approvedNoVariables;
		ctx.sandbox.fault('GET /api/v1/whats_app_templates/:id', { delayMs: 2500, times: 1 });
		const result = await ctx.run(sendNoVariables({ requestOptions: { timeout: 1000 } }));
		expect(result.error).toBeUndefined();
		const reads = ctx.apiRequests().filter((r) => r.path === `/api/v1/whats_app_templates/${templateId}`);
		expect(reads).toHaveLength(2);
	});

	test('Wait for Delivery never waits past its own Timeout for a stuck poll', async () => {
		ctx.sandbox.setDeliveryPlan('+919988776655', { statuses: ['sent'] });
		ctx.sandbox.fault('GET /api/v1/events/:id', { delayMs: 8000 });
		const started = Date.now();
		const result = await ctx.run(sendNoVariables({ waitForDelivery: true, waitTimeout: 2, pollInterval: 0.5 }));
		expect(result.error.message).toMatch(/Peach did not answer within [\d.]+ s/);
		// The stuck read was cut when the 2 s wait ran out, not after Peach's 8 s or the default 300 s.
		expect(Date.now() - started).toBeLessThan(6000);
		expect(ctx.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});
});

describe('the API key never leaves in an error', () => {
	const ctx = useSandbox();
	const everything = (result) =>
		JSON.stringify({
			error: result.error && { ...result.error, message: result.error.message, description: result.error.description, stack: result.error.stack },
			output: result.output.map((item) => ({ json: item.json, error: item.error && { ...item.error, message: item.error.message, description: item.error.description } })),
		});
	const list = { resource: 'conversation', operation: 'getAll', limit: 1 };

	test.each([
		['in a JSON body', (key) => ({ status: 422, body: { reason: `key ${key} is not allowed here`, echo: { authorization: key } } })],
		['in a text body', (key) => ({ status: 400, body: `bad request for ${key}` })],
		['in a header', (key) => ({ status: 403, headers: { 'X-Echo-Key': key }, body: { reason: 'forbidden' } })],
	])('when Peach echoes it %s', async (_, fault) => {
		const key = ctx.sandbox.apiKey;
		ctx.sandbox.fault('GET /api/v1/conversations', fault(key));
		for (const continueOnFail of [false, true]) {
			const result = await ctx.run(list, { continueOnFail });
			const text = everything(result);
			expect(text).toMatch(/Peach/);
			expect(text).not.toContain(key);
		}
	});
});
