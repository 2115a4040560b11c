'use strict';
// The example workflows in examples/*.json, made ready to import: a fixed id per file, credential
// references pointed at the given credentials, a webhookId on Peach triggers that lack one.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { REPO, makeId, uuid } = require('./n8n');

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
				if (node.type.startsWith('n8n-nodes-peach.') && /[Tt]rigger$/.test(node.type) && !node.webhookId) node.webhookId = uuid();
			}
			return { file, wf, hash: crypto.createHash('sha256').update(JSON.stringify(wf)).digest('hex') };
		});
}

module.exports = { loadExamples };
