/**
 * Media resource through n8n's real engine against the Peach sandbox: the exact requests Peach (and
 * its file storage) receive, the items n8n outputs, and input checks that stop a run before anything
 * is sent. Files are made in the test and passed the way n8n passes files: as an item's binary data.
 */
const crypto = require('crypto');
const http = require('http');
const { useSandbox, expectInputError } = require('../../harness/peach');
const { makePng, makePdf } = require('../../fixtures/files');

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const fromList = (value) => ({ __rl: true, mode: 'list', value: String(value) });
const md5 = (buffer) => crypto.createHash('md5').update(buffer).digest('base64');

/** An input item carrying `buffer` in binary field `field`, as n8n passes files between nodes. */
const fileItem = (buffer, { field = 'data', mimeType, fileName }) => ({
	json: { source: 'test' },
	binary: { [field]: { data: buffer.toString('base64'), mimeType, fileName } },
});

const PNG = makePng(64, 48);
const PDF = makePdf('Invoice INV-2041');

describe('Media → Upload', () => {
	const ctx = useSandbox();
	const upload = (extra = {}) => ({ resource: 'media', operation: 'upload', ...extra });

	test('an image end to end: direct upload, the exact bytes to storage without the key, finalize', async () => {
		expect(PNG.subarray(1, 4).toString()).toBe('PNG');
		const result = await ctx.run(upload(), { items: [fileItem(PNG, { mimeType: 'image/png', fileName: 'banner.png' })] });
		expect(result.error).toBeUndefined();
		const [create, finalize, ...rest] = ctx.apiRequests();
		expect(rest).toHaveLength(0);
		expect(create).toMatchObject({ method: 'POST', path: '/api/v1/medias/direct_uploads' });
		expect(create.headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(create.body).toEqual({
			blob: { filename: 'banner.png', byte_size: PNG.length, checksum: md5(PNG), content_type: 'image/png' },
		});

		const [stored] = ctx.sandbox.storageUploads;
		expect(ctx.sandbox.storageUploads).toHaveLength(1);
		expect(Buffer.compare(stored.body, PNG)).toBe(0);
		expect(md5(stored.body)).toBe(create.body.blob.checksum);
		expect(stored.headers.authorization).toBeUndefined();
		expect(JSON.stringify(stored.headers)).not.toContain(ctx.sandbox.apiKey);
		expect(stored.headers['content-type']).toBe('image/png');
		expect(stored.headers['content-md5']).toBe(md5(PNG));
		const storageRequest = ctx.sandbox.requests.find((request) => request.method === 'PUT');
		expect(storageRequest.path).toMatch(/^\/__storage\/1\//);

		const blob = ctx.sandbox.state.blobs.find((candidate) => candidate.key === stored.key);
		expect(finalize).toMatchObject({ method: 'POST', path: '/api/v1/medias/finalize' });
		expect(finalize.body).toEqual({ signed_id: blob.signed_id });
		expect(finalize.headers.authorization).toBe(ctx.sandbox.apiKey);

		expect(result.items).toHaveLength(1);
		const media = result.items[0];
		expect(media).toMatchObject({ filename: 'banner.png', content_type: 'image/png', media_url: `media://${blob.id}` });
		const inLibrary = ctx.sandbox.state.medias.find((candidate) => candidate.id === media.id);
		expect(inLibrary.media_url).toBe(media.media_url);
	});

	test('a PDF from another binary field, its type taken from the file name, renamed, extra blob fields', async () => {
		const result = await ctx.run(
			upload({
				binaryPropertyName: 'invoice',
				fileOptions: { fileName: 'INV-2041.pdf' },
				additionalBodyFields: '{"blob": {"metadata": {"order": "ORD-1001"}}}',
			}),
			{ items: [fileItem(PDF, { field: 'invoice', mimeType: 'application/octet-stream', fileName: 'download' })] },
		);
		expect(result.error).toBeUndefined();
		const [create, finalize] = ctx.apiRequests();
		expect(create.body).toEqual({
			blob: {
				filename: 'INV-2041.pdf',
				byte_size: PDF.length,
				checksum: md5(PDF),
				content_type: 'application/pdf',
				metadata: { order: 'ORD-1001' },
			},
		});
		expect(Buffer.compare(ctx.sandbox.storageUploads[0].body, PDF)).toBe(0);
		expect(finalize.body.signed_id).toEqual(expect.any(String));
		expect(result.items[0]).toMatchObject({ filename: 'INV-2041.pdf', content_type: 'application/pdf', media_url: expect.stringMatching(/^media:\/\/\d+$/) });
	});

	test('several input items: each file goes to its own upload, in order', async () => {
		const result = await ctx.run(upload(), {
			items: [
				fileItem(PNG, { mimeType: 'image/png', fileName: 'one.png' }),
				fileItem(PDF, { mimeType: 'application/pdf', fileName: 'two.pdf' }),
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.filename)).toEqual(['one.png', 'two.pdf']);
		const uploads = ctx.sandbox.storageUploads;
		expect(uploads).toHaveLength(2);
		const byType = Object.fromEntries(uploads.map((stored) => [stored.headers['content-type'], stored.body]));
		expect(Buffer.compare(byType['image/png'], PNG)).toBe(0);
		expect(Buffer.compare(byType['application/pdf'], PDF)).toBe(0);
		expect(new Set(result.items.map((item) => item.media_url)).size).toBe(2);
	});

	test('an image over 5 MB fails before anything is sent, and says the limit', async () => {
		const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
		const result = await ctx.run(upload(), { items: [fileItem(big, { mimeType: 'image/png', fileName: 'huge.png' })] });
		expectInputError(result, ctx.apiRequests(), 'Input Binary Field');
		expect(result.error.message).toContain("over Peach's limit of 5 MB (5242880 bytes) for image/png");
		expect(ctx.sandbox.storageUploads).toHaveLength(0);
	});

	test('a file type Peach does not store fails before anything is sent, and lists the types', async () => {
		const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
		const result = await ctx.run(upload(), { items: [fileItem(gif, { mimeType: 'image/gif', fileName: 'anim.gif' })] });
		expectInputError(result, ctx.apiRequests(), 'Input Binary Field');
		expect(result.error.message).toContain('Peach does not accept files of type "image/gif" (anim.gif)');
		expect(result.error.description).toContain('JPEG and PNG images (up to 5 MB)');
	});

	test('bad input: a binary field the item does not have names the fields it does have', async () => {
		const result = await ctx.run(upload({ binaryPropertyName: 'file' }), {
			items: [fileItem(PNG, { mimeType: 'image/png', fileName: 'a.png' })],
		});
		expectInputError(result, ctx.apiRequests(), 'Input Binary Field');
		expect(result.error.description).toContain('data');
	});

	test('storage refusing the bytes is reported as a storage failure and nothing is finalized', async () => {
		ctx.sandbox.fault('PUT /__storage/*key', { status: 503, times: 1 });
		const result = await ctx.run(upload(), { items: [fileItem(PNG, { mimeType: 'image/png', fileName: 'a.png' })] });
		expect(result.error.message).toMatch(/^Peach's file storage refused the upload \(503/);
		expect(ctx.apiRequests().map((request) => request.path)).toEqual(['/api/v1/medias/direct_uploads']);
	});

	test('storage refusing one file under Continue On Fail: an error item for it, the next file is uploaded', async () => {
		ctx.sandbox.fault('PUT /__storage/*key', { status: 503, times: 1 });
		const result = await ctx.run(upload(), {
			items: [
				fileItem(PNG, { mimeType: 'image/png', fileName: 'first.png' }),
				fileItem(PDF, { mimeType: 'application/pdf', fileName: 'second.pdf' }),
			],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json.error).toMatch(/^Peach's file storage refused the upload \(503.*\[item 0\]$/);
		expect(result.output[1].json).toMatchObject({ filename: 'second.pdf', media_url: expect.stringMatching(/^media:\/\/\d+$/) });
		const finalizes = ctx.apiRequests().filter((request) => request.path === '/api/v1/medias/finalize');
		expect(finalizes).toHaveLength(1);
		expect(Buffer.compare(ctx.sandbox.storageUploads.at(-1).body, PDF)).toBe(0);
	});
});

describe('Media → Create Direct Upload and Finalize Direct Upload', () => {
	const ctx = useSandbox();

	test('Create Direct Upload, minimal: details read from the binary file; outputs URL, headers and signed_id', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'createDirectUpload' }, {
			items: [fileItem(PNG, { mimeType: 'image/png', fileName: 'banner.png' })],
		});
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/medias/direct_uploads' });
		expect(requests[0].body).toEqual({
			blob: { filename: 'banner.png', byte_size: PNG.length, checksum: md5(PNG), content_type: 'image/png' },
		});
		expect(result.items[0]).toMatchObject({
			signed_id: expect.any(String),
			direct_upload: { url: expect.stringContaining('/__storage/'), headers: { 'Content-Type': 'image/png' } },
		});
		expect(ctx.sandbox.storageUploads).toHaveLength(0);
	});

	test('both steps by hand: details typed in, bytes sent by the workflow, then finalized', async () => {
		const created = await ctx.run({
			resource: 'media',
			operation: 'createDirectUpload',
			fileSource: 'fields',
			fileName: 'invoice.pdf',
			contentType: 'application/pdf',
			byteSize: PDF.length,
			checksum: md5(PDF),
			additionalBodyFields: { blob: { metadata: { source: 'n8n' } } },
		});
		expect(created.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			blob: {
				filename: 'invoice.pdf',
				byte_size: PDF.length,
				checksum: md5(PDF),
				content_type: 'application/pdf',
				metadata: { source: 'n8n' },
			},
		});
		const { direct_upload: target, signed_id: signedId } = created.items[0];
		const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: PDF });
		expect(put.status).toBe(200);

		const finalized = await ctx.run({
			resource: 'media',
			operation: 'finalizeDirectUpload',
			signedId: ` ${signedId} `,
			additionalBodyFields: '{"folder": "invoices"}',
		});
		expect(finalized.error).toBeUndefined();
		const finalize = ctx.apiRequests()[1];
		expect(finalize).toMatchObject({ method: 'POST', path: '/api/v1/medias/finalize' });
		expect(finalize.body).toEqual({ signed_id: signedId, folder: 'invoices' });
		expect(finalized.items[0]).toMatchObject({ filename: 'invoice.pdf', media_url: expect.stringMatching(/^media:\/\/\d+$/) });
	});

	test('Finalize Direct Upload, minimal: only the signed_id is sent', async () => {
		const created = await ctx.run({ resource: 'media', operation: 'createDirectUpload' }, {
			items: [fileItem(PNG, { mimeType: 'image/png', fileName: 'banner.png' })],
		});
		const { direct_upload: target, signed_id: signedId } = created.items[0];
		await fetch(target.url, { method: 'PUT', headers: target.headers, body: PNG });
		const result = await ctx.run({ resource: 'media', operation: 'finalizeDirectUpload', signedId });
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[1].body).toEqual({ signed_id: signedId });
		expect(result.items[0]).toMatchObject({ signed_id: signedId, content_type: 'image/png' });
	});

	test('bad input: a checksum that is not a base64 MD5 fails before anything is sent', async () => {
		const result = await ctx.run({
			resource: 'media',
			operation: 'createDirectUpload',
			fileSource: 'fields',
			fileName: 'invoice.pdf',
			contentType: 'application/pdf',
			byteSize: 1000,
			checksum: 'd41d8cd98f00b204e9800998ecf8427e',
		});
		expectInputError(result, ctx.apiRequests(), 'Checksum');
	});

	test('bad input: a declared size over the limit fails before anything is sent', async () => {
		const result = await ctx.run({
			resource: 'media',
			operation: 'createDirectUpload',
			fileSource: 'fields',
			fileName: 'clip.mp4',
			contentType: 'video/mp4',
			byteSize: 17 * 1024 * 1024,
			checksum: md5(PNG),
		});
		expectInputError(result, ctx.apiRequests(), 'Byte Size');
		expect(result.error.message).toContain('16 MB');
	});

	test('bad input: Finalize without a signed ID fails before anything is sent', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'finalizeDirectUpload', signedId: '={{ "" }}' });
		expectInputError(result, ctx.apiRequests(), 'Signed ID');
	});
});

