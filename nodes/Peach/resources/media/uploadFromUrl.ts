import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { checkMediaFile } from '../../shared/media';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError } from '../../../shared/validation';
import { binaryFileFields, fileOptionsField, readItemFile } from './upload';

/** Downloads the file at File URL (no Peach credential: it is someone else's server). */
async function download(context: IExecuteSingleFunctions): Promise<{ data: Buffer; fileName: string; contentType?: string }> {
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
			'File URL',
			url ? `"${url}" is not an http(s) link` : 'is empty',
			'Enter the full link to the file, e.g. https://example.com/files/brochure.pdf.',
		);
	}
	const response = (await context.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	if (response.statusCode >= 300) {
		throw new NodeApiError(context.getNode(), { url }, {
			message: `The file at File URL could not be downloaded (${response.statusCode}) [item ${context.getItemIndex()}]`,
			description: 'Check that the link opens the file in a browser without logging in.',
			httpCode: String(response.statusCode),
			itemIndex: context.getItemIndex(),
		});
	}
	const headers = (response.headers ?? {}) as IDataObject;
	const contentType = headers['content-type'] as string | undefined;
	const fileName = decodeURIComponent(parsed.pathname.split('/').pop() || '') || 'file';
	return { data: Buffer.from(response.body as Buffer), fileName, contentType };
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
		const options = this.getNodeParameter('urlFileOptions', {}) as IDataObject;
		const downloaded = await download(this);
		const checked = checkMediaFile(
			this,
			{
				fileName: (options.fileName as string) || downloaded.fileName,
				contentType: (options.contentType as string) || downloaded.contentType,
				byteSize: downloaded.data.length,
			},
			'File URL',
		);
		({ fileName, contentType } = checked);
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
