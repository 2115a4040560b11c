'use strict';
// The Peach node as an AI agent tool: n8n derives a tool variant (n8n-nodes-peach.peachTool) from
// `usableAsTool`; a workflow where an AI Agent uses it imports and validates without issues; and
// an agent run (with a loopback stand-in chat model) calls the tool, which calls Peach.
const fs = require('fs');
const path = require('path');
const { NODE_TYPES, uuid, makeId } = require('../../../tools/n8n/n8n');
const { regex } = require('../expect');
const { readOperation } = require('./common');
const { loadedNodeTypes, validateWorkflow } = require('../validate');

const LC = '@n8n/n8n-nodes-langchain';

// typeVersion n8n's editor would give a new node of this type in the installed n8n.
function defaultVersion(ctx, name) {
	const file = path.join(ctx.n8n.runtime.dir, 'node_modules', LC, 'dist', 'types', 'nodes.json');
	const types = (ctx.langchainTypes = ctx.langchainTypes || JSON.parse(fs.readFileSync(file, 'utf8')));
	const all = types.filter((t) => t.name === name);
	if (!all.length) throw new Error(`n8n ${ctx.version} has no ${LC}.${name}`);
	const withDefault = all.find((t) => t.defaultVersion !== undefined);
	if (withDefault) return withDefault.defaultVersion;
	return Math.max(...all.flatMap((t) => (Array.isArray(t.version) ? t.version : [t.version])));
}

function agentNodes(ctx, { chat }) {
	const read = readOperation(ctx);
	const start = chat
		? { name: 'When chat message received', type: `${LC}.chatTrigger`, typeVersion: defaultVersion(ctx, 'chatTrigger'), webhookId: uuid(), parameters: { options: {} } }
		: { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	const agent = {
		name: 'AI Agent',
		type: `${LC}.agent`,
		typeVersion: defaultVersion(ctx, 'agent'),
		parameters: chat ? { options: {} } : { promptType: 'define', text: 'How many inbox conversations are open?', options: {} },
	};
	const model = {
		name: 'OpenAI Chat Model',
		type: `${LC}.lmChatOpenAi`,
		// 1.2 talks to /chat/completions (1.3 defaults to the Responses API).
		typeVersion: 1.2,
		parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
		credentials: { openAiApi: { id: ctx.creds.openAi.id, name: ctx.creds.openAi.name } },
	};
	const tool = {
		name: 'Peach',
		type: NODE_TYPES.peachTool,
		typeVersion: ctx.pkg.peachVersion,
		parameters: { descriptionType: 'manual', toolDescription: 'Lists Peach shared-inbox conversations', ...read.params },
		credentials: { peachApi: { id: ctx.creds.peach.id, name: ctx.creds.peach.name } },
	};
	const nodes = [start, agent, model, tool];
	nodes.forEach((n, i) => (n.position = [[0, 0], [260, 0], [200, 220], [420, 220]][i]));
	const connections = {
		[start.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
		[model.name]: { ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]] },
		[tool.name]: { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] },
	};
	return { nodes, connections };
}

const needsRead = (ctx) => (readOperation(ctx) ? null : 'the node has no read operation yet');

// Two Peach tools on one agent: a read (conversations) and a guarded send that may only use one
// template. The stand-in model lists conversations, then tries a template outside the allowlist.
const READ_TOOL = 'List Conversations';
const SEND_TOOL = 'Send Template';
const toolName = (name) => name.replace(/[^a-zA-Z0-9_-]+/g, '_');

