import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import {
	checkMediaFile,
	checkMediaType,
	fileTransferError,
	maxMediaBytes,
	mediaTooLarge,
	sendFileTransfer,
} from '../../shared/media';
import type { FileTransfer } from '../../shared/media';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError } from '../../../shared/validation';
import { binaryFileFields, fileOptionsField, readItemFile } from './upload';

const FILE_URL = 'File URL';

/** The download of File URL, before anything is sent to Peach. */
const FILE_DOWNLOAD: FileTransfer = {
	server: 'the server of File URL',
	unanswered: 'Nothing was sent to Peach. Check that the link opens the file in a browser, then run the node again.',
	unreached: "Nothing was sent to Peach. Check the link's host name, and that the n8n host can reach it.",
};

/** The streamed body of a download (n8n's `encoding: 'stream'`): its chunks, and a way to stop it. */
interface Readable extends AsyncIterable<Buffer> {
	destroy(): void;
}

/** The body of a streamed answer, read only up to `limit` bytes; undefined when it is longer. */
async function readAtMost(body: Readable, limit: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += (chunk as Buffer).length;
		if (size > limit) {
			// Stop reading: the rest of the file is never downloaded.
			body.destroy();
			return undefined;
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/**
 * Downloads the file at File URL (no Peach credential: it is someone else's server). Its type is
 * settled from the File Options, the server's Content-Type or the link's file name before the body
 * is read, so a file over Peach's limit for that type is refused from its Content-Length, or as soon
 * as more than the limit has arrived, never downloaded whole.
 */
async function download(context: IExecuteSingleFunctions): Promise<{ data: Buffer; fileName: string; contentType: string }> {
	const url = String(context.getNodeParameter('fileUrl', '') ?? '').trim();
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
		throw inputError(
			context,
			FILE_URL,
			url ? `"${url}" is not an http(s) link` : 'is empty',
			'Enter the full link to the file, e.g. https://example.com/files/brochure.pdf.',
		);
	}
	const options = context.getNodeParameter('urlFileOptions', {}) as IDataObject;
	const response = await sendFileTransfer(context, { method: 'GET', url, encoding: 'stream' }, FILE_DOWNLOAD);
	const body = response.body as Readable;
	if (response.statusCode >= 300) {
		body.destroy?.();
		throw new NodeApiError(context.getNode(), { url }, {
			message: `The file at File URL could not be downloaded (${response.statusCode}) [item ${context.getItemIndex()}]`,
			description: 'Check that the link opens the file in a browser without logging in.',
			httpCode: String(response.statusCode),
			itemIndex: context.getItemIndex(),
		});
	}
	const headers = (response.headers ?? {}) as IDataObject;
	const fileName =
		(options.fileName as string) || decodeURIComponent(parsed.pathname.split('/').pop() || '') || 'file';
	let contentType: string | undefined;
	try {
		contentType = checkMediaType(
			context,
			{ fileName, contentType: (options.contentType as string) || (headers['content-type'] as string | undefined) },
			FILE_URL,
		);
	} finally {
		// A type Peach does not store: the body is never read.
		if (contentType === undefined) body.destroy();
	}
	const limit = maxMediaBytes(contentType);
	const announced = Number(headers['content-length']);
	if (Number.isFinite(announced) && announced > limit) {
		body.destroy();
		throw mediaTooLarge(context, FILE_URL, contentType, announced);
	}
	const data = await readAtMost(body, limit).catch((error: unknown) => {
		throw fileTransferError(context, error, FILE_DOWNLOAD);
	});
	if (!data) throw mediaTooLarge(context, FILE_URL, contentType);
	return { data, fileName, contentType };
}

async function buildLegacyUpload(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	let data: Buffer;
	let fileName: string;
	let contentType: string;
	if (this.getNodeParameter('fileSource', 'url') === 'binary') {
		const read = await readItemFile(this);
		({ fileName, contentType } = read.file);
		data = read.data;
	} else {
		const downloaded = await download(this);
		({ fileName, contentType } = checkMediaFile(this, { ...downloaded, byteSize: downloaded.data.length }, FILE_URL));
		data = downloaded.data;
	}
	requestOptions.body = {
		media: { data: data.toString('base64'), filename: fileName, content_type: contentType },
	};
	return requestOptions;
}

export const uploadFromUrl: PeachOperation = {
	name: 'Upload From URL (Deprecated)',
	value: 'uploadFromUrl',
	action: 'Upload a media file from a URL (deprecated)',
	description:
		'Deprecated by Peach, kept for existing workflows: sends the whole file base64 in one request. Use Upload instead.',
	routing: {
		// UNCERTAIN (Add a media (Deprecated)): base64 JSON as Peach's own clients send it; the doc body was not captured.
		request: { method: 'POST', url: '/api/v1/medias' },
		send: { preSend: [buildLegacyUpload] },
	},
	properties: [
		{
			displayName: 'Peach marks this call as deprecated. For new workflows use Media → Upload, which sends the file straight to storage.',
			name: 'deprecatedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'File Source',
			name: 'fileSource',
			type: 'options',
			noDataExpression: true,
			default: 'url',
			options: [
				{ name: 'URL', value: 'url', description: 'Download the file from a link' },
				{ name: 'Binary File', value: 'binary', description: 'A file in the input item' },
			],
		},
		{
			displayName: 'File URL',
			name: 'fileUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/files/brochure.pdf',
			description: 'Public link to the file; n8n downloads it and sends it to Peach',
			displayOptions: { show: { fileSource: ['url'] } },
		},
		{
			...fileOptionsField('urlFileOptions', 'the server does not say it or says it wrong', 'the last part of the URL'),
			displayOptions: { show: { fileSource: ['url'] } },
		},
		...binaryFileFields.map((field) => ({
			...field,
			displayOptions: { show: { fileSource: ['binary'] } },
		})),
		additionalBodyFieldsProperty,
	],
};