describe('Media → Upload From URL (deprecated)', () => {
	const ctx = useSandbox();
	let server;
	let fileServerUrl;
	const served = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			served.push({ url: req.url, headers: req.headers });
			if (req.url === '/files/brochure.pdf') {
				res.writeHead(200, { 'Content-Type': 'application/pdf' });
				res.end(PDF);
			} else if (req.url === '/files/poster') {
				res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
				res.end(Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]));
			} else {
				res.writeHead(404, { 'Content-Type': 'text/plain' });
				res.end('not here');
			}
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		fileServerUrl = `http://127.0.0.1:${server.address().port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});
	beforeEach(() => {
		served.length = 0;
	});

	test('minimal: downloads the file (without the Peach key) and sends it base64 to POST /api/v1/medias', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'uploadFromUrl', fileUrl: `${fileServerUrl}/files/brochure.pdf` });
		expect(result.error).toBeUndefined();
		expect(served).toHaveLength(1);
		expect(served[0].headers.authorization).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/medias' });
		expect(requests[0].body).toEqual({
			media: { data: PDF.toString('base64'), filename: 'brochure.pdf', content_type: 'application/pdf' },
		});
		expect(result.items[0]).toMatchObject({ filename: 'brochure.pdf', content_type: 'application/pdf', media_url: expect.stringMatching(/^media:\/\//) });
	});

	test('full: a binary file, renamed, with extra body fields', async () => {
		const result = await ctx.run(
			{
				resource: 'media',
				operation: 'uploadFromUrl',
				fileSource: 'binary',
				fileOptions: { fileName: 'product.png', contentType: 'image/png' },
				additionalBodyFields: '{"media": {"folder": "catalogue"}}',
			},
			{ items: [fileItem(PNG, { mimeType: 'application/octet-stream', fileName: 'upload.bin' })] },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].body).toEqual({
			media: { data: PNG.toString('base64'), filename: 'product.png', content_type: 'image/png', folder: 'catalogue' },
		});
		expect(result.items[0]).toMatchObject({ filename: 'product.png', content_type: 'image/png' });
	});

	test('the operation says it is deprecated', () => {
		const { Peach } = require('../../../dist/nodes/Peach/Peach.node.js');
		const operation = new Peach().description.properties
			.find((property) => property.name === 'operation' && property.displayOptions.show.resource[0] === 'media')
			.options.find((option) => option.value === 'uploadFromUrl');
		expect(operation.name).toBe('Upload From URL (Deprecated)');
		expect(operation.description).toMatch(/^Deprecated by Peach/);
	});

	test('bad input: a File URL that is not a link fails before anything is sent', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'uploadFromUrl', fileUrl: 'brochure.pdf' });
		expectInputError(result, ctx.apiRequests(), 'File URL');
		expect(served).toHaveLength(0);
	});

	test('a downloaded image over 5 MB is refused before it is sent to Peach', async () => {
		const result = await ctx.run({
			resource: 'media',
			operation: 'uploadFromUrl',
			fileUrl: `${fileServerUrl}/files/poster`,
			urlFileOptions: { fileName: 'poster.png' },
		});
		expectInputError(result, ctx.apiRequests(), 'File URL');
		expect(result.error.message).toContain('5 MB (5242880 bytes) for image/png');
	});

	test('a link that does not answer with the file says so', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'uploadFromUrl', fileUrl: `${fileServerUrl}/files/missing.pdf` });
		expect(result.error.message).toContain('The file at File URL could not be downloaded (404)');
		expect(ctx.apiRequests()).toHaveLength(0);
	});
});

describe('Media → Get Many', () => {
	const ctx = useSandbox();

	test('minimal: one page of the default limit, one item per file', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/medias', body: null });
		expect(requests[0].query).toEqual({ page: '1', per: '50' });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.items).toHaveLength(ctx.sandbox.state.medias.length);
		expect(result.items[0]).toEqual({
			id: expect.any(Number),
			content_type: expect.any(String),
			created_at: expect.any(String),
			filename: expect.any(String),
			media_url: expect.stringMatching(/^media:\/\/\d+$/),
		});
	});

	test('a small limit asks for exactly that many; Return All asks for the largest page', async () => {
		const limited = await ctx.run({ resource: 'media', operation: 'getAll', limit: 5 });
		expect(limited.items).toHaveLength(5);
		expect(ctx.apiRequests()[0].query).toEqual({ page: '1', per: '5' });
		const all = await ctx.run({ resource: 'media', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(40);
		expect(ctx.apiRequests()[1].query).toEqual({ page: '1', per: '1000' });
	});

	test('bad input: a limit below 1 fails before anything is sent', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'getAll', limit: '={{ 0 }}' });
		expectInputError(result, ctx.apiRequests(), 'Limit');
	});
});

describe('Media → Delete', () => {
	const ctx = useSandbox();

	test('minimal: DELETE by library ID, outputs { deleted: true } with the ID', async () => {
		const id = ctx.sandbox.fixtures.media.id;
		const result = await ctx.run({ resource: 'media', operation: 'delete', media: byId(id) });
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'DELETE', path: `/api/v1/medias/${id}`, body: null });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.items).toEqual([{ deleted: true, id }]);
		expect(ctx.sandbox.state.medias.find((media) => media.id === id)).toBeUndefined();
	});

	test('full: picked from the list', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'delete', media: fromList(12) });
		expect(result.error).toBeUndefined();
		expect(ctx.apiRequests()[0].path).toBe('/api/v1/medias/12');
		expect(result.items).toEqual([{ deleted: true, id: 12 }]);
	});

	test('bad input: a media:// link instead of the library ID fails before anything is sent', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'delete', media: byId('={{ "media://101" }}') });
		expectInputError(result, ctx.apiRequests(), 'Media');
		expect(result.error.description).toContain('not the number in media://');
	});

	test('an unknown media gets a 404 that names it', async () => {
		const result = await ctx.run({ resource: 'media', operation: 'delete', media: byId(9999) });
		expect(result.error.message).toMatch(/^Peach has no media with ID "9999"/);
	});
});
