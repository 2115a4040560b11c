/**
 * Bodies n8n cannot store are refused before anything runs: larger than 1 MiB (413) or nested
 * deeper than 64 levels (400), signed or not. n8n saves each execution's data as JSON, and
 * `JSON.stringify` throws on a value nested a few thousand levels deep.
 */
const crypto = require('crypto');

const { createTrigger } = require('./fake-webhook-context');
const { WEBHOOK_EVENTS } = require('./fixtures');
const { MAX_BODY_BYTES, MAX_BODY_DEPTH, jsonTextIsTooDeep } = require('../../dist/nodes/PeachTrigger/limits.js');

const SECRET = 'pch_whsec_5a1f0c9e7d2b4c3a';
const SIGNED = { authentication: 'hmacSignature', signatureHeader: 'X-Peach-Signature' };
const sign = (rawBody) => ({ 'X-Peach-Signature': crypto.createHmac('sha256', SECRET).update(rawBody).digest('hex') });

/** A valid Peach event whose `data` holds arrays nested so that the whole body is `depth` deep. */
function nestedEvent(depth) {
	const inner = depth - 2; // the body object and `data`
	return `{"type":"order.completed","data":{"id":"wa_ord_1","status":"completed","x":${'['.repeat(inner)}${']'.repeat(inner)}}}`;
}

function expectRefused(outcome, status, reasonPart) {
	expect(outcome.started).toBe(false);
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.answer.status).toBe(status);
	expect(outcome.answer.body.received).toBe(false);
	expect(outcome.answer.body.reason).toContain(reasonPart);
}

describe('Peach Trigger: bodies n8n cannot store are refused', () => {
	test(`the documented limits: ${MAX_BODY_BYTES} bytes and ${MAX_BODY_DEPTH} levels`, () => {
		expect(MAX_BODY_BYTES).toBe(1024 * 1024);
		expect(MAX_BODY_DEPTH).toBe(64);
	});

	test('a body nested 5,000 levels deep starts nothing, unsigned or correctly signed', async () => {
		const rawBody = nestedEvent(5000);
		// What n8n would face: run data that cannot be saved as JSON.
		expect(() => JSON.stringify(JSON.parse(nestedEvent(50000)))).toThrow(RangeError);

		expectRefused(await createTrigger().deliver({ rawBody }), 400, `deeper than ${MAX_BODY_DEPTH} levels`);
		expectRefused(
			await createTrigger({ parameters: SIGNED, credentials: { secret: SECRET } }).deliver({ rawBody, headers: sign(rawBody) }),
			400,
			'deeper than',
		);
		expectRefused(await createTrigger().deliver({ rawBody: nestedEvent(100000) }), 400, 'deeper than');
	});

	test('64 levels pass, 65 are refused; brackets inside strings do not count', async () => {
		const trigger = createTrigger();
		expect((await trigger.deliver({ rawBody: nestedEvent(MAX_BODY_DEPTH) })).started).toBe(true);
		expectRefused(await trigger.deliver({ rawBody: nestedEvent(MAX_BODY_DEPTH + 1) }), 400, 'deeper than');

		const brackets = { type: 'order.completed', data: { id: 'wa_ord_2', status: 'completed', note: '[[[{{{\\"'.repeat(500) } };
		const outcome = await trigger.deliver({ body: brackets });
		expect(outcome.started).toBe(true);
		expect(outcome.items[0].data.note).toBe(brackets.data.note);
		expect(jsonTextIsTooDeep(Buffer.from('"\\\\"[[[[', 'utf8'), 2)).toBe(true); // an escaped backslash ends the string
	});

	test('a body n8n parsed without keeping its bytes is measured the same way', async () => {
		let value = [];
		for (let i = 0; i < 200; i++) value = [value];
		const body = { type: 'order.completed', data: { id: 'wa_ord_1', status: 'completed', x: value } };
		expectRefused(await createTrigger().deliver({ body, rawBody: null }), 400, 'deeper than');
	});

	test('a body over 1 MiB gets 413 before the signature is even checked; 1 MiB passes', async () => {
		const event = WEBHOOK_EVENTS['message_delivery.failed'];
		const padded = (bytes) => {
			const base = JSON.stringify({ ...event, data: { ...event.data, padding: '' } });
			return JSON.stringify({ ...event, data: { ...event.data, padding: 'p'.repeat(bytes - base.length) } });
		};
		const exact = padded(MAX_BODY_BYTES);
		expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
		const over = padded(MAX_BODY_BYTES + 1);

		expect((await createTrigger().deliver({ rawBody: exact })).started).toBe(true);
		expectRefused(await createTrigger().deliver({ rawBody: over }), 413, `larger than ${MAX_BODY_BYTES} bytes`);
		const signed = createTrigger({ parameters: SIGNED, credentials: { secret: SECRET } });
		expectRefused(await signed.deliver({ rawBody: over, headers: sign(over) }), 413, 'larger than');
		expectRefused(await signed.deliver({ rawBody: over }), 413, 'larger than');
		expect((await signed.deliver({ rawBody: exact, headers: sign(exact) })).started).toBe(true);
	});

	test('refusals are logged for the n8n operator', async () => {
		const outcome = await createTrigger().deliver({ rawBody: nestedEvent(70) });
		expect(outcome.logs).toContainEqual(['info', expect.stringMatching(/refused a request \(400\).*deeper than 64 levels/)]);
	});
});

describe('Peach Trigger version 2: bodies n8n reads only on demand', () => {
	test('the raw bytes are read when n8n did not parse the body (no JSON content type), so signatures still hold', async () => {
		const rawBody = JSON.stringify(WEBHOOK_EVENTS['order.completed']);
		const trigger = createTrigger({ version: 2, parameters: SIGNED, credentials: { secret: SECRET } });
		const good = await trigger.deliver({ rawBody, headers: sign(rawBody), lazyRawBody: true });
		expect(good.started).toBe(true);
		expect(good.items[0]).toMatchObject({ event: 'order.completed' });
		const bad = await trigger.deliver({ rawBody: `${rawBody} `, headers: sign(rawBody), lazyRawBody: true });
		expect(bad.answer.status).toBe(401);
		expect(bad.started).toBe(false);
	});
});
