/**
 * A small stand-in for n8n's IWebhookFunctions, enough to call the built Peach Trigger's
 * `webhook()` the way n8n does for one HTTP request:
 * - parameters are the node's own defaults, overridden per test (unknown names throw, as in n8n);
 * - the request has lower-cased headers, a query object and `rawBody` as a Buffer of the exact bytes;
 * - the response records what the node wrote (status and body);
 * - workflow static data behaves like n8n's: an ObservableObject rebuilt from the last saved JSON
 *   on every request and saved back only when it changed, as for an active workflow
 *   (`persistence: 'memory'` keeps one ObservableObject across requests instead, which is faster
 *   for long runs and is what a workflow object kept in memory sees).
 */
const { ObservableObject } = require('n8n-workflow');
const {
	returnJsonArray,
} = require('n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array.js');

const { PeachTrigger } = require('../../dist/nodes/PeachTrigger/PeachTrigger.node.js');

const NODE_NAME = 'Peach Trigger';

/** Whether a property exists in this node version (its `@version` display condition). */
function inVersion(property, version) {
	const wanted = property.displayOptions && property.displayOptions.show && property.displayOptions.show['@version'];
	if (!wanted) return true;
	return wanted.some((entry) => {
		if (typeof entry === 'number') return entry === version;
		const { gte } = (entry && entry._cnd) || {};
		if (gte !== undefined) return version >= gte;
		throw new Error(`Unsupported @version condition ${JSON.stringify(entry)}`);
	});
}

function nodeDefaults(description, version = latestVersion(description)) {
	const defaults = {};
	for (const property of description.properties) {
		if (property.type === 'notice' || !inVersion(property, version)) continue;
		defaults[property.name] = property.default;
	}
	return defaults;
}

function latestVersion(description) {
	return description.defaultVersion ?? Math.max(...[].concat(description.version));
}

function lowerCaseHeaders(headers) {
	const result = {};
	for (const [name, value] of Object.entries(headers || {})) result[name.toLowerCase()] = value;
	return result;
}

function createResponseRecorder() {
	const response = {
		statusCode: 200,
		body: undefined,
		ended: false,
		status(code) {
			response.statusCode = code;
			return response;
		},
		json(body) {
			response.body = body;
			response.ended = true;
			return response;
		},
		send(body) {
			response.body = body;
			response.ended = true;
			return response;
		},
		end() {
			response.ended = true;
			return response;
		},
	};
	return response;
}

/**
 * One trigger node as it sits in an active workflow. `deliver()` plays one HTTP request through
 * `webhook()` and returns what n8n would act on.
 */
let triggers = 0;

/**
 * persistence: 'json' (n8n saves changed static data and reloads it as JSON), 'memory' (one live
 * object) or 'lost' (n8n never saves it: each request starts from what was there at first).
 */
