/**
 * The Authentication option: None, Header Secret, Query Token and HMAC-SHA256 Signature, each
 * passing and failing (wrong secret, missing header or token, tampered body). A failed check
 * answers 401 and starts nothing.
 */
const crypto = require('crypto');

const { createTrigger } = require('./fake-webhook-context');
const { WEBHOOK_EVENTS } = require('./fixtures');
const { constantTimeEquals } = require('../../dist/nodes/PeachTrigger/verify.js');

const SECRET = 'pch_whsec_5a1f0c9e7d2b4c3a';
const CREDENTIALS = { secret: SECRET };
const PAYLOAD = WEBHOOK_EVENTS['message_delivery.failed'];

function hmac(body, secret = SECRET, encoding = 'hex') {
	return crypto.createHmac('sha256', secret).update(body).digest(encoding);
}

function expectRejected(outcome, reasonPart) {
	expect(outcome.started).toBe(false);
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.answer.status).toBe(401);
	// The same answer whatever failed: the sender learns no header name, prefix or reason.
	expect(outcome.answer.body).toEqual({ received: false, error: 'Unauthorized' });
	// The reason is in n8n's log, never the secret.
	const logged = outcome.logs.map(([, message]) => message).join('\n');
	expect(logged).toContain(reasonPart);
	expect(logged).not.toContain(SECRET);
	expect(outcome.response.ended).toBe(true);
}

function expectAccepted(outcome) {
	expect(outcome.started).toBe(true);
	expect(outcome.answer.status).toBe(200);
	expect(outcome.items).toHaveLength(1);
	expect(outcome.items[0].event).toBe('message_delivery.failed');
}

describe('Authentication: None', () => {
	test('accepts a request with no secret at all and needs no credential', async () => {
		const outcome = await createTrigger().deliver({ body: PAYLOAD });
		expectAccepted(outcome);
	});
});

describe('Authentication: Header Secret', () => {
	const parameters = { authentication: 'headerSecret', headerName: 'X-Webhook-Secret' };
	const trigger = () => createTrigger({ parameters, credentials: CREDENTIALS });

	test('passes with the right secret in the header (header names are case-insensitive)', async () => {
		expectAccepted(await trigger().deliver({ body: PAYLOAD, headers: { 'X-Webhook-Secret': SECRET } }));
		expectAccepted(await trigger().deliver({ body: PAYLOAD, headers: { 'x-webhook-secret': SECRET } }));
	});

	test('fails with a wrong secret of the same length', async () => {
		const wrong = SECRET.slice(0, -1) + (SECRET.endsWith('a') ? 'b' : 'a');
		expectRejected(
			await trigger().deliver({ body: PAYLOAD, headers: { 'X-Webhook-Secret': wrong } }),
			'does not hold the shared secret',
		);
	});

	test('fails with a shorter or longer secret (a prefix of the real one is not enough)', async () => {
		for (const wrong of [SECRET.slice(0, 8), SECRET + 'x', '']) {
			const outcome = await trigger().deliver({ body: PAYLOAD, headers: { 'X-Webhook-Secret': wrong } });
			expect(outcome.answer.status).toBe(401);
			expect(outcome.started).toBe(false);
		}
	});

	test('fails when the header is missing', async () => {
		expectRejected(await trigger().deliver({ body: PAYLOAD }), 'Missing header "X-Webhook-Secret"');
		expectRejected(
			await trigger().deliver({ body: PAYLOAD, headers: { Authorization: SECRET } }),
			'Missing header',
		);
	});

	test('a custom header name is honoured', async () => {
		const custom = createTrigger({
			parameters: { authentication: 'headerSecret', headerName: 'X-Peach-Token' },
			credentials: CREDENTIALS,
		});
		expectAccepted(await custom.deliver({ body: PAYLOAD, headers: { 'x-peach-token': SECRET } }));
		expectRejected(await custom.deliver({ body: PAYLOAD, headers: { 'X-Webhook-Secret': SECRET } }), 'Missing header');
	});

	test('the check runs before the body is read: a bad secret with a malformed body is 401, not 400', async () => {
		expectRejected(await trigger().deliver({ rawBody: 'not json' }), 'Missing header');
	});
});

describe('Authentication: Query Token', () => {
	const parameters = { authentication: 'queryToken', queryParameter: 'token' };
	const trigger = () => createTrigger({ parameters, credentials: CREDENTIALS });

	test('passes with the right token in the URL', async () => {
		expectAccepted(await trigger().deliver({ body: PAYLOAD, query: { token: SECRET } }));
	});

	test('fails with a wrong token', async () => {
		expectRejected(
			await trigger().deliver({ body: PAYLOAD, query: { token: 'pch_whsec_guessed_value' } }),
			'does not hold the shared secret',
		);
	});

	test('fails without a token, or with the secret under another name', async () => {
		expectRejected(await trigger().deliver({ body: PAYLOAD }), 'Missing query parameter "token"');
		expectRejected(await trigger().deliver({ body: PAYLOAD, query: { secret: SECRET } }), 'Missing query parameter');
	});

	test('a repeated parameter uses its first value', async () => {
		expectAccepted(await trigger().deliver({ body: PAYLOAD, query: { token: [SECRET, 'other'] } }));
		expectRejected(await trigger().deliver({ body: PAYLOAD, query: { token: ['other', SECRET] } }), 'does not hold');
	});

	test('a custom parameter name is honoured', async () => {
		const custom = createTrigger({
			parameters: { authentication: 'queryToken', queryParameter: 'key' },
			credentials: CREDENTIALS,
		});
		expectAccepted(await custom.deliver({ body: PAYLOAD, query: { key: SECRET } }));
		expectRejected(await custom.deliver({ body: PAYLOAD, query: { token: SECRET } }), 'Missing query parameter "key"');
	});
});