function guardedAgentWorkflow(ctx, name) {
	const { nodes, connections } = agentNodes(ctx, { chat: false });
	const [start, agent, model, read] = nodes;
	agent.parameters.text = 'List the open conversations, then send the diwali offer to +919988776655.';
	read.name = READ_TOOL;
	read.parameters = { descriptionType: 'manual', toolDescription: 'Lists Peach inbox conversations', resource: 'conversation', operation: 'getAll', returnAll: false, limit: 2 };
	const send = {
		name: SEND_TOOL,
		type: NODE_TYPES.peachTool,
		typeVersion: ctx.pkg.peachVersion,
		position: [640, 220],
		parameters: {
			descriptionType: 'manual',
			toolDescription: 'Sends an approved WhatsApp template to one contact',
			resource: 'templateMessage',
			operation: 'send',
			toolAllowedOperations: ['send'],
			toolAllowedTemplates: [ctx.sandbox.fixtures.templates.approvedNoVariables],
		},
		credentials: read.credentials,
	};
	delete connections.Peach;
	connections[READ_TOOL] = { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] };
	connections[SEND_TOOL] = { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] };
	return { id: makeId(`${ctx.version}:${name}`), name, nodes: [start, agent, model, read, send], connections };
}

function scriptGuardedCalls(ctx) {
	ctx.openAi.script([
		{ tool: toolName(READ_TOOL), args: {} },
		{
			tool: toolName(SEND_TOOL),
			args: { phone_number: '+919988776655', template_id: ctx.sandbox.fixtures.templates.approvedHindi, template_variables: '{}' },
		},
	]);
}

function onlyTheReadReachedPeach(ctx) {
	const paths = ctx.sandbox.requests.map((r) => `${r.method} ${r.path}`);
	ctx.expect.assert(paths.some((p) => p.startsWith('GET /api/v1/conversations')), `the read never reached Peach: ${paths.join(', ')}`);
	ctx.expect.assert(!paths.some((p) => p.startsWith('POST /api/v1/events') || p.startsWith('GET /api/v1/whats_app_templates')), `the refused send reached Peach: ${paths.join(', ')}`);
}

function runDataOf(res, nodeName) {
	const runData = (res.run && (res.run.data || res.run).resultData && (res.run.data || res.run).resultData.runData) || {};
	return runData[nodeName] || [];
}

