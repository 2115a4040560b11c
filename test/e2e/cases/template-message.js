'use strict';
// Template Message in real n8n: Send with Wait for Delivery (the sandbox moves the message through
// queued → sent → delivered, one step per poll), Get Status by the event ID the send returned, Get
// Many with a limit, and a delivery WhatsApp refuses under Continue On Fail. Checked item by item
// and against what the sandbox received.
const util = require('util');
const { regex } = require('../expect');

const JOHN = '+919988776655'; // seeded contact (John Doe)
const ALFRED = '+13309106536'; // seeded contact (Alfred Hitchcock)
const ORDER_VALUES = { first_name: 'John', order_id: 'ORD-77', amount: '₹1,200' };
const FAILURE = '(#131049) Not delivered to keep engagement healthy';
const GET_MANY_LIMIT = 3;

// The template picked By ID, as the editor stores a resource locator.
const byId = (value) => ({ __rl: true, mode: 'id', value });

// Template Variables as the editor stores them once the template's fields are loaded.
function mapped(values) {
	return {
		mappingMode: 'defineBelow',
		value: values,
		matchingColumns: [],
		schema: Object.keys(values).map((id) => ({
			id,
			displayName: id,
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		})),
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
}

const sendParams = (ctx, phoneNumber) => ({
	resource: 'templateMessage',
	operation: 'send',
	phoneNumber,
	templateId: byId(ctx.sandbox.fixtures.templates.approvedWithVariables),
	variablesInput: 'fields',
	templateVariables: mapped(ORDER_VALUES),
	waitForDelivery: true,
	waitUntil: 'delivered',
	waitTimeout: 30,
	pollInterval: 0.5,
});

const expectedBody = (ctx, phoneNumber) => ({
	event_type: 'send_template_message',
	contact: { phone_number: phoneNumber },
	template_message: { whats_app_template_id: ctx.sandbox.fixtures.templates.approvedWithVariables, liquid_values: ORDER_VALUES },
});

// Deep equality with no extra keys (expect.equal matches objects as subsets).
function exactly(actual, expected, label) {
	if (!util.isDeepStrictEqual(actual, expected)) {
		throw new Error(`${label}: expected exactly ${util.inspect(expected, { depth: 6 })}, got ${util.inspect(actual, { depth: 6 })}`);
	}
}

async function sandboxGet(ctx, pathname) {
	const res = await fetch(`${ctx.sandbox.url}${pathname}`, { headers: { Authorization: ctx.sandboxApiKey } });
	if (!res.ok) throw new Error(`GET ${pathname} on the sandbox answered ${res.status}`);
	return res.json();
}

module.exports = [
	{
		name: 'template message: send by template ID with Wait for Delivery, get its status, get many (limit 3, John’s delivered)',
		requires: ['templateMessage:send', 'templateMessage:getStatus', 'templateMessage:getAll'],
		workflow: (ctx) =>
			ctx.wf.linear('E2E templateMessage send', [
				ctx.wf.peach('Send', sendParams(ctx, JOHN)),
				ctx.wf.peach('Get Status', { resource: 'templateMessage', operation: 'getStatus', eventId: '={{ $json.id }}' }),
				ctx.wf.peach('Get Many', {
					resource: 'templateMessage',
					operation: 'getAll',
					returnAll: false,
					limit: GET_MANY_LIMIT,
					filters: { phoneNumber: JOHN, status: 'delivered' },
				}),
			]),
		expect: {
			Send: [
				{
					id: regex(/^evt_/),
					event_type: 'send_template_message',
					status: 'processed',
					result: { type: 'template_message', id: regex(/^cmsg_/), status: 'delivered', failure_message: null, phone_number: JOHN, liquid_values: ORDER_VALUES },
				},
			],
			'Get Status': [
				{
					id: regex(/^evt_/),
					event_type: 'send_template_message',
					status: 'processed',
					result: { type: 'template_message', status: 'delivered', failure_message: null, phone_number: JOHN },
				},
			],
		},
		check: async (res, ctx) => {
			const sent = res.items('Send')[0].json;
			const status = res.items('Get Status')[0].json;
			ctx.expect.assert(status.id === sent.id, `Get Status read event ${status.id}, not the sent event ${sent.id}`);
			ctx.expect.assert(status.result.id === sent.result.id, `Get Status reports message ${status.result.id}, not ${sent.result.id}`);

			// What Peach received: the send, three polls (queued, sent, delivered), the status read, the list.
			const requests = ctx.sandbox.apiRequests();
			const eventPath = `/api/v1/events/${sent.id}`;
			exactly(
				requests.map((r) => `${r.method} ${r.path}`),
				['POST /api/v1/events', `GET ${eventPath}`, `GET ${eventPath}`, `GET ${eventPath}`, `GET ${eventPath}`, 'GET /api/v1/template_messages'],
				'requests Peach received',
			);
			exactly(requests[0].body, expectedBody(ctx, JOHN), 'the POST /api/v1/events body');
			ctx.expect.assert(requests.every((r) => r.headers.authorization === ctx.sandboxApiKey), 'a request went to Peach without the API key');
			const query = { phone_number: JOHN, status: 'delivered', page: '1', per: String(GET_MANY_LIMIT) };
			exactly(requests[5].query, query, 'the Get Many query');

			// Get Many: John's delivered messages as Peach lists them, most recently updated first, so
			// the one just delivered leads. (Filtered: some seeded broadcast messages carry timestamps a
			// few minutes in the future and would otherwise come before it.)
			const list = await sandboxGet(ctx, `/api/v1/template_messages?${new URLSearchParams(query)}`);
			const expected = (list.template_messages || list.data || list).map((m) => ({ id: m.id, status: m.status, phone_number: m.phone_number }));
			ctx.expect.equal(expected.length, GET_MANY_LIMIT, 'messages the sandbox lists');
			ctx.expect.checkItems('Get Many', res.items('Get Many'), expected);
			ctx.expect.equal(res.items('Get Many')[0].json, { id: sent.result.id, status: 'delivered', phone_number: JOHN }, 'Get Many item 0 (the message just sent)');
		},
	},
	{
		name: 'template message: a failed delivery under Continue On Fail is an error item with the failure message',
		requires: ['templateMessage:send'],
		before: async (ctx) => {
			// The sandbox's control endpoint, as a test in another process would use it.
			const res = await fetch(`${ctx.sandbox.url}/__sandbox/delivery-plans`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ phoneNumber: ALFRED, statuses: ['sent', 'failed'], failureMessage: FAILURE }),
			});
			if (!res.ok) throw new Error(`POST /__sandbox/delivery-plans answered ${res.status}: ${await res.text()}`);
		},
		workflow: (ctx) =>
			ctx.wf.linear('E2E templateMessage failed delivery', [
				ctx.wf.items('Recipients', [{ phone: ALFRED }, { phone: JOHN }]),
				ctx.wf.peach('Send', sendParams(ctx, '={{ $json.phone }}'), { continueOnFail: true }),
				ctx.wf.noOp('After'),
			]),
		expect: {
			Send: [
				{ error: `Peach could not deliver the message: ${FAILURE} [item 0]` },
				{ status: 'processed', result: { status: 'delivered', failure_message: null, phone_number: JOHN } },
			],
			After: [{ error: `Peach could not deliver the message: ${FAILURE} [item 0]` }, { result: { status: 'delivered' } }],
		},
		check: async (res, ctx) => {
			const posts = ctx.sandbox.apiRequests().filter((r) => r.method === 'POST');
			exactly(
				posts.map((r) => r.body),
				[expectedBody(ctx, ALFRED), expectedBody(ctx, JOHN)],
				'the POST /api/v1/events bodies',
			);
			// Alfred's message read sent, then failed: two polls; John's: queued, sent, delivered.
			const polls = ctx.sandbox.apiRequests().filter((r) => r.method === 'GET' && r.route === 'GET /api/v1/events/:id');
			ctx.expect.equal(polls.length, 5, 'event polls');
			const failed = ctx.sandbox.state.templateMessages.find((m) => m.phone_number === ALFRED && m._plan && m.status === 'failed');
			ctx.expect.assert(failed && failed.failure_message === FAILURE, 'the sandbox has no failed message for Alfred with the failure message');
		},
	},
];