function createTrigger({ parameters = {}, credentials, staticData, persistence = 'json', version } = {}) {
	// Each trigger is its own workflow, as far as any memory kept in the process goes.
	const workflow = { id: `test-workflow-${++triggers}`, name: 'Peach Trigger test', active: true };
	const trigger = new PeachTrigger();
	const typeVersion = version ?? latestVersion(trigger.description);
	const defaults = nodeDefaults(trigger.description, typeVersion);
	for (const name of Object.keys(parameters)) {
		if (!(name in defaults)) throw new Error(`Unknown Peach Trigger parameter "${name}"`);
	}
	const nodeParameters = { ...defaults, ...parameters };
	const node = {
		id: 'peach-trigger-node',
		name: NODE_NAME,
		type: 'n8n-nodes-peach.peachTrigger',
		typeVersion,
		position: [0, 0],
		parameters: nodeParameters,
		webhookId: '6f1d9c1e-0000-4000-8000-000000000001',
	};

	/** The workflow's static data as n8n keeps it in the database between requests. */
	let savedStaticData = staticData ? JSON.parse(JSON.stringify(staticData)) : {};
	let saves = 0;
	const observe = (data) => ObservableObject.create(data, undefined, { ignoreEmptyOnFirstChild: true });
	const liveStaticData = persistence === 'memory' ? observe(savedStaticData) : undefined;

	/**
	 * `rawBody: null` plays a request whose raw bytes n8n did not keep; `lazyRawBody: true` one
	 * whose bytes n8n reads only when asked (`readRawBody()`, as for a body type it does not parse).
	 */
	async function deliver({ body, rawBody, headers = {}, query = {}, lazyRawBody = false } = {}) {
		let raw;
		if (rawBody === null) raw = undefined;
		else if (rawBody !== undefined) raw = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody), 'utf8');
		else if (body !== undefined) raw = Buffer.from(JSON.stringify(body), 'utf8');

		let parsedBody = body;
		if (parsedBody === undefined) {
			try {
				parsedBody = raw ? JSON.parse(raw.toString('utf8')) : {};
			} catch {
				parsedBody = {};
			}
		}

		const request = { headers: lowerCaseHeaders(headers), query, body: parsedBody, rawBody: lazyRawBody ? undefined : raw };
		if (lazyRawBody) {
			request.readRawBody = async () => {
				request.rawBody = raw;
			};
		}
		const response = createResponseRecorder();
		const logs = [];
		const workflowStaticData = liveStaticData ?? observe(JSON.parse(JSON.stringify(savedStaticData)));

		const context = {
			logger: {
				debug: (message) => logs.push(['debug', message]),
				info: (message) => logs.push(['info', message]),
				warn: (message) => logs.push(['warn', message]),
				error: (message) => logs.push(['error', message]),
			},
			getNode: () => node,
			getWorkflow: () => workflow,
			getMode: () => 'webhook',
			getWebhookName: () => 'default',
			getNodeParameter(name, fallback) {
				const value = name.split('.').reduce((object, key) => (object == null ? undefined : object[key]), nodeParameters);
				if (value !== undefined) return value;
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			},
			async getCredentials(type) {
				if (type !== 'peachWebhookApi') throw new Error(`Unexpected credential type "${type}"`);
				if (!credentials) throw new Error('Node does not have any credentials set');
				return credentials;
			},
			getBodyData: () => parsedBody,
			getHeaderData: () => request.headers,
			getQueryData: () => query,
			getParamsData: () => ({}),
			getRequestObject: () => request,
			getResponseObject: () => response,
			getWorkflowStaticData(type) {
				if (type !== 'node') throw new Error('The Peach Trigger only uses node static data');
				const key = `node:${NODE_NAME}`;
				if (workflowStaticData[key] === undefined) {
					workflowStaticData[key] = ObservableObject.create({}, workflowStaticData);
				}
				return workflowStaticData[key];
			},
			helpers: { returnJsonArray },
		};

		const result = await trigger.webhook.call(context);

		// n8n saves static data after each webhook call, when it changed.
		if (workflowStaticData.__dataChanged) {
			if (!liveStaticData && persistence !== 'lost') savedStaticData = JSON.parse(JSON.stringify(workflowStaticData));
			workflowStaticData.__dataChanged = false;
			saves++;
		}

		const items = result.workflowData ? result.workflowData[0].map((item) => item.json) : [];
		return {
			result,
			response,
			items,
			logs,
			started: Boolean(result.workflowData),
			/** What the sender receives: the node's own answer, or n8n's for onReceived webhooks. */
			answer: result.noWebhookResponse
				? { status: response.statusCode, body: response.body }
				: { status: 200, body: result.webhookResponse ?? { message: 'Workflow was started' } },
		};
	}

	return {
		trigger,
		deliver,
		get savedStaticData() {
			return liveStaticData ? JSON.parse(JSON.stringify(liveStaticData)) : savedStaticData;
		},
		get saves() {
			return saves;
		},
	};
}

module.exports = { createTrigger, nodeDefaults, latestVersion, NODE_NAME };
