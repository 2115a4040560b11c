import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { peachReason } from '../../../shared/errors';
import { contentTypeOptions, directUploadBlob, readBinaryMedia, sendFileTransfer } from '../../shared/media';
import type { FileTransfer } from '../../shared/media';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { peachApiRequest } from '../../../shared/transport';

/** The storage PUT: the file's bytes to the upload URL Peach handed out, before the finalize. */
const STORAGE_PUT: FileTransfer = {
	server: "Peach's file storage",
	unanswered:
		"Peach's file storage may have received the file, but it is not in the media library: the upload was not finalized, so Media → Get Many does not list it. Run the node again: it uploads the file anew and adds it to the library once.",
	unreached:
		"The file was not sent. Check the network between n8n and Peach's file storage (the host of the upload URL Peach returned), then run the node again.",
};

/** The bytes read in preSend, handed to the postReceive of the same item. */
const bytesByContext = new WeakMap<object, Buffer>();

/** "File Options": the file name and content type to use instead of what the file source says. */
export function fileOptionsField(name: string, typeWhen: string, defaultName: string): INodeProperties {
	return {
		displayName: 'File Options',
		name,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'options',
				default: 'image/jpeg',
				options: contentTypeOptions,
				description: `The file's type, when ${typeWhen}`,
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. invoice.pdf',
				description: `Name to store the file under, with its extension (default: ${defaultName})`,
			},
		],
	};
}

/** Binary field + file name / content type overrides, shared by the operations that read a file. */
export const binaryFileFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input item\'s binary field that holds the file',
	},
	fileOptionsField('fileOptions', "the binary field's MIME type is missing or wrong", 'the binary file name'),
];

/** Reads the file of this item (binary field + options) and checks Peach's type and size limits. */
export async function readItemFile(context: IExecuteSingleFunctions) {
	const binaryPropertyName = String(context.getNodeParameter('binaryPropertyName', 'data')).trim();
	const options = context.getNodeParameter('fileOptions', {}) as IDataObject;
	return await readBinaryMedia(
		context,
		binaryPropertyName,
		{ fileName: options.fileName as string, contentType: options.contentType as string },
		'Input Binary Field',
	);
}

async function createUploadForFile(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { file, data } = await readItemFile(this);
	bytesByContext.set(this, data);
	requestOptions.body = directUploadBlob(file);
	return requestOptions;
}

/** Sends the bytes to the storage URL Peach handed out, then finalizes the upload into the media library. */
async function sendBytesAndFinalize(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const upload = (items[0]?.json ?? {}) as IDataObject;
	const target = (upload.direct_upload ?? {}) as { url?: string; headers?: Record<string, string> };
	const data = bytesByContext.get(this);
	const itemIndex = this.getItemIndex();
	if (!target.url || !upload.signed_id || !data) {
		throw new NodeApiError(this.getNode(), upload as never, {
			message: `Peach did not return where to upload the file [item ${itemIndex}]`,
			description: 'The direct upload answer has no direct_upload.url or signed_id. Check that the Base URL in the credential points at the Peach API.',
			itemIndex,
		});
	}
	// UNCERTAIN (Create a direct upload for media): the storage method is not documented; ActiveStorage uses PUT.
	// Plain httpRequest on purpose: the storage request must not carry the Peach API key.
	const stored = await sendFileTransfer(
		this,
		{ method: 'PUT', url: target.url, headers: { ...(target.headers ?? {}) }, body: data, json: false },
		STORAGE_PUT,
	);
	if (stored.statusCode >= 300) {
		const reason = peachReason(stored.body);
		throw new NodeApiError(this.getNode(), { body: reason }, {
			message: `Peach's file storage refused the upload (${stored.statusCode}${reason ? `: ${reason}` : ''}) [item ${itemIndex}]`,
			description:
				'The file was not stored. Run the node again: each run starts a new upload. If it keeps failing, check the file and the network between n8n and the storage URL.',
			httpCode: String(stored.statusCode),
			itemIndex,
		});
	}
	const media = await peachApiRequest.call(this, 'POST', '/api/v1/medias/finalize', {
		body: { signed_id: upload.signed_id as string },
	});
	return [{ json: media as IDataObject }];
}

export const uploadMedia: PeachOperation = {
	name: 'Upload',
	value: 'upload',
	action: 'Upload a media file',
	description:
		'Store a file from a binary field in the media library; outputs its media_url for template media headers',
	routing: {
		request: { method: 'POST', url: '/api/v1/medias/direct_uploads' },
		send: { preSend: [createUploadForFile] },
		output: { postReceive: [sendBytesAndFinalize] },
	},
	properties: [...binaryFileFields, additionalBodyFieldsProperty],
};
