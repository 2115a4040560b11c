#!/usr/bin/env node
'use strict';
/**
 * Runs the Peach sandbox on its own:
 *   node tools/sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--api-key sandbox-key] [--quiet]
 * Prints the URL and the key to put in the Peach credential (Base URL, API Key); Ctrl-C stops it.
 * Environment fallbacks: PEACH_SANDBOX_PORT, PEACH_SANDBOX_HOST, PEACH_SANDBOX_API_KEY.
 */
const { startSandbox } = require('./index');

function parseArgs(argv) {
	const args = {
		port: process.env.PEACH_SANDBOX_PORT ?? '4010',
		host: process.env.PEACH_SANDBOX_HOST ?? '127.0.0.1',
		apiKey: process.env.PEACH_SANDBOX_API_KEY ?? 'sandbox-key',
		quiet: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port' || flag === '-p') args.port = value();
		else if (flag === '--host') args.host = value();
		else if (flag === '--api-key') args.apiKey = value();
		else if (flag === '--quiet' || flag === '-q') args.quiet = true;
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`Unknown option ${argv[i]}`);
	}
	if (!/^\d+$/.test(String(args.port))) throw new Error(`--port must be a number, got ${args.port}`);
	if (!args.apiKey) throw new Error('--api-key must not be empty');
	return { ...args, port: Number(args.port) };
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(err.message);
		process.exit(2);
	}
	if (args.help) {
		console.log('Usage: node tools/sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--api-key KEY] [--quiet]');
		return;
	}
	const sandbox = await startSandbox({ port: args.port, host: args.host, apiKey: args.apiKey, log: !args.quiet });
	console.log(`Peach sandbox listening on ${sandbox.url}`);
	console.log(`  Base URL: ${sandbox.url}`);
	console.log(`  API key:  ${sandbox.apiKey}`);
	console.log(`  Controls: ${sandbox.url}/__sandbox/fixtures (seed IDs), /__sandbox/requests, /__sandbox/reset`);
	console.log('Press Ctrl-C to stop.');

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the Peach sandbox`);
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	console.error(err.stack || err.message);
	process.exit(1);
});
