'use strict';
// A loopback HTTP server that records what n8n workflows POST to it, so a test can see that a
// published workflow ran and with which data: POST /<channel> stores the JSON body under <channel>.

const http = require('http');

async function startSink({ host = '127.0.0.1', port = 0 } = {}) {
	const received = []; // { channel, body, headers, at }
	const waiters = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {}
			const channel = decodeURIComponent(req.url.split('?')[0].replace(/^\/+/, ''));
			received.push({ channel, method: req.method, body, headers: req.headers, at: Date.now() });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
			for (const w of waiters) w();
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const url = `http://${host}:${server.address().port}`;

	function get(channel) {
		return received.filter((r) => r.channel === channel);
	}

	// Resolves with the records of `channel` once there are at least `count`; rejects after timeoutMs.
	function waitFor(channel, { count = 1, timeoutMs = 20000 } = {}) {
		return new Promise((resolve, reject) => {
			const check = () => {
				const got = get(channel);
				if (got.length >= count) {
					cleanup();
					resolve(got);
				}
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`sink: expected ${count} POST(s) on /${channel} within ${timeoutMs / 1000}s, got ${get(channel).length}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				waiters.delete(check);
			};
			waiters.add(check);
			check();
		});
	}

	return {
		url,
		received,
		get,
		waitFor,
		clear: () => received.splice(0, received.length),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections && server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startSink };
