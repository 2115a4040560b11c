'use strict';
/**
 * npm run bench: the package in real n8n (the e2e runtime) against the Peach sandbox, side by side
 * with what a user would build instead (n8n's HTTP Request node, Batching tuned by hand), in the
 * same run. Prints a table per scenario and writes docs/benchmarks.md.
 *
 *   P1  send a template (variables by expression, so the template must be read) to 1,000 items at
 *       default settings, under sandbox limits of 5, 20 and 100 requests/s (token bucket, burst =
 *       rate, 429 with Retry-After) and 50 ms latency.
 *   P2  Return All over 10,000 conversations (50 ms latency, no limit).
 *   trigger  the Peach Trigger against n8n's Webhook node (bench/trigger.js; about 30 minutes).
 *
 * Not part of CI's pass/fail: timings on a shared 2-core machine are noisy. The short correctness
 * version runs in jest (test/scale).
 *
 *   node bench/run.js [--only P1,P2,trigger] [--items 1000] [--rates 5,20,100] [--n8n 2.41.1] [--no-write]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSandbox } = require('../tools/sandbox');
const { N8n, makeId } = require('../tools/n8n/n8n');
const { installHandlers, stopAllNow } = require('../tools/n8n/processes');

const REPO = path.resolve(__dirname, '..');
const RESULTS = path.join(REPO, 'docs', 'benchmarks.md');

function args() {
	const out = { only: ['P1', 'P2', 'trigger'], items: 1000, rates: [5, 20, 100], n8n: '2.41.1', write: true, latency: 50, conversations: 10000 };
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i++) {
		const [key, value] = [argv[i], argv[i + 1]];
		if (key === '--only') (out.only = value.split(',')), i++;
		else if (key === '--items') (out.items = Number(value)), i++;
		else if (key === '--rates') (out.rates = value.split(',').map(Number)), i++;
		else if (key === '--n8n') (out.n8n = value), i++;
		else if (key === '--conversations') (out.conversations = Number(value)), i++;
		else if (key === '--no-write') out.write = false;
	}
	return out;
}

const log = (msg) => process.stdout.write(`[bench] ${msg}\n`);

function nodeRun(run, name) {
	return run?.data?.resultData?.runData?.[name]?.[0];
}

/** Items a node emitted, and how many of them are error items. */
function outputOf(run, name) {
	const items = nodeRun(run, name)?.data?.main?.[0] ?? [];
	return { items: items.length, errors: items.filter((item) => item.json?.error !== undefined || item.error).length };
}

function recipients(count) {
	return Array.from({ length: count }, (_, i) => ({ phone: `+9199${String(10_000_000 + i).slice(-8)}`, name: `Customer ${i}` }));
}

