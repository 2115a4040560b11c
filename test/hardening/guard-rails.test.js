/**
 * The tool's guard rails hold for every operation that reaches a person, and a cap that is not a
 * number refuses instead of letting everything through. Each case runs the node as an AI Agent's
 * tool (test/harness/tool.js) and calls it as a model would; a refused call must leave the sandbox
 * untouched and name the setting the workflow owner has to change.
 */
const { useSandbox } = require('../harness/peach');
const { runTool, templateSendTool, templateSendCall } = require('../harness/tool');
const { loadOptionsContext, nodeMethods } = require('../harness/node-helpers');

const REFUSED = /^Refused by the Peach tool's guard rails: /;
const US = '+13309106536';
const UK = '+447700900123';
const INDIA = '+919988776655';

describe('Peach tool: guard rails cannot be bypassed', () => {
	const ctx = useSandbox();
	const fx = () => ctx.sandbox.fixtures;
	const tool = (parameters, calls) =>
		runTool({ parameters, calls, credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url } });
	const posts = () => ctx.apiRequests().filter((request) => request.method === 'POST');

	const orderCreate = (extra = {}) => ({
		resource: 'order',
		operation: 'create',
		lineItemsSource: 'json',
		lineItemsJson: '[{"name": "Shoes", "amount": 120000, "quantity": 1}]',
		...extra,
	});
	const refund = (extra = {}) => ({
		resource: 'order',
		operation: 'refund',
		toolAllowedOperations: ['read', 'money'],
		...extra,
	});
	const sendParameters = (extra) => templateSendTool(fx(), extra);
	const sendCall = () => templateSendCall(fx());

	describe('Order → Create goes through the recipient checks', () => {
		test('a payment request to a number outside the allowed prefixes is refused', async () => {
			const { answers } = await tool(
				orderCreate({ toolAllowedOperations: ['read', 'send', 'money'], toolAllowedPhoneNumbers: '+91' }),
				[{ phone_number: US }, { phone_number: UK }, { phone_number: INDIA }],
			);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain(`phone number ${US} is not allowed; allowed numbers start with: +91`);
			expect(answers[0].error).toContain('Allowed Phone Numbers or Prefixes');
			expect(answers[1].error).toContain(`phone number ${UK} is not allowed`);
			expect(answers[2].ok).toBe(true);
			expect(posts().map((request) => [request.path, request.body.contact.phone_number])).toEqual([
				['/api/v1/orders', INDIA],
			]);
		});

		test('payment requests count against Max Recipients per Run, also when only money is allowed', async () => {
			const { answers } = await tool(orderCreate({ toolAllowedOperations: ['money'], toolMaxRecipients: 1 }), [
				{ phone_number: INDIA },
				{ phone_number: '+919988776600' },
				{ phone_number: '+919988776611' },
			]);
			expect(answers.map((answer) => answer.ok)).toEqual([true, false, false]);
			expect(answers[1].error).toMatch(REFUSED);
			expect(answers[1].error).toContain('this would message 1 recipient(s), and 1 of the 1 allowed in this run are already used');
			expect(answers[1].error).toContain('Max Recipients per Run');
			expect(posts().map((request) => request.body.contact.phone_number)).toEqual([INDIA]);
		});
	});

	describe('a cap that is not a number refuses every call', () => {
		test.each([
			['"5,000"', '5,000'],
			['empty', ''],
			['empty (null)', null],
		])('Max Refund Amount per Run %s: a 200,000 refund is refused, naming the setting', async (_label, cap) => {
			const { answers } = await tool(refund({ toolMaxRefundAmount: cap }), [
				{ order_id: fx().orders.completed, refund_amount: 200000 },
			]);
			expect(answers[0].ok).toBe(false);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain('Max Refund Amount per Run');
			expect(answers[0].error).toContain('not a whole number of 0 or more');
			expect(answers[0].error).toMatch(/e\.g\. 5000/);
			expect(ctx.apiRequests()).toEqual([]);
		});

		test('Max Refund Amount per Run set by an expression that gives nothing is refused too', async () => {
			const { answers } = await tool(refund({ toolMaxRefundAmount: '={{ $json.noSuchCap }}' }), [
				{ order_id: fx().orders.completed, refund_amount: 200000 },
			]);
			expect(answers[0].error).toContain('Max Refund Amount per Run is empty');
			expect(ctx.apiRequests()).toEqual([]);
		});

		test('Max Recipients per Run "ten": no message is sent, not even one', async () => {
			const { answers } = await tool(
				sendParameters({ toolMaxRecipients: 'ten' }),
				Array.from({ length: 12 }, sendCall),
			);
			expect(answers.filter((answer) => answer.ok)).toHaveLength(0);
			for (const answer of answers) {
				expect(answer.error).toMatch(REFUSED);
				expect(answer.error).toContain('Max Recipients per Run is "ten", not a whole number');
			}
			expect(ctx.apiRequests()).toEqual([]);
		});

		test('a broken cap refuses reads as well, so the owner sees it at once', async () => {
			const { answers } = await tool(
				{ resource: 'conversation', operation: 'getAll', limit: 1, toolAllowedOperations: ['read', 'send'], toolMaxRecipients: 'ten' },
				[{}],
			);
			expect(answers[0].error).toContain('Max Recipients per Run is "ten"');
			expect(ctx.apiRequests()).toEqual([]);
		});

		test('Allowed Phone Numbers or Prefixes that are not numbers refuse every send', async () => {
			const { answers } = await tool(sendParameters({ toolAllowedPhoneNumbers: '+91, India' }), [sendCall()]);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain('Allowed Phone Numbers or Prefixes has "India", which is not a phone number or prefix');
			expect(ctx.apiRequests()).toEqual([]);
		});
	});

	describe('Automation → Run for Contact has its own allowlist', () => {
		const run = (extra = {}) => ({
			resource: 'automation',
			operation: 'runForContact',
			toolAllowedOperations: ['send'],
			...extra,
		});

		test('an automation outside Allowed Automations is refused, naming the allowed ones', async () => {
			const { published, withTrigger } = fx().automations;
			const { answers } = await tool(run({ toolAllowedAutomations: [withTrigger] }), [
				{ automation_id: published, phone_number: INDIA },
				{ automation_id: withTrigger, phone_number: INDIA },
			]);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain(`automation ${published} is not allowed; allowed: ${withTrigger}`);
			expect(answers[0].error).toContain('Allowed Automations');
			expect(answers[1].ok).toBe(true);
			expect(posts().map((request) => [request.path, request.body.contact.phone_number])).toEqual([
				[`/api/v1/streams/${withTrigger}/events`, INDIA],
			]);
		});

		test('an entry of Allowed Automations that is not an ID (a name typed in) refuses every call', async () => {
			const { published } = fx().automations;
			const { answers } = await tool(run({ toolAllowedAutomations: [published, 'Payment failed follow-up'] }), [
				{ automation_id: published, phone_number: INDIA },
			]);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain(
				'Allowed Automations has "Payment failed follow-up", which is not an ID: automation IDs start with strm_',
			);
			expect(ctx.apiRequests()).toEqual([]);
		});

		test('Allowed Automations offers every automation by name and status, its ID as the value', async () => {
			const options = await nodeMethods().loadOptions.getAutomations.call(loadOptionsContext(ctx.sandbox));
			const streams = ctx.sandbox.state.streams;
			expect(options).toHaveLength(streams.length);
			expect(options).toContainEqual({ name: 'Payment failed follow-up (published)', value: fx().automations.published });
			expect(options.map((option) => option.name)).toEqual(options.map((option) => option.name).sort((a, b) => a.localeCompare(b)));
			expect(ctx.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v1/streams']);
		});

		test('with no automation picked, no automation may be run', async () => {
			const { answers } = await tool(run(), [{ automation_id: fx().automations.published, phone_number: INDIA }]);
			expect(answers[0].error).toMatch(REFUSED);
			expect(answers[0].error).toContain('no automation is allowed for this tool');
			expect(answers[0].error).toContain('under Allowed Automations');
			expect(ctx.apiRequests()).toEqual([]);
		});
	});
});
