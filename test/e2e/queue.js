'use strict';
// n8n in queue mode, the way a team runs it at scale, on one machine: PostgreSQL and Redis
// (./services.js), then n8n's main process (`n8n start`), workers (`n8n worker`) and webhook
// processes (`n8n webhook`). Every process has its own user folder with this package installed in
// it, as on separate machines, and all share one N8N_ENCRYPTION_KEY, one database and one queue.
//
//   const cluster = await QueueCluster.create({ version: '2.41.1', webhooks: 2 });
//   await cluster.main.importCredentials([...]); await cluster.main.importWorkflows([...]);
//   await cluster.main.activate([...ids]);
//   await cluster.start();        // main first (it registers the published webhooks), then the rest
//   cluster.webhookUrl(0, path);  // a production webhook URL on webhook process 0
//   await cluster.executions(workflowId);   // [{ id, status, finished, mode }] from PostgreSQL
//   await cluster.close();        // every process stopped by its group, every folder removed

const crypto = require('crypto');
const path = require('path');
const { N8n, ms } = require('../../tools/n8n/n8n');
const { ensureN8n } = require('../../tools/n8n/runtime');
const { freePort } = require('../../tools/n8n/processes');
const { startPostgres, startRedis } = require('./services');

// What a worker prints when it takes an execution from the queue (n8n's scaling logger, level info).
const WORKER_STARTED = /Worker started execution (\d+)/g;

class QueueCluster {
	constructor({ version, pg, redis, encryptionKey, binaryDataMode }) {
		this.version = version;
		this.pg = pg;
		this.redis = redis;
		this.encryptionKey = encryptionKey;
		this.binaryDataMode = binaryDataMode;
		this.main = null;
		this.workers = [];
		this.webhooks = [];
	}

	// The environment every process gets: the settings that make them one n8n.
	static sharedEnv({ pg, redis, encryptionKey, binaryDataMode }) {
		return {
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: encryptionKey,
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			...pg.env(),
			// Binary data must be readable by the process that runs the next node: in queue mode a
			// webhook process stores what it receives and a worker reads it. `database` keeps it in
			// PostgreSQL (n8n 2.x's default in queue mode); `filesystem` would need one shared folder.
			N8N_DEFAULT_BINARY_DATA_MODE: binaryDataMode,
			// Executions must be saved for the checks that count them.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// n8n's default pool (2 connections a process) is too small for a webhook process under
			// concurrent deliveries: its database ping times out and it answers 503 "Database is not ready".
			DB_POSTGRESDB_POOL_SIZE: '10',
		};
	}

	static async create({ version, webhooks = 1, workers = 1, binaryDataMode = 'database', log = () => {} } = {}) {
		const runtime = await ensureN8n(version);
		const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const cluster = new QueueCluster({ version: runtime.version, pg, redis, encryptionKey, binaryDataMode });
		try {
			const env = QueueCluster.sharedEnv({ pg, redis, encryptionKey, binaryDataMode });
			const make = (label) => N8n.create({ version: runtime.version, label: `[n8n ${runtime.version} ${label}]`, env });
			cluster.main = await make('main');
			for (let i = 0; i < workers; i++) cluster.workers.push(await make(`worker ${i + 1}`));
			for (let i = 0; i < webhooks; i++) cluster.webhooks.push(await make(`webhook ${i + 1}`));
			log(`${1 + workers + webhooks} user folders, the package installed in each; PostgreSQL ${pg.host}:${pg.port}, Redis ${redis.host}:${redis.port}`);
			// Ports now, so that the main process can be told the public webhook URL.
			for (const w of cluster.webhooks) w.plannedPort = await freePort();
			return cluster;
		} catch (err) {
			await cluster.close();
			throw err;
		}
	}

	get processes() {
		return [this.main, ...this.workers, ...this.webhooks].filter(Boolean);
	}

	// All processes side by side (the CLI import before has already brought the database schema
	// up to date). The main process registers the published workflows' webhooks and triggers, and
	// runs the pollers, as the leader; start() returns once it has done so and the rest are up.
	// webhooks: how many production webhooks the published workflows have (registered by the main
	// process a few seconds after its REST API answers; the webhook processes look them up there).
	async start({ webhooks = 0, timeoutMs = 120000 } = {}) {
		const started = Date.now();
		const publicUrl = this.webhooks.length ? `http://127.0.0.1:${this.webhooks[0].plannedPort}` : undefined;
		await Promise.all([
			this.main.start({ publicUrl }),
			...this.workers.map(async (w) => w.start({ command: 'worker', healthPort: await freePort(), keepLogChars: 4000000 })),
			...this.webhooks.map((w) => w.start({ command: 'webhook', port: w.plannedPort })),
		]);
		for (;;) {
			const registered = Number((await this.pg.query('select count(*) from webhook_entity')).trim());
			if (registered >= webhooks) break;
			if (Date.now() - started > timeoutMs) throw new Error(`the main process registered ${registered} of ${webhooks} webhooks within ${timeoutMs / 1000}s`);
			await new Promise((r) => setTimeout(r, 500));
		}
		return Date.now() - started;
	}

	webhookUrl(index, webhookPath) {
		return `${this.webhooks[index].url}/webhook/${webhookPath}`;
	}

	// Executions of a workflow as PostgreSQL holds them, oldest first.
	async executions(workflowId) {
		const out = await this.pg.query(
			`select id, status, finished, mode from execution_entity where "workflowId" = '${workflowId.replace(/'/g, "''")}' order by id`,
		);
		return out
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const [id, status, finished, mode] = line.split('|');
				return { id: Number(id), status, finished: finished === 't', mode };
			});
	}

	// Waits until the workflow has `count` executions, all of them ended; returns them.
	async waitForExecutions(workflowId, { count, timeoutMs = 120000, log } = {}) {
		const started = Date.now();
		let lastLog = started;
		for (;;) {
			const list = await this.executions(workflowId);
			const ended = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (list.length >= count && ended.length === list.length) return list;
			if (Date.now() - started > timeoutMs) {
				throw new Error(`expected ${count} ended executions of workflow ${workflowId} within ${timeoutMs / 1000}s: ${list.length} exist, ${ended.length} ended`);
			}
			if (log && Date.now() - lastLog > 10000) {
				lastLog = Date.now();
				log(`... ${list.length} execution(s) so far, ${ended.length} ended (${ms(Date.now() - started)})`);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	// The run data of one execution (n8n stores it in the `flatted` format).
	async runData(executionId) {
		const text = await this.pg.query(`select data from execution_data where "executionId" = ${Number(executionId)}`);
		// flatted comes with n8n: the same parser n8n itself uses for this column.
		const runtime = await ensureN8n(this.version);
		const { parse } = require(path.join(runtime.dir, 'node_modules', 'flatted'));
		return parse(text.trim());
	}

	// The execution ids each worker's log says it ran.
	workerExecutionIds() {
		return this.workers.map((w) => new Set([...String(w.serverLog).matchAll(WORKER_STARTED)].map((m) => Number(m[1]))));
	}

	async close() {
		// n8n first (they hold connections to both servers), then Redis and PostgreSQL.
		await Promise.all(this.processes.map((p) => p.dispose().catch(() => {})));
		if (this.redis) await this.redis.close().catch(() => {});
		if (this.pg) await this.pg.close().catch(() => {});
	}
}

module.exports = { QueueCluster };
