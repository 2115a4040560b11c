/**
 * The Peach API credential's Base URL: a wrong form is refused before anything is sent, a host or
 * port where nothing answers is named with what to check, and the credential's Test button (the
 * function the nodes point at with `testedBy`, called the way n8n's credential tester calls it)
 * answers each failure in words. Network failures are made on 127.0.0.1 only.
 */
const http = require('http');
const net = require('net');
const { CredentialTestContext } = require('n8n-core');
const { useSandbox, runNode } = require('../harness/peach');

const DIST = '../../dist';
const { PeachApi } = require(`${DIST}/credentials/PeachApi.credentials.js`);
const { Peach } = require(`${DIST}/nodes/Peach/Peach.node.js`);
const { PeachPollingTrigger } = require(`${DIST}/nodes/PeachPollingTrigger/PeachPollingTrigger.node.js`);

/** A loopback port nothing listens on: taken from the OS, then released. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** A loopback HTTP server answering every request with `handle`; closed by the test that starts it. */
async function startServer(handle) {
	const sockets = new Set();
	const server = http.createServer(handle);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

const listConversations = { resource: 'conversation', operation: 'getAll', limit: 1 };
const createContact = { resource: 'contact', operation: 'create', phoneNumber: '+14155552671' };

describe('run time: the Base URL is checked before anything is sent', () => {
	const ctx = useSandbox();
	const withBaseUrl = (baseUrl) => ({ credentials: { apiKey: ctx.sandbox.apiKey, baseUrl } });
	const hostPort = () => ctx.sandbox.url.replace(/^http:\/\//, '');

	test('no http(s):// in front: the field, the value and the fixed address, on every item, nothing sent', async () => {
		const result = await runNode({
			parameters: createContact,
			credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: hostPort() },
			items: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.json.error)).toEqual([0, 1].map(
			(index) => `Peach API credential → Base URL: "${hostPort()}" has no https:// in front [item ${index}]`,
		));
		expect(ctx.apiRequests()).toHaveLength(0);

		const failed = await ctx.run(listConversations, withBaseUrl(hostPort()));
		expect(failed.error.message).toBe(`Peach API credential → Base URL: "${hostPort()}" has no https:// in front [item 0]`);
		expect(failed.error.description).toMatch(/^Nothing was sent\. Write it with its scheme: https:\/\/127\.0\.0\.1:\d+\./);
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('/api/v1 typed into the Base URL is refused instead of asking for /api/v1/api/v1/…', async () => {
		const result = await ctx.run(listConversations, withBaseUrl(`${ctx.sandbox.url}/api/v1/`));
		expect(result.error.message).toBe(
			`Peach API credential → Base URL: "${ctx.sandbox.url}/api/v1/" ends in /api/v1, which the node adds to every request itself (it would ask for /api/v1/api/v1/…) [item 0]`,
		);
		expect(result.error.description).toBe(`Nothing was sent. Remove /api/v1: use ${ctx.sandbox.url}.`);
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('another scheme, a query or an address that does not parse: refused, nothing sent', async () => {
		const cases = [
			['ftp://app.trypeach.ai', /"ftp:\/\/app\.trypeach\.ai" starts with ftp:\/\//],
			[`${ctx.sandbox.url}/?account=1`, /has a \?query after the address, which would break every request path/],
			['https://app.try peach.ai', /"https:\/\/app\.try peach\.ai" is not a valid web address/],
			['http://', /"http:\/\/" is not a valid web address/],
		];
		for (const [baseUrl, expected] of cases) {
			const result = await ctx.run(createContact, withBaseUrl(baseUrl));
			expect(result.error.message).toMatch(/^Peach API credential → Base URL: /);
			expect(result.error.message).toMatch(expected);
			expect(result.error.message).toMatch(/ \[item 0\]$/);
			expect(result.error.description).toMatch(/^Nothing was sent\. .*https?:\/\//);
		}
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('the API key pasted into the Base URL is never repeated', async () => {
		const result = await ctx.run(listConversations, withBaseUrl(ctx.sandbox.apiKey));
		expect(result.error.message).toMatch(/^Peach API credential → Base URL: .* has no https:\/\/ in front \[item 0\]$/);
		expect(JSON.stringify({ ...result.error, message: result.error.message, description: result.error.description })).not.toContain(
			ctx.sandbox.apiKey,
		);
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('spaces and slashes around the Base URL are dropped', async () => {
		const result = await ctx.run(listConversations, withBaseUrl(`  ${ctx.sandbox.url}//  `));
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].path).toBe('/api/v1/conversations');
	});
});

describe('run time: nothing answers at the Base URL', () => {
	const ctx = useSandbox();

	test('a create on a closed port names host:port, the credential field, and says it was never sent', async () => {
		const port = await closedPort();
		const result = await ctx.run(createContact, { credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: `http://127.0.0.1:${port}` } });
		expect(result.error.message).toBe(`Nothing answers at 127.0.0.1:${port}, the Base URL's host and port (connection refused) [item 0]`);
		expect(result.error.description).toMatch(/^Check Peach API credential → Base URL: the host and port must be where Peach answers/);
		expect(result.error.description).toMatch(/This request was never sent, so Peach did not process it: running the item again sends it once\.$/);
		expect(result.error.description).not.toMatch(/may have/);
		expect(JSON.stringify({ ...result.error, message: result.error.message })).not.toContain(ctx.sandbox.apiKey);
	});

	test('an API key typed as the Base URL\'s host is not repeated when nothing answers there', async () => {
		const port = await closedPort();
		// A key that is also a host name that resolves: the error names the host and port it tried.
		const result = await ctx.run(createContact, { credentials: { apiKey: 'localhost', baseUrl: `http://localhost:${port}` } });
		expect(result.error.message).toBe(`Nothing answers at ***:${port}, the Base URL's host and port (connection refused) [item 0]`);
		expect(`${result.error.message} ${result.error.description}`).not.toContain('localhost');
	});

	test('a read on a closed port names host:port and says it tried, and that a read changed nothing', async () => {
		const port = await closedPort();
		const result = await ctx.run(listConversations, { credentials: { apiKey: ctx.sandbox.apiKey, baseUrl: `http://localhost:${port}/` } });
		expect(result.error.message).toBe(`Nothing answers at localhost:${port}, the Base URL's host and port (connection refused) [item 0]`);
		expect(result.error.description).toMatch(/Tried 4 times; a read changes nothing in Peach, so running it again is safe\.$/);
	});
});

/** The credential's test function, found the way n8n's CredentialsTester finds it. */
function findCredentialTestFunction() {
	// n8n uses a credential's own declarative `test` first: there must be none, or n8n's raw errors come back.
	expect(new PeachApi().test).toBeUndefined();
	const found = [Peach, PeachPollingTrigger].map((NodeType) => {
		const node = new NodeType();
		const entry = node.description.credentials.find((credential) => credential.name === 'peachApi');
		expect(typeof entry.testedBy).toBe('string');
		return node.methods.credentialTest[entry.testedBy];
	});
	expect(typeof found[0]).toBe('function');
	expect(found[1]).toBe(found[0]);
	return found[0];
}

describe('credential Test button', () => {
	const ctx = useSandbox();
	/** As n8n's CredentialsTester calls it: a fresh CredentialTestContext, the decrypted credential. */
	const check = async (data, context = new CredentialTestContext()) => {
		const answer = await findCredentialTestFunction().call(context, { id: '1', name: 'Peach account', type: 'peachApi', data });
		// No answer, good or bad, repeats the key it was given.
		const key = String(data.apiKey).trim().replace(/^Bearer /, '');
		if (key.length >= 4) expect(answer.message).not.toContain(key);
		return answer;
	};
	const working = () => ({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.url });

	test('the sandbox with its key: OK, after one GET /api/v1/conversations?per=1 with the raw key', async () => {
		const answer = await check(working());
		expect(answer).toEqual({ status: 'OK', message: `Connected to Peach at ${ctx.sandbox.url.replace('http://', '')}; the API key works.` });
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/conversations', query: { per: '1' } });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
	});

	test('a wrong key: 401 in words, the key not repeated', async () => {
		const answer = await check({ ...working(), apiKey: 'wrong-key-123' });
		expect(answer.status).toBe('Error');
		expect(answer.message).toMatch(/^Peach did not accept the API key \(401\)\. Copy it again from the Peach dashboard/);
	});

	test('a key Peach knows but may not use the API: 403 in words', async () => {
		ctx.sandbox.fault('GET /api/v1/conversations', { status: 403, body: { reason: 'forbidden' } });
		const answer = await check(working());
		expect(answer).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Peach refused this API key \(403\)/) });
	});

	test('the key with "Bearer " or spaces around it is refused before asking Peach', async () => {
		expect(await check({ ...working(), apiKey: `Bearer ${ctx.sandbox.apiKey}` })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/Remove "Bearer "/),
		});
		expect(await check({ ...working(), apiKey: ` ${ctx.sandbox.apiKey}\n` })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/Remove the spaces or line breaks/),
		});
		expect(await check({ ...working(), apiKey: '' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Enter the API key/) });
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('Base URL without a scheme, with /api/v1, with a query, or unparseable: what to fix, nothing sent', async () => {
		const hostPort = ctx.sandbox.url.replace('http://', '');
		expect(await check({ ...working(), baseUrl: hostPort })).toEqual({
			status: 'Error',
			message: `Base URL "${hostPort}" has no https:// in front. Write it with its scheme: https://${hostPort}. The Base URL is the address only, starting with https:// (or http:// for a local server), e.g. https://app.trypeach.ai.`,
		});
		expect(await check({ ...working(), baseUrl: `${ctx.sandbox.url}/api/v1` })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/ends in \/api\/v1, which the node adds to every request itself.*Remove \/api\/v1: use http:\/\/127\.0\.0\.1:\d+\.$/),
		});
		expect(await check({ ...working(), baseUrl: `${ctx.sandbox.url}#top` })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/has a #fragment after the address/),
		});
		expect(await check({ ...working(), baseUrl: 'https://[::1' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Base URL "https:\/\/\[::1" is not a valid web address\./),
		});
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('a closed port: names host:port and says to check the Base URL and its port', async () => {
		const port = await closedPort();
		const answer = await check({ ...working(), baseUrl: `http://127.0.0.1:${port}` });
		expect(answer.status).toBe('Error');
		expect(answer.message).toBe(
			`Nothing answers at 127.0.0.1:${port}, the Base URL's host and port (connection refused). Check Peach API credential → Base URL: the host and port must be where Peach answers (https://app.trypeach.ai unless Peach gave you another address; a port is only needed for a local or proxy server).`,
		);
	});

	test('a host that does not resolve: names the host and says to check the spelling', async () => {
		// Name resolution is not done for real (tests stay on loopback): the request helper fails the
		// way Node's resolver does.
		const unresolved = Object.assign(new Error('getaddrinfo ENOTFOUND app.trypeach.ia'), { code: 'ENOTFOUND' });
		const asked = [];
		const context = { helpers: { request: async (options) => (asked.push(options), Promise.reject(unresolved)) } };
		const answer = await check({ ...working(), baseUrl: 'https://app.trypeach.ia' }, context);
		// What would have gone out, had the name resolved: the list read Peach answers, with the raw key.
		expect(asked).toHaveLength(1);
		expect(asked[0]).toMatchObject({
			method: 'GET',
			uri: 'https://app.trypeach.ia/api/v1/conversations',
			qs: { per: 1 },
			headers: { Authorization: ctx.sandbox.apiKey },
		});
		expect(answer).toEqual({
			status: 'Error',
			message:
				"The Base URL's host app.trypeach.ia could not be found (DNS lookup failed: ENOTFOUND). Check the spelling of Peach API credential → Base URL (https://app.trypeach.ai unless Peach gave you another address), and that the n8n host can resolve names.",
		});
	});

	test('a server that is not Peach: 404 says the Base URL does not point at Peach; a 200 page that is not JSON too', async () => {
		const notPeach = await startServer((request, response) => {
			if (request.url.startsWith('/site/')) {
				response.writeHead(200, { 'Content-Type': 'text/html' });
				response.end('<html>Welcome</html>');
				return;
			}
			response.writeHead(404, { 'Content-Type': 'text/html' });
			response.end('<html>Not found</html>');
		});
		try {
			const hostPort = notPeach.url.replace('http://', '');
			expect(await check({ ...working(), baseUrl: notPeach.url })).toEqual({
				status: 'Error',
				message: `${hostPort} answered 404 Not Found for /api/v1/conversations: the Base URL does not point at Peach's API. Use https://app.trypeach.ai unless Peach gave you another address.`,
			});
			expect(await check({ ...working(), baseUrl: `${notPeach.url}/site` })).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/answered, but not as Peach's API does \(the answer is not JSON\)/),
			});
		} finally {
			await notPeach.close();
		}
	});

	test('a server that accepts the connection and never answers: a timeout in words', async () => {
		const silent = await startServer(() => {});
		try {
			const answer = await check({ ...working(), baseUrl: silent.url });
			expect(answer.status).toBe('Error');
			expect(answer.message).toMatch(
				new RegExp(`^${silent.url.replace('http://', '').replace(/\./g, '\\.')} accepted the connection but did not answer within 15 s\\. Check that Peach API credential → Base URL`),
			);
		} finally {
			await silent.close();
		}
	}, 40_000);
});
