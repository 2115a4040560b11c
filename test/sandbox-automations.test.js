'use strict';
/**
 * The sandbox's automations, triggers and condition library: the contract the node tests rely on
 * (state kept between calls, 422 reasons, Peach's documented trigger error codes, auth).
 */
const { startSandbox } = require('../tools/sandbox');

let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => {
	await sandbox.close();
});

async function api(method, path, body, { auth = true } = {}) {
	const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
	if (auth) headers.Authorization = sandbox.apiKey;
	const res = await fetch(`${sandbox.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : null };
}

const DEFINITION = { start_step: 'a', steps: { a: { type: 'send_message', payload: { message: { text: 'Hi' } }, next_step: null } } };

test('every new route needs the API key', async () => {
	for (const [method, path] of [
		['GET', '/api/v1/streams'],
		['GET', '/api/v1/expressions'],
		['PATCH', `/api/v1/triggers/${sandbox.fixtures.triggerId}`],
	]) {
		expect((await api(method, path, method === 'GET' ? undefined : {}, { auth: false })).status).toBe(401);
	}
});

test('an automation created is listed, read back, updated and run; a draft does not run', async () => {
	const created = await api('POST', '/api/v1/streams', { name: 'Test', definition: DEFINITION });
	expect(created.status).toBe(201);
	expect(created.body).toMatchObject({ id: expect.stringMatching(/^strm_/), status: 'draft', execution_mode: 'definition_driven' });
	const { id } = created.body;
	expect((await api('GET', '/api/v1/streams')).body[0].id).toBe(id);
	expect((await api('GET', `/api/v1/streams/${id}`)).body.definition).toEqual(DEFINITION);
	const draftRun = await api('POST', `/api/v1/streams/${id}/events`, { contact: { phone_number: '+919988776655' } });
	expect(draftRun).toEqual({ status: 422, body: { status: 'failed', reason: { base: ['Automation is draft; publish it before running it'] } } });
	expect((await api('PATCH', `/api/v1/streams/${id}`, { status: 'published' })).body.status).toBe('published');
	const run = await api('POST', `/api/v1/streams/${id}/events`, { contact: { phone_number: '+14155552671', name: 'Ada' }, order_id: '#1' });
	expect(run.status).toBe(202);
	expect(run.body).toMatchObject({ status: 'queued', stream_id: id, data: { order_id: '#1' } });
	expect(sandbox.state.contacts.get('+14155552671').name).toBe('Ada');
});

test('422 reasons name the field: definition, status, business number, execution mode, contact phone', async () => {
	const bad = await api('POST', '/api/v1/streams', {
		name: 'x',
		definition: { start_step: 'b', steps: { a: { type: 'send_message' } } },
		status: 'live',
		business_phone_number: '911111111111',
	});
	expect(bad.status).toBe(422);
	expect(bad.body.reason).toEqual({
		definition: ['start_step "b" is not a step'],
		status: ['is not included in the list'],
		business_phone_number: ['is not a WhatsApp number of this account'],
	});
	expect((await api('GET', '/api/v1/streams?execution_mode=fast')).body.reason).toEqual({ execution_mode: ['is not included in the list'] });
	const run = await api('POST', `/api/v1/streams/${sandbox.fixtures.automations.published}/events`, { contact: { phone_number: '12' } });
	expect(run.body.reason).toEqual({ contact: { phone_number: ['is invalid'] } });
	expect((await api('GET', '/api/v1/streams/strm_nope')).status).toBe(404);
});

test('triggers: the documented error codes, then a trigger created, listed, paused and re-activated', async () => {
	const stream = sandbox.fixtures.automations.published;
	const create = (body) => api('POST', `/api/v1/streams/${stream}/triggers`, body);
	expect((await create({ condition: 'Nope' })).body).toMatchObject({ code: 'condition_not_found' });
	expect((await create({ expression_id: 'exp_nope' })).body).toMatchObject({ code: 'condition_not_found' });
	expect(await create({ condition: 'Order Refunded' })).toMatchObject({ status: 409, body: { code: 'condition_ambiguous', sources: ['peach_shopify', 'Peach'] } });
	expect(await create({ condition: 'Order Completed' })).toMatchObject({ status: 409, body: { code: 'event_source_not_connected' } });
	expect(await create({ condition: 'Order Paid where a field equals a value', variables: { key_path: '$.x' } })).toMatchObject({
		status: 422,
		body: { code: 'missing_variables', missing_variables: ['value'] },
	});
	expect((await create({ condition: 'Order Paid', data_mappings: [{ mapping_for: 'sender', value: { a: 'b' } }] })).body.reason).toEqual({
		data_mappings: { 0: { mapping_for: ['is not included in the list'], value: ['values must be JSONPath expressions starting with $'] } },
	});
	const trigger = (await create({ condition: 'Order Paid', source: 'peach_shopify', activate: true })).body;
	expect(trigger).toMatchObject({ stream_id: stream, status: 'active', condition: { expression_id: sandbox.fixtures.conditions.orderPaid } });
	expect((await api('GET', `/api/v1/streams/${stream}/triggers`)).body.map((t) => t.id)).toEqual([trigger.id]);
	const mappings = [{ mapping_for: 'recipient', value: { phone_number: '$.phone' } }];
	const paused = await api('PATCH', `/api/v1/triggers/${trigger.id}`, { activate: false, data_mappings: mappings });
	expect(paused.body).toMatchObject({ status: 'paused', data_mappings: mappings });
	expect((await api('PATCH', `/api/v1/triggers/${trigger.id}`, { activate: true })).body.status).toBe('active');
});

test('the condition library filters by source', async () => {
	const stripe = await api('GET', '/api/v1/expressions?source=stripe');
	expect(stripe.body.length).toBeGreaterThan(0);
	stripe.body.forEach((condition) => expect(condition).toMatchObject({ id: expect.stringMatching(/^exp_/), source: 'stripe', variables: expect.any(Array) }));
});