/** A Code node that makes the input items (as a sheet or a shop export would). */
function itemsNode(count) {
	return {
		name: 'Customers',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { phone: '+9199' + String(10000000 + i).slice(-8), name: 'Customer ' + i } }));`,
		},
	};
}

function linear(name, nodes) {
	const all = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }, ...nodes];
	const connections = {};
	all.forEach((node, i) => {
		node.position = [i * 240, 0];
		if (i < all.length - 1) connections[node.name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	});
	return { id: makeId(`bench:${name}`), name, nodes: all, connections, settings: {} };
}

const peachCredential = { peachApi: { id: 'benchPeachCred01', name: 'Peach (bench sandbox)' } };

function peachSend(templateId) {
	return {
		name: 'Peach',
		type: 'n8n-nodes-peach.peach',
		typeVersion: 1,
		credentials: peachCredential,
		onError: 'continueRegularOutput',
		parameters: {
			resource: 'templateMessage',
			operation: 'send',
			phoneNumber: '={{ $json.phone }}',
			templateId: { __rl: true, mode: 'id', value: templateId },
			variablesInput: 'json',
			variablesJson: '={{ JSON.stringify({ first_name: $json.name, order_id: "ORD-1", amount: "₹10" }) }}',
		},
	};
}

/** What a user builds without the package: HTTP Request, the body by hand, Batching tuned to the limit. */
function httpSend(sandbox, templateId, rate) {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url: `${sandbox.url}/api/v1/events`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: sandbox.apiKey }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				`={{ JSON.stringify({ event_type: "send_template_message", contact: { phone_number: $json.phone }, template_message: { whats_app_template_id: "${templateId}", liquid_values: { first_name: $json.name, order_id: "ORD-1", amount: "₹10" } } }) }}`,
			options: { batching: { batch: { batchSize: rate, batchInterval: 1000 } } },
		},
	};
}

function peachList() {
	return {
		name: 'Peach',
		type: 'n8n-nodes-peach.peach',
		typeVersion: 1,
		credentials: peachCredential,
		parameters: { resource: 'conversation', operation: 'getAll', returnAll: true },
	};
}

function httpList(sandbox) {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			url: `${sandbox.url}/api/v1/conversations`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'per', value: '1000' }] },
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: sandbox.apiKey }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: '={{ $response.body.next }}',
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.next }}',
					},
				},
			},
		},
	};
}

async function measure(inst, sandbox, workflow, nodeName) {
	sandbox.clearRequests();
	await inst.importWorkflows([workflow]);
	const started = Date.now();
	const result = await inst.execute(workflow.id, { timeoutMs: 900_000 });
	const total = Date.now() - started;
	const run = nodeRun(result.run, nodeName);
	const stats = sandbox.stats();
	return {
		wallMs: run?.executionTime ?? total,
		processMs: total,
		...outputOf(result.run, nodeName),
		ok: result.ok,
		...stats,
	};
}

const s = (ms) => (ms / 1000).toFixed(1);

/** P1 and P2: one n8n and one sandbox for all their runs. */
async function benchSends(opts, rows) {
	const sandbox = await startSandbox({ port: 0 });
	const inst = await N8n.create({ version: opts.n8n, label: '[bench n8n]' });
	await inst.importCredentials([
		{ id: peachCredential.peachApi.id, name: peachCredential.peachApi.name, type: 'peachApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } },
	]);
	const templateId = sandbox.fixtures.templates.approvedWithVariables;
	try {
		if (opts.only.includes('P1')) {
			for (const rate of opts.rates) {
				for (const [label, node] of [
					['Peach node, default settings', peachSend(templateId)],
					[`HTTP Request, Batching ${rate} per 1000 ms`, httpSend(sandbox, templateId, rate)],
				]) {
					sandbox.reset();
					sandbox.setRateLimit({ rate, burst: rate });
					sandbox.setLatency(opts.latency);
					log(`P1 ${rate}/s: ${label} …`);
					const r = await measure(inst, sandbox, linear(`P1 ${rate} ${label}`, [itemsNode(opts.items), node]), node.name);
					const floorMs = (opts.items / rate) * 1000;
					rows.P1.push({ rate, label, floorMs, ...r });
					log(`  ${s(r.wallMs)} s (${(r.wallMs / floorMs).toFixed(3)}x floor), sent ${r.sends}/${opts.items}, errors ${r.errors}, requests ${r.requests}, 429s ${r.refused}, duplicates ${r.duplicates}`);
				}
			}
		}
		if (opts.only.includes('P2')) {
			for (const [label, node] of [
				['Peach node, Return All', peachList()],
				['HTTP Request, pagination by next URL', httpList(sandbox)],
			]) {
				sandbox.reset();
				sandbox.setLatency(opts.latency);
				sandbox.growConversations(opts.conversations);
				log(`P2: ${label} …`);
				const r = await measure(inst, sandbox, linear(`P2 ${label}`, [node]), node.name);
				rows.P2.push({ label, ...r });
				log(`  ${s(r.wallMs)} s, ${r.items} items, requests ${r.requests}`);
			}
		}
	} finally {
		await inst.dispose();
		await sandbox.close();
	}
}

async function main() {
	const opts = args();
	installHandlers();
	const sends = opts.only.includes('P1') || opts.only.includes('P2');
	const rows = { P1: [], P2: [] };
	if (sends) await benchSends(opts, rows);

	if (rows.P1.length || rows.P2.length) {
		const report = render(rows, opts);
		process.stdout.write(`\n${report}\n`);
		if (opts.write) writeSection('sends', `## Sends at scale (\`npm run bench\`)\n\n${report}`);
	}
	if (opts.only.includes('trigger')) {
		const report = await require('./trigger').run({ profile: true });
		if (opts.write) writeSection('trigger', `## Trigger throughput (\`npm run bench\`, \`npm run bench:trigger\`)\n\n${report}`);
	}
}

function render(rows, opts) {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const lines = [
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')} at the end; n8n ${opts.n8n}, Node ${process.versions.node} (runner), the sandbox at ${opts.latency} ms latency. Wall time is the node's own execution time in n8n's run data; the floor is items ÷ rate. The sandbox's bucket starts full (a burst of one second's requests), so a run that uses it can end under the floor, by up to a second.`,
		'',
	];
	if (rows.P1.length) {
		lines.push(`### P1: send a template to ${opts.items} items (variables by expression), under a rate limit`, '');
		lines.push('| limit | node | wall time | / floor | items out | error items | sent | requests | 429s | requests per send | duplicates |');
		lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
		for (const r of rows.P1) {
			const perSend = r.sends ? ((r.requests - r.refused) / r.sends).toFixed(3) : '-';
			lines.push(`| ${r.rate}/s | ${r.label} | ${s(r.wallMs)} s | ${(r.wallMs / r.floorMs).toFixed(3)}x | ${r.items} | ${r.errors} | ${r.sends} | ${r.requests} | ${r.refused} | ${perSend} | ${r.duplicates} |`);
		}
		lines.push('', 'Requests per send counts what Peach processed (requests less 429s) for each message sent: the template read and the sends.', '');
	}
	if (rows.P2.length) {
		lines.push(`### P2: Return All over ${opts.conversations} conversations`, '');
		lines.push('| node | wall time | items out | requests |', '|---|---|---|---|');
		for (const r of rows.P2) lines.push(`| ${r.label} | ${s(r.wallMs)} s | ${r.items} | ${r.requests} |`);
		lines.push('', 'The HTTP Request node emits one item per page (a Split Out node would be needed for one per record); the Peach node emits one item per conversation.', '');
	}
	return lines.join('\n');
}

/** Replaces one section of docs/benchmarks.md (between its markers), leaving the others as they are. */
function writeSection(key, body) {
	const start = `<!-- bench:${key}:start -->`;
	const end = `<!-- bench:${key}:end -->`;
	let text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmarks\n\nProduced by `npm run bench`.\n';
	const section = `${start}\n${body}\n${end}`;
	if (text.includes(start) && text.includes(end)) {
		text = text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length);
	} else {
		text = `${text.trimEnd()}\n\n${section}\n`;
	}
	fs.writeFileSync(RESULTS, text);
	log(`wrote ${path.relative(REPO, RESULTS)} (${key})`);
}

main().catch((error) => {
	console.error(error);
	stopAllNow();
	process.exit(1);
});
