'use strict';
// The checks n8n's editor makes on a stored workflow, run against the node types a running n8n
// serves (/types/nodes.json), with that n8n's own n8n-workflow.
const path = require('path');

async function loadedNodeTypes(ctx) {
	const res = await ctx.n8n.rest('GET', '/types/nodes.json', { cookie: ctx.cookie });
	if (res.status !== 200 || !Array.isArray(res.json)) throw new Error(`GET /types/nodes.json answered HTTP ${res.status}`);
	return res.json;
}

// n8n-workflow runs parameter regexes in a vm with a 250 ms limit; on a loaded machine the first
// runs can exceed it without any regex being slow, so such a check is tried again (3 times at most).
function withRegexRetry(check) {
	for (let attempt = 1; ; attempt++) {
		try {
			return check();
		} catch (err) {
			if (attempt >= 3 || !/Regular expression execution timed out/.test(err && err.message)) throw err;
		}
	}
}

// Every node type is known in its version, every parameter resolves against the node's
// description without issues, required credentials are set, connections name existing nodes.
function validateWorkflow(ctx, workflow, types) {
	const { NodeHelpers } = require(path.join(ctx.n8n.runtime.dir, 'node_modules', 'n8n-workflow'));
	const problems = [];
	for (const node of workflow.nodes) {
		const desc = types.find((t) => t.name === node.type && (Array.isArray(t.version) ? t.version : [t.version]).includes(node.typeVersion));
		if (!desc) {
			problems.push(`${node.name}: n8n knows no ${node.type} v${node.typeVersion}`);
			continue;
		}
		const issues = withRegexRetry(() => {
			const parameters = NodeHelpers.getNodeParameters(desc.properties, node.parameters, true, false, node, desc);
			return NodeHelpers.getNodeParametersIssues(desc.properties, { ...node, parameters }, desc);
		});
		if (issues && issues.parameters && Object.keys(issues.parameters).length) {
			problems.push(`${node.name}: parameter issues ${JSON.stringify(issues.parameters)}`);
		}
		for (const cred of desc.credentials || []) {
			if (!cred.required || cred.displayOptions) continue;
			if (!node.credentials || !node.credentials[cred.name]) problems.push(`${node.name}: credential ${cred.name} is not set`);
		}
	}
	const names = new Set(workflow.nodes.map((n) => n.name));
	for (const [from, outputs] of Object.entries(workflow.connections || {})) {
		if (!names.has(from)) problems.push(`connection from unknown node ${from}`);
		for (const list of Object.values(outputs)) for (const conns of list) for (const c of conns || []) if (!names.has(c.node)) problems.push(`connection to unknown node ${c.node}`);
	}
	return problems;
}

module.exports = { loadedNodeTypes, validateWorkflow };
