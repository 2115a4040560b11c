'use strict';
// A loopback stand-in for an OpenAI-compatible chat model, so an n8n AI Agent can run the Peach
// tool without any model service: on the first turn it asks to call the first tool it is offered
// (with arguments built from that tool's JSON schema), and once a tool result is in the
// conversation it answers with a text that quotes the result. It records every request.
// With a script (`script([{ tool: 'Peach_Send', args: {…} }, …])`, reset by `clear()`), it makes
// those calls instead, one per turn, and then answers with every tool result, in order.

const http = require('http');

function argumentsFor(schema) {
	const args = {};
	const props = (schema && schema.properties) || {};
	for (const [name, prop] of Object.entries(props)) {
		if (!(schema.required || []).includes(name)) continue;
		const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
		args[name] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? false : type === 'array' ? [] : type === 'object' ? {} : 'e2e';
	}
	return args;
}

async function startFakeOpenAi({ host = '127.0.0.1', port = 0 } = {}) {
	const requests = [];
	let calls = 0;
	let planned = null;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			let body = {};
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
			} catch {}
			requests.push({ method: req.method, path: req.url, body });
			if (req.method === 'GET' && req.url.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'e2e' }] }));
				return;
			}
			if (!req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `fake OpenAI has no ${req.method} ${req.url}` } }));
				return;
			}
			calls += 1;
			const messages = body.messages || [];
			const toolResults = messages.filter((m) => m.role === 'tool');
			const toolResult = toolResults[toolResults.length - 1];
			const tools = body.tools || [];
			let message;
			let finish;
			if (planned && toolResults.length < planned.length) {
				const step = planned[toolResults.length];
				message = {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: `call_e2e_${calls}`, type: 'function', function: { name: step.tool, arguments: JSON.stringify(step.args || {}) } }],
				};
				finish = 'tool_calls';
			} else if (planned) {
				const quoted = toolResults.map((m, i) => `[${i + 1}] ${String(m.content).slice(0, 2000)}`).join('\n');
				message = { role: 'assistant', content: `Peach tools answered:\n${quoted}` };
				finish = 'stop';
			} else if (!toolResult && tools.length) {
				const fn = tools[0].function;
				message = {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: `call_e2e_${calls}`, type: 'function', function: { name: fn.name, arguments: JSON.stringify(argumentsFor(fn.parameters)) } }],
				};
				finish = 'tool_calls';
			} else {
				const content = toolResult ? String(toolResult.content) : '';
				message = { role: 'assistant', content: `Peach tool answered: ${content.slice(0, 2000)}` };
				finish = 'stop';
			}
			const base = { id: `chatcmpl-e2e-${calls}`, created: Math.floor(Date.now() / 1000), model: body.model || 'gpt-4o-mini' };
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				const delta = message.tool_calls
					? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((t, index) => ({ index, ...t })) }
					: { role: 'assistant', content: message.content };
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const url = `http://${host}:${server.address().port}/v1`;
	return {
		url,
		requests,
		clear: () => {
			requests.splice(0, requests.length);
			planned = null;
		},
		script: (steps) => {
			planned = steps;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections && server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startFakeOpenAi };
