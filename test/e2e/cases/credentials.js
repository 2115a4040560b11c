'use strict';
// The "Peach API" credential as n8n's credential dialog tests it (POST /rest/credentials/test):
// the sandbox's key passes, a wrong key fails with the credential's 401 message.

async function testCredential(ctx, apiKey) {
	const body = {
		credentials: {
			id: ctx.creds.peach.id,
			name: ctx.creds.peach.name,
			type: 'peachApi',
			data: { apiKey, baseUrl: ctx.sandbox.url },
		},
	};
	const res = await ctx.n8n.rest('POST', '/rest/credentials/test', { cookie: ctx.cookie, body });
	if (res.status !== 200) throw new Error(`POST /rest/credentials/test answered HTTP ${res.status}: ${res.text.slice(0, 300)}`);
	return res.json && res.json.data ? res.json.data : res.json;
}

module.exports = [
	{
		kind: 'server',
		name: 'credential: "Peach API" tests successfully against the sandbox',
		run: async (ctx) => {
			const result = await testCredential(ctx, ctx.sandboxApiKey);
			// The editor shows "Connection tested successfully" for status OK (checked in the browser case).
			ctx.expect.equal(result, { status: 'OK' }, `credential test (${JSON.stringify(result)})`);
			const hit = ctx.sandbox.requests.find((r) => r.path && r.path.startsWith('/api/v1/'));
			ctx.expect.assert(hit, 'the credential test sent no request to the sandbox');
		},
	},
	{
		kind: 'server',
		name: 'credential: a wrong API key fails the test with the 401 message',
		run: async (ctx) => {
			const result = await testCredential(ctx, 'not-the-right-key');
			ctx.expect.assert(result.status === 'Error', `expected status Error, got ${JSON.stringify(result)}`);
			if (ctx.major < 2 && /^Authorization failed/.test(result.message)) {
				// n8n 1.x's credential tester only applies `responseCode` rules to errors that carry
				// the HTTP response, which the declarative request errors of 1.x do not: it shows
				// its own 401 text instead of the credential's.
				ctx.log(`n8n ${ctx.version} shows its own 401 message: "${result.message}"`);
				return;
			}
			ctx.expect.assert(/API key/i.test(result.message), `the message does not point at the API key: ${result.message}`);
		},
	},
];
