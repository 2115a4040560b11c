/**
 * Runs the built Peach Polling Trigger the way an active n8n workflow does: every poll goes through
 * n8n-core's PollTriggerExecutor (the code n8n's scheduler calls on each tick) with a real
 * PollContext, and the node's static data is persisted between polls as n8n persists it.
 *
 * Two persistence modes, the two n8n 2.41 has:
 * - 'memory' (n8n's default): one Workflow object for the whole activation; its static data lives
 *   in memory across polls and is saved (here: copied out as JSON) when a poll emits.
 * - 'durable' (N8N_POLLER_DURABLE_CURSORS_ENABLED): each poll works on a staged copy of the stored
 *   state, committed together with the execution it starts (or alone when it emits nothing, via
 *   poll-cursor-hooks' commitStagedCursor), and thrown away when the poll fails.
 *
 * "Fetch Test Event" runs through WorkflowExecute in manual mode, as the editor's button does.
 */
const { AsyncLocalStorage } = require('node:async_hooks');
const path = require('node:path');
const { PollContext, PollTriggerExecutor } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const { DIST, additionalDataFor, nodeTypesFor, runNode } = require('./index');

const { PeachPollingTrigger } = require(`${DIST}/nodes/PeachPollingTrigger/PeachPollingTrigger.node.js`);
// n8n's node loader (DirectoryLoader.applySpecialNodeParameters) adds Poll Times to every polling
// node; without it the node's own reading of `pollTimes` would see no parameter.
const { commonPollingParameters } = require(path.join(path.dirname(require.resolve('n8n-core')), 'nodes-loader/constants.js'));

const NODE_NAME = 'Peach Polling Trigger';
const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * @param {object} options
 * @param {object} options.parameters  the trigger's parameters as the editor stores them
 * @param {object} options.credentials  { apiKey, baseUrl }
 * @param {'memory'|'durable'} [options.persistence]
 */
function createPoller({ parameters, credentials, persistence = 'memory' }) {
	const nodeType = loadedPollingTrigger();
	const node = {
		id: 'peach-polling-trigger',
		name: NODE_NAME,
		type: 'n8n-nodes-peach.peachPollingTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
		credentials: { peachApi: { id: '1', name: 'Peach account' } },
	};
	const workflowData = { id: 'polling-workflow', name: 'polling', nodes: [node], connections: {}, active: true, settings: {} };
	// A poll runs outside any execution.
	const additionalData = { ...additionalDataFor(credentials), executionId: undefined };

	/** What the database holds: the workflow's saved static data (memory) or the committed cursor (durable). */
	const stored = { staticData: {}, cursor: {} };
	const executions = [];
	const failures = [];
	let current = { emitted: [], error: undefined };

	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypesFor(nodeType), staticData: {} });
	const staged = new AsyncLocalStorage();

	const saveStaticData = () => {
		if (workflow.staticData.__dataChanged === true) {
			stored.staticData = clone(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	};
	const commitStaged = () => {
		const scope = staged.getStore();
		if (!scope || JSON.stringify(scope.snapshot) === JSON.stringify(scope.seed)) return;
		stored.cursor = clone(scope.snapshot);
		scope.seed = clone(scope.snapshot);
	};

	const durable = persistence === 'durable';
	const pollFunctions = new PollContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		// __emit: n8n saves the static data (or commits the staged cursor) and starts an execution.
		(data) => {
			if (durable) commitStaged();
			else saveStaticData();
			const items = data[0].map((item) => item.json);
			executions.push(items);
			current.emitted.push(items);
		},
		// __emitError: n8n records a failed execution.
		(error) => {
			failures.push(error);
			current.error = error;
		},
		async () => {
			if (durable) commitStaged();
		},
		async (poll) => {
			if (!durable) return await poll();
			const seed = clone(stored.cursor);
			return await staged.run({ seed, snapshot: clone(seed) }, poll);
		},
		() => (durable ? staged.getStore().snapshot : workflow.getStaticData('node', node)),
	);
	const executePollTrigger = Container.get(PollTriggerExecutor).create(workflow, node, pollFunctions, () => true);

	async function run(testingTrigger) {
		current = { emitted: [], error: undefined };
		let thrown;
		try {
			await executePollTrigger(testingTrigger);
		} catch (error) {
			thrown = error;
		}
		const items = current.emitted.flat();
		return { items, executions: current.emitted.length, error: thrown ?? current.error };
	}

	return {
		node,
		/** Publishing the workflow: n8n runs one poll at once (errors fail the activation). */
		activate: () => run(true),
		/** One tick of the schedule. */
		poll: () => run(false),
		/** Every execution started so far: one array of item JSON per execution. */
		executions,
		failures,
		/** The trigger's state as stored between polls (what survives a restart). */
		storedState() {
			if (durable) return clone(stored.cursor.peachPoll);
			const data = clone(workflow.getStaticData('node', node));
			return data && data.peachPoll;
		},
		/** "Fetch Test Event" in the editor, with the stored static data in the workflow. */
		async fetchTestEvent() {
			const staticData = durable ? { [`node:${NODE_NAME}`]: clone(stored.cursor) } : workflow.staticData;
			return await runNode({
				nodeType,
				parameters: node.parameters,
				credentials,
				staticData,
			});
		},
	};
}

/** The Polling Trigger as n8n's node loader hands it over: Poll Times added at the top. */
function loadedPollingTrigger() {
	const nodeType = new PeachPollingTrigger();
	nodeType.description.properties.unshift(...commonPollingParameters);
	return nodeType;
}

module.exports = { createPoller, loadedPollingTrigger, NODE_NAME };
