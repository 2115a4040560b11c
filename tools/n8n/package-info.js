'use strict';
// What the built package offers (dist/), read the way n8n reads it: node versions, the
// resource:operation pairs the Peach node has today (cases that need one it lacks are skipped),
// and a check for description shapes that make n8n fail to start with an unhelpful message.

const path = require('path');
const { PACKAGE_DIR } = require('./n8n');

function load(file, exportName) {
	const mod = require(path.join(PACKAGE_DIR, 'dist', file));
	const Cls = mod[exportName];
	if (!Cls) throw new Error(`dist/${file} exports no ${exportName}`);
	return new Cls();
}

function maxVersion(v) {
	return Array.isArray(v) ? Math.max(...v) : v;
}

function packageInfo() {
	const problems = [];
	let peach;
	let trigger;
	try {
		peach = load('nodes/Peach/Peach.node.js', 'Peach').description;
	} catch (err) {
		problems.push(`dist/nodes/Peach/Peach.node.js does not load: ${err.message}`);
	}
	try {
		trigger = load('nodes/PeachTrigger/PeachTrigger.node.js', 'PeachTrigger').description;
	} catch (err) {
		problems.push(`dist/nodes/PeachTrigger/PeachTrigger.node.js does not load: ${err.message}`);
	}
	const operations = new Set();
	const resources = new Set();
	for (const desc of [peach, trigger].filter(Boolean)) {
		for (const p of desc.properties || []) {
			// n8n appends a "Custom API Call" option after the last option of every `resource` and
			// `operation` property; an empty list makes n8n crash while loading nodes.
			if (['resource', 'operation'].includes(p.name) && Array.isArray(p.options) && p.options.length === 0) {
				const shown = p.displayOptions && p.displayOptions.show ? JSON.stringify(p.displayOptions.show) : '';
				problems.push(`${desc.name}: the "${p.name}" property ${shown} has no options (n8n fails to load such a node)`);
			}
		}
	}
	if (peach) {
		for (const p of peach.properties) {
			if (p.name === 'resource' && Array.isArray(p.options)) p.options.forEach((o) => resources.add(o.value));
		}
		for (const p of peach.properties) {
			if (p.name !== 'operation' || !Array.isArray(p.options)) continue;
			const forResources = (p.displayOptions && p.displayOptions.show && p.displayOptions.show.resource) || [];
			for (const r of forResources) for (const o of p.options) operations.add(`${r}:${o.value}`);
		}
	}
	return {
		peachVersion: peach ? maxVersion(peach.version) : 1,
		triggerVersion: trigger ? maxVersion(trigger.version) : 1,
		peach,
		trigger,
		resources,
		operations,
		problems,
		has: (op) => operations.has(op),
	};
}

module.exports = { packageInfo };
