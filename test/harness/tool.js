/**
 * Runs the Peach node's TOOL version the way n8n does for an AI Agent: the tool node type is built
 * like n8n's own (name + "Tool", an ai_tool output, Tool Description added, a declarative node's
 * execute runs RoutingNode over the base node type), connected to a minimal agent node whose
 * execute asks n8n-core for its tools (getInputConnectionData → createNodeAsTool) and invokes the
 * Peach tool with the arguments a model would give. Everything between the agent and Peach is
 * n8n-core's real code: the $fromAI schema, the tool invocation, the node run and its run data.
 */
const path = require('path');
const { RoutingNode } = require('n8n-core');
const { Workflow, NodeHelpers, deepCopy } = require('n8n-workflow');
const { DIST, executeWorkflow } = require('./index');

const { Peach } = require(path.join(DIST, 'nodes/Peach/Peach.node.js'));

const PEACH_TYPE = 'n8n-nodes-peach.peach';
const TOOL_TYPE = `${PEACH_TYPE}Tool`;
const AGENT_TYPE = 'test.agent';

/** The tool variant n8n derives from a node with `usableAsTool` (n8n's NodeTypes + convertNodeToAiTool). */
function toolNodeType() {
	const base = new Peach();
	if (!base.execute) {
		// n8n gives a declarative node an execute that runs RoutingNode over the BASE type.
		base.execute = async function () {
			return (await new RoutingNode(this, base).runNode()) ?? [];
		};
	}
	const description = deepCopy(base.description);
	// deepCopy drops functions (preSend/postReceive); keep the original property objects instead.
	description.properties = [...base.description.properties];
	description.name = `${base.description.name}Tool`;
	description.inputs = [];
	description.outputs = ['ai_tool'];
	description.displayName += ' Tool';
	delete description.usableAsTool;
	description.properties.unshift(
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: base.description.description,
			required: true,
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
	);
	return Object.assign(Object.create(base), { description });
}

/** The agent: invokes the first tool it is given once per entry of `calls`, as a model would. */
function agentNodeType(calls, log) {
	return {
		description: {
			displayName: 'Test Agent',
			name: AGENT_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Calls its tool with fixed arguments',
			defaults: { name: 'Agent' },
			inputs: ['main', { type: 'ai_tool', required: true }],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			const supplied = await this.getInputConnectionData('ai_tool', 0);
			const tools = (Array.isArray(supplied) ? supplied : [supplied]).flatMap((t) => t.tools ?? [t]);
			const tool = tools[0];
			log.tool = tool;
			const out = [];
			for (const args of calls) {
				try {
					const answer = await tool.invoke(args);
					out.push({ json: { ok: true, answer: JSON.parse(answer) } });
				} catch (error) {
					out.push({ json: { ok: false, error: error.message } });
				}
			}
			return [out];
		},
	};
}

/**
 * @param {object} options
 * @param {object} options.parameters  the tool node's parameters as the editor would store them
 * @param {Array<object>} options.calls  the arguments of each tool call the "model" makes, in order
 * @param {object} options.credentials  { apiKey, baseUrl }
 * @param {string} [options.executionId]  a fresh one per run unless given (the guard rails count per run)
 * @param {object} [options.nodeSettings]  the tool node's settings as n8n stores them, e.g. { retryOnFail: true }
 * @returns {Promise<{ answers: object[], toolRuns: object[], tool: object, status: string }>}
 */
async function runTool({ parameters, calls, credentials, executionId, nodeSettings = {} }) {
	const log = {};
	const toolType = toolNodeType();
	const agentType = agentNodeType(calls, log);
	const agent = { id: 'agent', name: 'Agent', type: AGENT_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const peach = {
		id: 'peach-tool',
		name: 'Peach',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [0, 200],
		parameters,
		credentials: { peachApi: { id: '1', name: 'Peach account' } },
		...nodeSettings,
	};
	const workflowData = {
		id: 'tool-workflow',
		name: 'tool',
		nodes: [agent, peach],
		connections: { Peach: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] } },
		active: false,
		settings: {},
	};
	const nodeTypes = {
		getByName: (type) => (type === TOOL_TYPE ? toolType : type === AGENT_TYPE ? agentType : new Peach()),
		getByNameAndVersion: (type, version) =>
			NodeHelpers.getVersionedNodeType(type === TOOL_TYPE ? toolType : type === AGENT_TYPE ? agentType : new Peach(), version),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	const start = { node: workflow.getNode('Agent'), data: { main: [[{ json: {} }]] } };
	const run = await executeWorkflow(workflow, workflowData, start, { credentials, executionId });
	const agentRun = run.data.resultData.runData.Agent?.[0];
	if (agentRun?.error) throw agentRun.error;
	return {
		status: run.status,
		answers: (agentRun?.data?.main?.[0] ?? []).map((item) => item.json),
		toolRuns: run.data.resultData.runData.Peach ?? [],
		tool: log.tool,
		workflow,
	};
}

/** Parameters of a tool that may send the sandbox's approved template without variables, plus `extra`. */
function templateSendTool(fixtures, extra = {}) {
	return {
		resource: 'templateMessage',
		operation: 'send',
		toolAllowedOperations: ['read', 'send'],
		toolAllowedTemplates: [fixtures.templates.approvedNoVariables],
		...extra,
	};
}

/** The arguments a model gives to send that template to an Indian number, plus `extra`. */
function templateSendCall(fixtures, extra = {}) {
	return {
		phone_number: '+919988776655',
		template_id: fixtures.templates.approvedNoVariables,
		template_variables: '{}',
		...extra,
	};
}

module.exports = { runTool, toolNodeType, TOOL_TYPE, templateSendTool, templateSendCall };