module.exports = [
	{
		kind: 'server',
		name: 'AI tool: n8n loaded the Peach tool variant (n8n-nodes-peach.peachTool)',
		run: async (ctx) => {
			const types = await loadedNodeTypes(ctx);
			const names = types.map((t) => t.name);
			for (const t of [NODE_TYPES.peach, NODE_TYPES.peachTrigger, NODE_TYPES.peachTool]) {
				ctx.expect.assert(names.includes(t), `n8n did not load ${t}`);
			}
			const tool = types.find((t) => t.name === NODE_TYPES.peachTool);
			const outputs = JSON.stringify(tool.outputs);
			ctx.expect.assert(/ai_tool/.test(outputs), `the tool variant's outputs are ${outputs}, not ai_tool`);
		},
	},
	{
		kind: 'server',
		name: 'AI tool: an AI Agent workflow using the Peach tool imports and validates without issues',
		skip: needsRead,
		workflows: (ctx) => {
			const name = 'E2E AI agent with Peach tool';
			ctx.agentChatWorkflow = { id: makeId(`${ctx.version}:${name}`), name, ...agentNodes(ctx, { chat: true }) };
			return [ctx.agentChatWorkflow];
		},
		run: async (ctx) => {
			const res = await ctx.n8n.rest('GET', `/rest/workflows/${ctx.agentChatWorkflow.id}`, { cookie: ctx.cookie });
			if (res.status !== 200) throw new Error(`GET /rest/workflows/${ctx.agentChatWorkflow.id} answered HTTP ${res.status}`);
			const stored = res.json.data || res.json;
			ctx.expect.equal(stored.nodes.map((n) => n.type).sort(), ctx.agentChatWorkflow.nodes.map((n) => n.type).sort(), 'imported node types');
			const problems = validateWorkflow(ctx, stored, await loadedNodeTypes(ctx));
			if (problems.length) throw new Error(problems.join('\n'));
		},
	},
	{
		name: 'AI tool: an AI Agent calls the Peach tool, which calls Peach',
		skip: needsRead,
		workflow: (ctx) => {
			const name = 'E2E AI agent runs the Peach tool';
			return { id: makeId(`${ctx.version}:${name}`), name, ...agentNodes(ctx, { chat: false }) };
		},
		expect: { 'AI Agent': [{ output: regex(/^Peach tool answered: .+/s) }] },
		check: async (res, ctx) => {
			const path0 = readOperation(ctx).op.startsWith('conversation') ? '/api/v1/conversations' : '/api/v1/';
			const hit = ctx.sandbox.requests.find((r) => r.path && r.path.startsWith(path0));
			ctx.expect.assert(hit, `the Peach tool sent nothing to ${path0}`);
			const chats = ctx.openAi.requests.filter((r) => r.path.endsWith('/chat/completions'));
			ctx.expect.assert(chats.length >= 2, `the agent asked the model ${chats.length} time(s), expected a tool round trip`);
		},
	},
	{
		name: 'AI tool: the agent reads through one Peach tool and is refused a template outside the allowlist by another',
		versions: [2],
		requires: ['conversation:getAll', 'templateMessage:send'],
		workflow: (ctx) => guardedAgentWorkflow(ctx, 'E2E AI agent with guarded Peach tools'),
		before: (ctx) => scriptGuardedCalls(ctx),
		check: async (res, ctx) => {
			const { templates } = ctx.sandbox.fixtures;
			const [item] = res.items('AI Agent') || [];
			const answer = item && item.json;
			ctx.expect.assert(
				answer && typeof answer.output === 'string',
				`the AI Agent gave no answer: ${JSON.stringify({ error: res.error, executed: res.executedNodes() }).slice(0, 1500)}`,
			);
			ctx.expect.assert(/\[1\] .*"status"/s.test(answer.output), `the read tool's answer is not in the agent's output: ${answer.output.slice(0, 300)}`);
			const refusal = `template ${templates.approvedHindi} is not allowed; allowed: ${templates.approvedNoVariables}`;
			ctx.expect.assert(answer.output.includes(refusal), `the refusal is not in the agent's output: ${answer.output.slice(0, 600)}`);
			// In the execution data: the read tool ran and returned conversations, the send tool's run is the refusal.
			const readRuns = runDataOf(res, READ_TOOL);
			ctx.expect.assert(readRuns.length === 1 && !readRuns[0].error, `the read tool ran ${readRuns.length} time(s): ${JSON.stringify(readRuns).slice(0, 300)}`);
			const sendRuns = runDataOf(res, SEND_TOOL);
			ctx.expect.assert(sendRuns.length === 1 && sendRuns[0].error, `the send tool's run holds no error: ${JSON.stringify(sendRuns).slice(0, 300)}`);
			ctx.expect.assert(sendRuns[0].error.message.includes(`Refused by the Peach tool's guard rails: ${refusal}`), `the send tool failed otherwise: ${sendRuns[0].error.message}`);
			onlyTheReadReachedPeach(ctx);
		},
	},
	{
		// n8n 1.x's agent does not hand a tool's error back to the model: the run stops with the refusal.
		name: 'AI tool (n8n 1.x): a template outside the allowlist stops the agent run with the refusal, nothing sent',
		versions: [1],
		requires: ['conversation:getAll', 'templateMessage:send'],
		expectExecution: 'error',
		workflow: (ctx) => guardedAgentWorkflow(ctx, 'E2E AI agent with guarded Peach tools'),
		before: (ctx) => scriptGuardedCalls(ctx),
		check: async (res, ctx) => {
			const { templates } = ctx.sandbox.fixtures;
			const refusal = `Refused by the Peach tool's guard rails: template ${templates.approvedHindi} is not allowed; allowed: ${templates.approvedNoVariables}`;
			ctx.expect.assert(res.error && res.error.message.includes(refusal), `the run did not stop with the refusal: ${res.error && res.error.message}`);
			onlyTheReadReachedPeach(ctx);
		},
	},
];
