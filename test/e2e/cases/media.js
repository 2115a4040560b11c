'use strict';
// Media in real n8n: a Code node makes a PNG as binary data, Peach Media → Upload sends it through
// Peach's direct upload (the bytes go to file storage without the API key), Get Many lists it and
// Delete removes it. Checked item by item and against what the sandbox and its storage received.
const crypto = require('crypto');
const util = require('util');
const { any, regex } = require('../expect');
const { makePng } = require('../../fixtures/files');

const FILE_NAME = 'e2e-gradient.png';
const GET_MANY_LIMIT = 3;

const PNG = makePng(8, 6);
const md5 = (buf) => crypto.createHash('md5').update(buf).digest('base64');

// A Code node ("Run Once for All Items") that outputs one item carrying the PNG as binary `data`.
function makeFileNode(name) {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			mode: 'runOnceForAllItems',
			language: 'javaScript',
			jsCode: [
				`const bytes = Buffer.from('${PNG.toString('base64')}', 'base64');`,
				`const data = await this.helpers.prepareBinaryData(bytes, '${FILE_NAME}', 'image/png');`,
				`return [{ json: { file: '${FILE_NAME}', size: bytes.length }, binary: { data } }];`,
			].join('\n'),
		},
	};
}

function exactly(actual, expected, label) {
	if (!util.isDeepStrictEqual(actual, expected)) {
		throw new Error(`${label}: expected exactly ${util.inspect(expected, { depth: 6 })}, got ${util.inspect(actual, { depth: 6 })}`);
	}
}

async function sandboxGet(ctx, pathname, { auth = true } = {}) {
	const res = await fetch(`${ctx.sandbox.url}${pathname}`, { headers: auth ? { Authorization: ctx.sandboxApiKey } : {} });
	if (!res.ok) throw new Error(`GET ${pathname} on the sandbox answered ${res.status}`);
	return res.json();
}

module.exports = [
	{
		name: 'media: upload a PNG made in a Code node, find it with get many (limit 3), delete it',
		requires: ['media:upload', 'media:getAll', 'media:delete'],
		workflow: (ctx) =>
			ctx.wf.linear('E2E media', [
				makeFileNode('Make PNG'),
				ctx.wf.peach('Upload', { resource: 'media', operation: 'upload', binaryPropertyName: 'data' }),
				ctx.wf.peach('Get Many', { resource: 'media', operation: 'getAll', returnAll: false, limit: GET_MANY_LIMIT }),
				{
					// Get Many outputs several items: delete the uploaded file once.
					...ctx.wf.peach('Delete', { resource: 'media', operation: 'delete', media: { __rl: true, mode: 'id', value: "={{ $('Upload').first().json.id }}" } }),
					executeOnce: true,
				},
			]),
		// What the library lists before the run: the upload must come first, then these.
		before: async (ctx) => {
			const list = await sandboxGet(ctx, `/api/v1/medias?page=1&per=${GET_MANY_LIMIT}`);
			ctx.mediasBefore = (list.medias || list.data || list).map((m) => ({ id: m.id, media_url: m.media_url, filename: m.filename }));
		},
		expect: {
			'Make PNG': [{ file: FILE_NAME, size: PNG.length }],
			Upload: [{ id: any(Number), filename: FILE_NAME, content_type: 'image/png', media_url: regex(/^media:\/\/\d+$/) }],
		},
		check: async (res, ctx) => {
			const uploaded = res.items('Upload')[0].json;

			// The storage received exactly the PNG's bytes, and not the Peach API key.
			const uploads = await sandboxGet(ctx, '/__sandbox/storage-uploads', { auth: false });
			ctx.expect.equal(uploads.length, 1, 'storage uploads');
			const [stored] = uploads;
			ctx.expect.equal(stored.md5, md5(PNG), 'MD5 of the bytes storage received');
			ctx.expect.equal(stored.size, PNG.length, 'size of the bytes storage received');
			ctx.expect.assert(Buffer.from(stored.body, 'base64').equals(PNG), 'storage received other bytes than the Code node made');
			ctx.expect.assert(stored.headers.authorization === undefined, `the storage upload carried an Authorization header: ${stored.headers.authorization}`);
			ctx.expect.assert(!JSON.stringify(stored.headers).includes(ctx.sandboxApiKey), 'the storage upload carried the Peach API key');
			ctx.expect.equal(stored.headers['content-type'], 'image/png', 'storage Content-Type');
			ctx.expect.equal(stored.headers['content-md5'], md5(PNG), 'storage Content-MD5');

			// Peach received the direct upload, its finalize, the list and the delete, with the key.
			const requests = ctx.sandbox.apiRequests();
			exactly(
				requests.map((r) => `${r.method} ${r.path}`),
				['POST /api/v1/medias/direct_uploads', 'POST /api/v1/medias/finalize', 'GET /api/v1/medias', `DELETE /api/v1/medias/${uploaded.id}`],
				'requests Peach received',
			);
			ctx.expect.assert(requests.every((r) => r.headers.authorization === ctx.sandboxApiKey), 'a request went to Peach without the API key');
			exactly(requests[0].body, { blob: { filename: FILE_NAME, byte_size: PNG.length, checksum: md5(PNG), content_type: 'image/png' } }, 'the direct upload body');
			const blob = ctx.sandbox.state.blobs.find((b) => b.key === stored.key);
			ctx.expect.assert(blob, `the sandbox has no blob for the storage key ${stored.key}`);
			ctx.expect.equal(uploaded.media_url, `media://${blob.id}`, 'media_url of the uploaded blob');
			exactly(requests[2].query, { page: '1', per: String(GET_MANY_LIMIT) }, 'the Get Many query');

			// Get Many: the upload first (newest), then what the library listed first before.
			ctx.expect.checkItems('Get Many', res.items('Get Many'), [
				{ id: uploaded.id, media_url: uploaded.media_url, filename: FILE_NAME, content_type: 'image/png' },
				...ctx.mediasBefore.slice(0, GET_MANY_LIMIT - 1),
			]);

			// Delete ran once, for the upload, and it is gone from the library.
			exactly(res.items('Delete').map((i) => i.json), [{ deleted: true, id: uploaded.id }], 'Delete output');
			ctx.expect.assert(!ctx.sandbox.state.medias.some((m) => m.id === uploaded.id), 'the uploaded media is still in the library');
		},
	},
];
