'use strict';
// Throw-away PostgreSQL and Redis servers for n8n's queue mode, from the machine's Debian packages
// (`postgresql`, `redis-server`; .ci/run installs them when missing). Each server gets a free
// loopback port and a temporary data folder, runs in its own process group (../processes.js), and
// is stopped and its folder removed by close(), or on exit whatever happens.
//
//   const pg = await startPostgres();   // { host, port, user, database, env(), query(sql), close() }
//   const redis = await startRedis();   // { host, port, close() }
//
// PostgreSQL refuses to run as root: as root, its data folder is given to the `postgres` user
// (which the Debian package creates) and the server runs through `runuser -u postgres`.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
const { spawnGroup, freePort, onExit, killGroup } = require('../../tools/n8n/processes');

const HOST = '127.0.0.1';

function log(msg) {
	process.stdout.write(`[services] ${msg}\n`);
}

function exec(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, ...opts }, (err, stdout, stderr) => {
			if (err) {
				err.message = `${cmd} ${args.join(' ')} failed: ${String(stderr || stdout || err.message).trim().slice(-2000)}`;
				reject(err);
			} else resolve(stdout);
		});
	});
}

// Debian installs PostgreSQL under /usr/lib/postgresql/<major>/bin; take the newest there, or the PATH.
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	let majors = [];
	try {
		majors = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'bin', 'postgres')));
	} catch {}
	majors.sort((a, b) => Number(b) - Number(a));
	if (majors.length) return path.join(root, majors[0], 'bin');
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (dir && fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb'))) return dir;
	}
	return null;
}

function findOnPath(name) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir || '.', name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {}
	}
	return null;
}

// What is missing to run the queue-mode servers here, or null when both can run.
function missingServices() {
	const missing = [];
	if (!postgresBinDir()) missing.push('PostgreSQL (Debian package postgresql)');
	if (!findOnPath('redis-server')) missing.push('Redis (Debian package redis-server)');
	if (!findOnPath('psql')) missing.push('psql (Debian package postgresql-client)');
	return missing.length ? missing : null;
}

function userIds(name) {
	try {
		const line = fs
			.readFileSync('/etc/passwd', 'utf8')
			.split('\n')
			.find((l) => l.startsWith(`${name}:`));
		if (!line) return null;
		const [, , uid, gid] = line.split(':');
		return { uid: Number(uid), gid: Number(gid) };
	} catch {
		return null;
	}
}

// Waits until `check()` resolves truthy; gives up after timeoutMs with the server's output.
async function waitUntil(check, { timeoutMs, what, child, output }) {
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode) throw new Error(`${what} exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
		try {
			if (await check()) return;
		} catch {}
		if (Date.now() - started > timeoutMs) throw new Error(`${what} was not ready within ${timeoutMs / 1000}s:\n${output()}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

// A group stop that sends `signal` first (PostgreSQL shuts down fast on SIGINT), then SIGKILL.
async function stopChild(child, signal, timeoutMs) {
	if (child.exitCode === null && !child.signalCode) {
		killGroup(child.pid, signal);
		let timer;
		await Promise.race([child.exited, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
		clearTimeout(timer);
	}
	await child.stop(0);
}

async function startPostgres({ database = 'n8n', user = 'n8n' } = {}) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql (.ci/run does it when missing)');
	const psql = findOnPath('psql') || path.join(bin, 'psql');
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-pg-'));
	const removeOnExit = onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
	const dataDir = path.join(dir, 'data');
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	let runAs = [];
	if (asRoot) {
		const ids = userIds('postgres');
		if (!ids) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as (the Debian package creates it)');
		fs.chownSync(dir, ids.uid, ids.gid);
		runAs = ['runuser', '-u', 'postgres', '--'];
	}
	const run = (args) => (runAs.length ? exec(runAs[0], [...runAs.slice(1), ...args]) : exec(args[0], args.slice(1)));
	try {
		await run([path.join(bin, 'initdb'), '-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
		const port = await freePort(HOST);
		// Durability off: the data is thrown away after the run. Sockets only on loopback and in dir.
		const args = [
			path.join(bin, 'postgres'),
			'-D', dataDir,
			'-p', String(port),
			'-k', dir,
			'-c', `listen_addresses=${HOST}`,
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=200',
		];
		const child = spawnGroup(runAs.length ? runAs[0] : args[0], runAs.length ? [...runAs.slice(1), ...args] : args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] }, 'postgres');
		let out = '';
		const keep = (c) => (out = (out + c).slice(-20000));
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const query = (sql, db = database) => exec(psql, ['-h', HOST, '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql]);
		await waitUntil(() => query('select 1', 'postgres').then((o) => o.trim() === '1'), { timeoutMs: 60000, what: 'PostgreSQL', child, output: () => out });
		await query(`create database ${database}`, 'postgres');
		log(`PostgreSQL on ${HOST}:${port} (data in ${dir}, ready in ${((Date.now() - started) / 1000).toFixed(1)}s)`);
		return {
			host: HOST,
			port,
			user,
			database,
			dir,
			query,
			// The settings n8n needs to use this database.
			env: () => ({
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: HOST,
				DB_POSTGRESDB_PORT: String(port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: user,
				DB_POSTGRESDB_PASSWORD: '',
			}),
			close: async () => {
				await stopChild(child, 'SIGINT', 15000);
				fs.rmSync(dir, { recursive: true, force: true });
				removeOnExit();
			},
		};
	} catch (err) {
		fs.rmSync(dir, { recursive: true, force: true });
		removeOnExit();
		throw err;
	}
}

async function startRedis() {
	const redis = findOnPath('redis-server');
	if (!redis) throw new Error('Redis is not installed: apt-get install redis-server (.ci/run does it when missing)');
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peach-redis-'));
	const removeOnExit = onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
	const port = await freePort(HOST);
	// No persistence: no RDB snapshots, no append-only file.
	const child = spawnGroup(
		redis,
		['--port', String(port), '--bind', HOST, '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
		{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
		'redis-server',
	);
	let out = '';
	const keep = (c) => (out = (out + c).slice(-20000));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const net = require('net');
	const ping = () =>
		new Promise((resolve) => {
			const socket = net.connect(port, HOST);
			let reply = '';
			socket.setTimeout(1000, () => socket.destroy());
			socket.on('error', () => resolve(false));
			socket.on('data', (c) => {
				reply += c;
				if (reply.includes('\r\n')) {
					socket.end();
					resolve(reply.startsWith('+PONG'));
				}
			});
			socket.on('close', () => resolve(reply.startsWith('+PONG')));
			socket.write('PING\r\n');
		});
	try {
		await waitUntil(ping, { timeoutMs: 30000, what: 'Redis', child, output: () => out });
	} catch (err) {
		await child.stop(2000);
		fs.rmSync(dir, { recursive: true, force: true });
		removeOnExit();
		throw err;
	}
	log(`Redis on ${HOST}:${port} (no persistence, folder ${dir}, ready in ${((Date.now() - started) / 1000).toFixed(1)}s)`);
	return {
		host: HOST,
		port,
		dir,
		close: async () => {
			await stopChild(child, 'SIGTERM', 10000);
			fs.rmSync(dir, { recursive: true, force: true });
			removeOnExit();
		},
	};
}

module.exports = { startPostgres, startRedis, missingServices, postgresBinDir };
