/**
 * Runs the built Peach node through n8n-core's real WorkflowExecute, so declarative routing,
 * preSend/postReceive, pagination, the credential's `authenticate` and "continue on fail" behave as
 * they do in n8n. Returns what n8n emitted.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

// n8n-core writes its instance settings into the user folder as soon as it loads, and logs every
// failed node run; the tests read errors from the run itself, so the log stays quiet.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
if (!process.env.N8N_USER_FOLDER) {
	// Inside jest's run folder (removed when the run ends); elsewhere, removed when this process exits.
	const folder = fs.mkdtempSync(path.join(process.env.PEACH_TEST_TMP || os.tmpdir(), 'peach-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	if (!process.env.PEACH_TEST_TMP) process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, NodeHelpers, ICredentialsHelper } = require('n8n-workflow');

const DIST = path.resolve(__dirname, '../../dist');
const { Peach } = require(path.join(DIST, 'nodes/Peach/Peach.node.js'));
const { PeachApi } = require(path.join(DIST, 'credentials/PeachApi.credentials.js'));

const CREDENTIAL_TYPES = { peachApi: new PeachApi() };

/** Resolves `={{...}}` values of a generic `authenticate` the way n8n's CredentialsHelper does. */
class SandboxCredentialsHelper extends ICredentialsHelper {
	constructor(credentialData) {
		super();
		this.credentialData = credentialData;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = CREDENTIAL_TYPES[typeName];
		if (!type || !type.authenticate) return requestOptions;
		if (typeof type.authenticate === 'function') return type.authenticate(credentials, requestOptions);
		const resolve = (value) =>
			workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
		const { headers = {}, qs = {}, body = {} } = type.authenticate.properties;
		const options = { ...requestOptions };
		for (const [key, value] of Object.entries(headers)) options.headers = { ...options.headers, [key]: resolve(value) };
		for (const [key, value] of Object.entries(qs)) options.qs = { ...options.qs, [key]: resolve(value) };
		for (const [key, value] of Object.entries(body)) options.body = { ...options.body, [key]: resolve(value) };
		return options;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		return {};
	}
	async getDecrypted() {
		if (!this.credentialData) throw new Error('No Peach API credential is set for this node');
		return { ...this.credentialData };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

/** What n8n hands a node run besides its parameters: the credential, URLs, the user. */
function additionalDataFor(credentials) {
	return {
		credentialsHelper: new SandboxCredentialsHelper(credentials),
		executionId: '1',
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'test-user',
	};
}

function nodeTypesFor(nodeType) {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: () => ({}),
	};
}

let executionCounter = 0;

/**
 * Runs `workflow` with n8n-core's WorkflowExecute from one node on the stack (`start`: { node,
 * data }) and resolves with the finished run. Each run has its own execution ID unless one is given.
 */
async function executeWorkflow(workflow, workflowData, start, { credentials = null, executionId } = {}) {
	const id = executionId ?? `test-run-${++executionCounter}`;
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ ...start, source: null }],
			waitingExecution: {},
			waitingExecutionSource: null,
		},
	};
	let finished;
	const done = new Promise((resolve) => (finished = resolve));
	const additionalData = { ...additionalDataFor(credentials), executionId: id };
	additionalData.hooks = new ExecutionLifecycleHooks('manual', id, workflowData);
	additionalData.hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	return await done;
}

/**
 * @param {object} options
 * @param {object} options.parameters  the node's parameters as the editor would store them
 * @param {object|null} [options.credentials]  { apiKey, baseUrl }; null runs without a credential
 * @param {Array<object>} [options.items]  input items (json objects or full { json, binary } items)
 * @param {boolean} [options.continueOnFail]  "On Error: Continue" (error items in the main output)
 * @param {object} [options.nodeSettings]  other node settings as n8n stores them, e.g. { executeOnce: true }
 * @param {object} [options.staticData]  the workflow's static data (a polling trigger's cursor)
 * @param {object} [options.workflowSettings]  the workflow's settings, e.g. { timezone: 'Asia/Kolkata' }
 * @param {(expression: string) => void} [options.onExpression]  called for every expression n8n evaluates
 * @returns {Promise<{ items: object[], output: object[], error?: Error, status: string }>}
 */
async function runNode({
	parameters,
	credentials = null,
	items = [{}],
	continueOnFail = false,
	nodeSettings = {},
	workflowSettings = {},
	nodeType = new Peach(),
	staticData,
	onExpression,
}) {
	const node = {
		id: 'peach-node',
		name: 'Peach',
		type: 'n8n-nodes-peach.peach',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentials ? { peachApi: { id: '1', name: 'Peach account' } } : {},
		...(continueOnFail ? { onError: 'continueRegularOutput', continueOnFail: true } : {}),
		...nodeSettings,
	};
	const workflowData = {
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		settings: workflowSettings,
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypesFor(nodeType), staticData });
	if (onExpression) {
		const expression = workflow.expression;
		const evaluate = expression.getParameterValue.bind(expression);
		expression.getParameterValue = (value, ...rest) => {
			if (typeof value === 'string' && value.startsWith('=')) onExpression(value);
			return evaluate(value, ...rest);
		};
	}
	const inputItems = items.map((item) => (item && item.json ? item : { json: item }));
	const run = await executeWorkflow(workflow, workflowData, { node, data: { main: [inputItems] } }, { credentials });
	const nodeRun = run.data.resultData.runData.Peach?.[0];
	const output = nodeRun?.data?.main?.[0] ?? [];
	return {
		status: run.status,
		error: run.data.resultData.error ?? nodeRun?.error,
		output,
		items: output.map((item) => item.json),
	};
}

module.exports = { runNode, executeWorkflow, DIST, additionalDataFor, nodeTypesFor };
