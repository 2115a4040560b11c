'use strict';
// The example workflows in examples/*.json, made ready to import: a fixed id per file, credential
// references pointed at the given credentials, a webhookId on Peach triggers that lack one.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { REPO, makeId } = require('./n8n');

/** A version-4-shaped UUID that is the same for the same text. */
function stableUuid(text) {
	const hex = crypto.createHash('sha256').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function loadExamples({ peachApi, peachWebhookApi, openAiApi } = {}) {
	const dir = path.join(REPO, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const wf = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			wf.id = wf.id || makeId(`example:${file}`);
			for (const node of wf.nodes || []) {
				if (peachApi && node.credentials && node.credentials.peachApi) node.credentials.peachApi = { ...peachApi };
				if (peachWebhookApi && node.credentials && node.credentials.peachWebhookApi) node.credentials.peachWebhookApi = { ...peachWebhookApi };
				// A chat model credential the user picks themselves; the e2e suite has a stand-in model.
				if (openAiApi && node.credentials && node.credentials.openAiApi) node.credentials.openAiApi = { ...openAiApi };
				// Derived from the file and node, so an unchanged example hashes the same and is not imported again.
				if (node.type.startsWith('n8n-nodes-peach.') && /[Tt]rigger$/.test(node.type) && !node.webhookId) node.webhookId = stableUuid(`${file}:${node.name}`);
			}
			return { file, wf, hash: crypto.createHash('sha256').update(JSON.stringify(wf)).digest('hex') };
		});
}

module.exports = { loadExamples };