describe('Authentication: HMAC-SHA256 Signature', () => {
	// Raw bytes as a sender would write them: spacing differs from JSON.stringify's, on purpose.
	const RAW = JSON.stringify(PAYLOAD, null, 2);
	const withPrefix = { authentication: 'hmacSignature', signatureHeader: 'X-Signature-256', signaturePrefix: 'sha256=' };
	const trigger = (parameters = withPrefix) => createTrigger({ parameters, credentials: CREDENTIALS });

	test('passes with a hex signature of the raw body after the prefix', async () => {
		expectAccepted(
			await trigger().deliver({ rawBody: RAW, headers: { 'X-Signature-256': `sha256=${hmac(RAW)}` } }),
		);
	});

	test('hex digits may be upper case, and the prefix case does not matter', async () => {
		expectAccepted(
			await trigger().deliver({ rawBody: RAW, headers: { 'x-signature-256': `SHA256=${hmac(RAW).toUpperCase()}` } }),
		);
	});

	test('without a prefix setting the header holds only the signature', async () => {
		const parameters = { authentication: 'hmacSignature', signatureHeader: 'X-Peach-Signature' };
		expectAccepted(await trigger(parameters).deliver({ rawBody: RAW, headers: { 'X-Peach-Signature': hmac(RAW) } }));
		expectRejected(
			await trigger(parameters).deliver({ rawBody: RAW, headers: { 'X-Peach-Signature': `sha256=${hmac(RAW)}` } }),
			'does not match',
		);
	});

	test('base64 signatures when Signature Encoding is Base64', async () => {
		const parameters = { ...withPrefix, signaturePrefix: '', signatureEncoding: 'base64' };
		expectAccepted(
			await trigger(parameters).deliver({ rawBody: RAW, headers: { 'X-Signature-256': hmac(RAW, SECRET, 'base64') } }),
		);
		expectRejected(
			await trigger(parameters).deliver({ rawBody: RAW, headers: { 'X-Signature-256': hmac(RAW) } }),
			'does not match',
		);
	});

	test('the signature covers the raw bytes, not re-serialised JSON', async () => {
		const reserialised = hmac(JSON.stringify(JSON.parse(RAW)));
		expect(reserialised).not.toBe(hmac(RAW));
		expectRejected(
			await trigger().deliver({ rawBody: RAW, headers: { 'X-Signature-256': `sha256=${reserialised}` } }),
			'does not match',
		);
	});

	test('fails when signed with a wrong secret', async () => {
		expectRejected(
			await trigger().deliver({
				rawBody: RAW,
				headers: { 'X-Signature-256': `sha256=${hmac(RAW, 'pch_whsec_not_the_right_one')}` },
			}),
			'does not match the request body',
		);
	});

	test('fails when the body was tampered with after signing', async () => {
		const signature = `sha256=${hmac(RAW)}`;
		const tampered = RAW.replace('"failed"', '"delivered"');
		expect(tampered).not.toBe(RAW);
		expectRejected(
			await trigger().deliver({ rawBody: tampered, headers: { 'X-Signature-256': signature } }),
			'does not match the request body',
		);
		// One extra byte at the end is enough.
		expectRejected(
			await trigger().deliver({ rawBody: RAW + ' ', headers: { 'X-Signature-256': signature } }),
			'does not match',
		);
	});

	test('fails when the signature header is missing or empty', async () => {
		expectRejected(await trigger().deliver({ rawBody: RAW }), 'Missing signature header "X-Signature-256"');
		expectRejected(await trigger().deliver({ rawBody: RAW, headers: { 'X-Signature-256': '' } }), 'Missing signature header');
	});

	test('fails when the expected prefix is missing', async () => {
		expectRejected(
			await trigger().deliver({ rawBody: RAW, headers: { 'X-Signature-256': hmac(RAW) } }),
			'does not start with "sha256="',
		);
	});

	test('fails when a truncated signature is sent', async () => {
		expectRejected(
			await trigger().deliver({ rawBody: RAW, headers: { 'X-Signature-256': `sha256=${hmac(RAW).slice(0, 32)}` } }),
			'does not match',
		);
	});

	test('fails closed when n8n did not keep the raw body', async () => {
		expectRejected(
			await trigger().deliver({ body: PAYLOAD, rawBody: null, headers: { 'X-Signature-256': `sha256=${hmac(RAW)}` } }),
			'raw request body is not available',
		);
	});
});

