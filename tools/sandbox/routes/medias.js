'use strict';
/**
 * Media library: list, add (deprecated base64 upload), remove, and the direct-upload flow:
 * create (POST /api/v1/medias/direct_uploads) -> PUT the bytes to /__storage/<key> -> finalize.
 */
const crypto = require('node:crypto');
const { t } = require('../validate');
const { validate, paginate, unprocessable, reasonAt, notFound, iso, alnum, HttpError } = require('../helpers');
const {
	SUPPORTED_CONTENT_TYPES,
	maxByteSize,
	contentTypeFromFilename,
	signBlobId,
	blobIdFromSigned,
	nextIntegerId,
	serializeMedia,
} = require('../model');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MD5_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

const unsupported = (path) =>
	unprocessable(reasonAt(path, `is not supported. Supported values: ${SUPPORTED_CONTENT_TYPES.join(', ')}`));
const tooLarge = (path, contentType) =>
	unprocessable(reasonAt(path, `is too large (max ${maxByteSize(contentType)} bytes for ${contentType})`));

function createBlob(state, { filename, contentType, byteSize, checksum, uploaded, data }) {
	const id = nextIntegerId(state.blobs);
	const blob = {
		id,
		key: `1/${alnum(`blob:${id}:${filename}`, 28).toLowerCase()}`,
		filename,
		content_type: contentType,
		metadata: { source: 'api', peach_media_direct_upload: true, account_id: 1 },
		byte_size: byteSize,
		checksum,
		created_at: iso(Date.now()),
		signed_id: signBlobId(id),
		_uploaded: uploaded,
		_data: data || null,
	};
	state.blobs.push(blob);
	return blob;
}

function addMediaForBlob(state, blob) {
	const media = {
		id: nextIntegerId(state.medias),
		content_type: blob.content_type,
		created_at: iso(Date.now()),
		filename: blob.filename,
		media_url: `media://${blob.id}`,
		_blob_id: blob.id,
	};
	state.medias.push(media);
	return media;
}

function listMedias(ctx) {
	const items = [...ctx.world.state.medias].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
	return { status: 200, body: paginate(ctx, items, 'medias', { prevKey: 'previous', serialize: serializeMedia }) };
}

function addMedia(ctx) {
	const { world, body } = ctx;
	validate(
		t.object(
			{
				media: t.object(
					{
						data: t.string({ required: true, pattern: BASE64, patternMessage: 'is not valid base64' }),
						filename: t.string({ required: true }),
						content_type: t.string(),
					},
					{ required: true },
				),
			},
			{ required: true },
		),
		body,
	);
	const { data, filename } = body.media;
	const contentType = body.media.content_type || contentTypeFromFilename(filename);
	if (!SUPPORTED_CONTENT_TYPES.includes(contentType)) throw unsupported(['media', 'content_type']);
	const bytes = Buffer.from(data.replace(/^data:[^,]*,/, ''), 'base64');
	if (bytes.length > maxByteSize(contentType)) throw tooLarge(['media', 'data'], contentType);
	const checksum = crypto.createHash('md5').update(bytes).digest('base64');
	const blob = createBlob(world.state, { filename, contentType, byteSize: bytes.length, checksum, uploaded: true, data: bytes });
	return { status: 201, body: serializeMedia(addMediaForBlob(world.state, blob)) };
}

function removeMedia(ctx) {
	const { state } = ctx.world;
	const index = /^\d+$/.test(ctx.params.id) ? state.medias.findIndex((m) => m.id === Number(ctx.params.id)) : -1;
	if (index === -1) throw notFound('Media', ctx.params.id);
	state.medias.splice(index, 1);
	return { status: 204 };
}

