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
];