describe('Authentication: configuration mistakes', () => {
	test('no credential selected: the node reports it instead of accepting the request', async () => {
		const trigger = createTrigger({ parameters: { authentication: 'queryToken' } });
		await expect(trigger.deliver({ body: PAYLOAD, query: { token: SECRET } })).rejects.toThrow(/credentials/);
	});

	test('an empty Shared Secret is refused, so an empty header or token can never pass', async () => {
		for (const authentication of ['headerSecret', 'queryToken', 'hmacSignature']) {
			const trigger = createTrigger({ parameters: { authentication }, credentials: { secret: '' } });
			await expect(
				trigger.deliver({ body: PAYLOAD, query: { token: '' }, headers: { 'X-Webhook-Secret': '' } }),
			).rejects.toThrow(/Shared Secret is shorter than 16 characters/);
		}
	});

	test('a Shared Secret under 16 characters is refused at run time, even with a correct signature or token', async () => {
		for (const secret of ['x', 'fifteen-chars!!']) {
			for (const authentication of ['headerSecret', 'queryToken', 'hmacSignature']) {
				const trigger = createTrigger({ parameters: { authentication }, credentials: { secret } });
				const rawBody = JSON.stringify(PAYLOAD);
				const request = {
					rawBody,
					query: { token: secret },
					headers: { 'X-Webhook-Secret': secret, 'X-Peach-Signature': hmac(rawBody, secret) },
				};
				const error = await trigger.deliver(request).then(
					() => null,
					(thrown) => thrown,
				);
				expect(error).not.toBeNull();
				expect(error.message).toContain('shorter than 16 characters');
				expect(error.description).toMatch(/at least 16 characters/);
				expect(error.message + error.description).not.toContain(secret === 'x' ? '"x"' : secret);
			}
		}
		// Exactly 16 is enough.
		const sixteen = 'sixteen-chars-ok';
		const trigger = createTrigger({ parameters: { authentication: 'queryToken' }, credentials: { secret: sixteen } });
		expectAccepted(await trigger.deliver({ body: PAYLOAD, query: { token: sixteen } }));
	});

	test('an empty header name is reported', async () => {
		const trigger = createTrigger({
			parameters: { authentication: 'headerSecret', headerName: ' ' },
			credentials: CREDENTIALS,
		});
		await expect(trigger.deliver({ body: PAYLOAD })).rejects.toThrow('The header name is empty');
	});
});

describe('Authentication: the 401 answer is generic', () => {
	test('every kind of failure gets the same body, with no header name, prefix or parameter name', async () => {
		const hmacParameters = {
			authentication: 'hmacSignature',
			signatureHeader: 'X-Relay-Signature',
			signaturePrefix: 'sha256=',
		};
		const rawBody = JSON.stringify(PAYLOAD);
		const cases = [
			[hmacParameters, {}],
			[hmacParameters, { 'X-Relay-Signature': hmac(rawBody) }],
			[hmacParameters, { 'X-Relay-Signature': `sha256=${hmac(rawBody, 'another-secret-of-length')}` }],
			[{ authentication: 'headerSecret', headerName: 'X-Relay-Token' }, {}],
			[{ authentication: 'headerSecret', headerName: 'X-Relay-Token' }, { 'X-Relay-Token': 'wrong-but-long-enough' }],
			[{ authentication: 'queryToken', queryParameter: 'relay_token' }, {}],
		];
		const bodies = new Set();
		for (const [parameters, headers] of cases) {
			const outcome = await createTrigger({ parameters, credentials: CREDENTIALS }).deliver({ rawBody, headers });
			expect(outcome.started).toBe(false);
			expect(outcome.answer.status).toBe(401);
			const answer = JSON.stringify(outcome.answer.body);
			bodies.add(answer);
			for (const hidden of ['X-Relay', 'x-relay', 'sha256=', 'relay_token', 'signature', 'header', 'Missing']) {
				expect(answer).not.toContain(hidden);
			}
			// n8n's log holds the reason.
			expect(outcome.logs.some(([level, message]) => level === 'info' && /refused a request \(401\): \S/.test(message))).toBe(true);
		}
		expect([...bodies]).toEqual([JSON.stringify({ received: false, error: 'Unauthorized' })]);
	});
});

describe('constant-time comparison', () => {
	afterEach(() => jest.restoreAllMocks());

	test('compares equal-length digests with timingSafeEqual, also when the lengths differ', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		expect(constantTimeEquals(SECRET, SECRET)).toBe(true);
		expect(constantTimeEquals('short', SECRET)).toBe(false);
		expect(constantTimeEquals(SECRET + 'tail', SECRET)).toBe(false);
		expect(constantTimeEquals(Buffer.from(SECRET), Buffer.from(SECRET))).toBe(true);
		expect(spy).toHaveBeenCalledTimes(4);
		for (const [a, b] of spy.mock.calls) expect(a.length).toBe(b.length);
	});
});