function createDirectUpload(ctx) {
	const { world, body } = ctx;
	validate(
		t.object(
			{
				blob: t.object(
					{
						filename: t.string({ required: true }),
						byte_size: t.integer({ required: true, min: 1 }),
						checksum: t.string({ required: true, pattern: MD5_BASE64, patternMessage: 'is invalid (expected the base64 MD5 of the file)' }),
						content_type: t.string({ required: true }),
						metadata: t.object(),
					},
					{ required: true },
				),
			},
			{ required: true },
		),
		body,
	);
	const b = body.blob;
	if (!SUPPORTED_CONTENT_TYPES.includes(b.content_type)) throw unsupported(['blob', 'content_type']);
	if (b.byte_size > maxByteSize(b.content_type)) throw tooLarge(['blob', 'byte_size'], b.content_type);
	const blob = createBlob(world.state, { filename: b.filename, contentType: b.content_type, byteSize: b.byte_size, checksum: b.checksum, uploaded: false });
	const { _uploaded, _data, ...view } = blob;
	return {
		status: 200,
		body: {
			...view,
			metadata: { ...blob.metadata },
			direct_upload: {
				url: `${ctx.baseUrl}/__storage/${blob.key}`,
				headers: { 'Content-Type': blob.content_type, 'Content-MD5': blob.checksum },
			},
		},
	};
}

/** The storage end of a direct upload: checks the headers the create step handed out. */
function storagePut(ctx) {
	const { world, headers, rawBody } = ctx;
	const key = ctx.params.key;
	const fail = (status, message) => new HttpError(status, { message });
	if (headers.authorization !== undefined) throw fail(403, 'Storage requests must not carry an Authorization header');
	const blob = world.state.blobs.find((b) => b.key === key);
	if (!blob) throw fail(404, `No direct upload with key ${key}`);
	const md5 = crypto.createHash('md5').update(rawBody).digest('base64');
	if (!headers['content-md5']) throw fail(400, 'Missing Content-MD5 header');
	if (headers['content-md5'] !== blob.checksum) throw fail(400, 'Content-MD5 does not match the checksum of the direct upload');
	if (md5 !== blob.checksum) throw fail(400, `Content-MD5 mismatch: the body's MD5 is ${md5}`);
	if (rawBody.length !== blob.byte_size) throw fail(400, `Body is ${rawBody.length} bytes, the direct upload declared ${blob.byte_size}`);
	const mediaType = String(headers['content-type'] || '').split(';')[0].trim().toLowerCase();
	if (mediaType !== blob.content_type) throw fail(400, `Content-Type must be ${blob.content_type} (got ${mediaType || 'none'})`);
	blob._uploaded = true;
	blob._data = rawBody;
	world.storageUploads.push({ key, headers: { ...headers }, body: rawBody });
	return { status: 200, body: '', contentType: null };
}

function finalizeUpload(ctx) {
	const { world, body } = ctx;
	validate(t.object({ signed_id: t.string({ required: true }) }, { required: true }), body);
	const blobId = blobIdFromSigned(body.signed_id);
	const blob = blobId === null ? null : world.state.blobs.find((b) => b.id === blobId);
	if (!blob) throw unprocessable({ signed_id: ['is invalid'] });
	if (!blob._uploaded) throw unprocessable({ signed_id: ['has no uploaded file: PUT the bytes to direct_upload.url first'] });
	const media = world.state.medias.find((m) => m._blob_id === blob.id) || addMediaForBlob(world.state, blob);
	return {
		status: 200,
		body: { id: media.id, filename: media.filename, content_type: media.content_type, signed_id: blob.signed_id, media_url: media.media_url, created_at: media.created_at },
	};
}

module.exports = [
	{ method: 'GET', path: '/api/v1/medias', handler: listMedias },
	{ method: 'POST', path: '/api/v1/medias', handler: addMedia },
	{ method: 'POST', path: '/api/v1/medias/direct_uploads', handler: createDirectUpload },
	{ method: 'POST', path: '/api/v1/medias/finalize', handler: finalizeUpload },
	{ method: 'DELETE', path: '/api/v1/medias/:id', handler: removeMedia },
	{ method: 'PUT', path: '/__storage/*key', handler: storagePut, auth: false, rawBody: true },
];
