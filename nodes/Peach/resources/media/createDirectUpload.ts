import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { checkMediaFile, contentTypeOptions, directUploadBlob } from '../../shared/media';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError, requireInteger } from '../../../shared/validation';
import { binaryFileFields, readItemFile } from './upload';

const MD5_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

async function buildDirectUpload(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('fileSource', 'binary') === 'binary') {
		const { file } = await readItemFile(this);
		requestOptions.body = directUploadBlob(file);
		return requestOptions;
	}
	const fileName = String(this.getNodeParameter('fileName', '') ?? '').trim();
	if (!fileName) {
		throw inputError(this, 'File Name', 'is empty', 'Enter the name of the file with its extension, e.g. invoice.pdf.');
	}
	const byteSize = requireInteger(
		this,
		this.getNodeParameter('byteSize', ''),
		'Byte Size',
		'Enter the exact size of the file in bytes, e.g. 128349.',
		1,
	);
	const checksum = String(this.getNodeParameter('checksum', '') ?? '').trim();
	if (!MD5_BASE64.test(checksum)) {
		throw inputError(
			this,
			'Checksum',
			checksum ? `"${checksum}" is not a base64 MD5 checksum` : 'is empty',
			'Enter the MD5 of the file encoded in base64 (24 characters ending in ==), e.g. I+Sf6zGPGY+9Fh0ymkvwow==.',
		);
	}
	const checked = checkMediaFile(
		this,
		{ fileName, contentType: this.getNodeParameter('contentType') as string, byteSize },
		{ type: 'Content Type', size: 'Byte Size' },
	);
	requestOptions.body = directUploadBlob({ ...checked, checksum }) as IDataObject;
	return requestOptions;
}

export const createDirectUpload: PeachOperation = {
	name: 'Create Direct Upload',
	value: 'createDirectUpload',
	action: 'Create a direct upload for a media file',
	description:
		'Step 1 of uploading yourself: get the storage URL and headers to send the bytes to, and the signed_id to finalize with',
	routing: {
		request: { method: 'POST', url: '/api/v1/medias/direct_uploads' },
		send: { preSend: [buildDirectUpload] },
	},
	properties: [
		{
			displayName: 'File Details From',
			name: 'fileSource',
			type: 'options',
			noDataExpression: true,
			default: 'binary',
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: 'Read name, type, size and checksum from a file in the input item',
				},
				{ name: 'Using Fields Below', value: 'fields', description: 'Enter name, type, size and checksum' },
			],
		},
		...binaryFileFields.map((field) => ({
			...field,
			displayOptions: { show: { fileSource: ['binary'] } },
		})),
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. invoice.pdf',
			displayOptions: { show: { fileSource: ['fields'] } },
		},
		{
			displayName: 'Content Type',
			name: 'contentType',
			type: 'options',
			required: true,
			default: 'image/jpeg',
			options: contentTypeOptions,
			displayOptions: { show: { fileSource: ['fields'] } },
		},
		{
			displayName: 'Byte Size',
			name: 'byteSize',
			type: 'number',
			required: true,
			default: 0,
			typeOptions: { minValue: 1 },
			description: 'Exact size of the file in bytes (limits: images 5 MB, video and audio 16 MB, documents 100 MB)',
			displayOptions: { show: { fileSource: ['fields'] } },
		},
		{
			displayName: 'Checksum',
			name: 'checksum',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. I+Sf6zGPGY+9Fh0ymkvwow==',
			description: 'MD5 of the file, base64-encoded; storage rejects bytes that do not match it',
			displayOptions: { show: { fileSource: ['fields'] } },
		},
		additionalBodyFieldsProperty,
	],
};
