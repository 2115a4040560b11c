import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { connectionFailure, noAnswerError, runOf } from '../../shared/transport';
import { inputError } from '../../shared/validation';

/** The content types Peach stores, as listed in "About uploaded media". */
export const SUPPORTED_MEDIA_TYPES: Record<string, string[]> = {
	'application/msword': ['doc'],
	'application/pdf': ['pdf'],
	'application/vnd.ms-excel': ['xls'],
	'application/vnd.ms-powerpoint': ['ppt'],
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'audio/aac': ['aac'],
	'audio/amr': ['amr'],
	'audio/mp4': ['m4a'],
	'audio/mpeg': ['mp3'],
	'audio/ogg': ['ogg', 'opus'],
	'image/jpeg': ['jpg', 'jpeg'],
	'image/png': ['png'],
	'text/plain': ['txt'],
	'video/3gpp': ['3gp'],
	'video/mp4': ['mp4'],
};

const MB = 1024 * 1024;

// UNCERTAIN (About uploaded media): only the image/png cap (5242880 bytes) is documented; video/audio
// 16 MB and documents 100 MB are WhatsApp's limits, which Peach forwards to.
export function maxMediaBytes(contentType: string): number {
	if (contentType.startsWith('image/')) return 5 * MB;
	if (contentType.startsWith('video/') || contentType.startsWith('audio/')) return 16 * MB;
	return 100 * MB;
}

function describeSize(bytes: number): string {
	return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`;
}

/** The content type a file name's extension stands for, if Peach supports it. */
export function contentTypeFromFileName(fileName: string): string | undefined {
	const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
	return Object.keys(SUPPORTED_MEDIA_TYPES).find((type) =>
		SUPPORTED_MEDIA_TYPES[type].includes(extension),
	);
}

/** Options for a Content Type dropdown, sorted by name. */
export const contentTypeOptions = Object.keys(SUPPORTED_MEDIA_TYPES)
	.map((type) => ({ name: type, value: type }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** A file ready to be announced to Peach: what the direct upload (and the deprecated upload) ask for. */
export interface MediaFile {
	fileName: string;
	contentType: string;
	byteSize: number;
	/** base64 MD5 of the bytes, the checksum ActiveStorage verifies. */
	checksum: string;
}

export function md5Base64(data: Buffer): string {
	return createHash('md5').update(data).digest('base64');
}

/** Which parameter an error about a file's type, and about its size, is reported under. */
export type MediaParameters = string | { type: string; size: string };

/**
 * Settles the content type (given, else from the binary's MIME type, else from the extension) and
 * rejects a type Peach does not store, before anything is read or sent.
 */
export function checkMediaType(
	context: IExecuteSingleFunctions,
	file: { fileName: string; contentType?: string },
	parameters: MediaParameters,
): string {
	const parameter = typeof parameters === 'string' ? parameters : parameters.type;
	const given = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
	const contentType =
		given && given !== 'application/octet-stream' ? given : contentTypeFromFileName(file.fileName) ?? given;
	// Own keys only: a type such as "constructor" must not pass for a supported one.
	if (!contentType || !Object.prototype.hasOwnProperty.call(SUPPORTED_MEDIA_TYPES, contentType)) {
		throw inputError(
			context,
			parameter,
			`Peach does not accept files of type "${contentType || 'unknown'}"${file.fileName ? ` (${file.fileName})` : ''}`,
			`Supported types: JPEG and PNG images (up to 5 MB); MP4 and 3GPP video and AAC, AMR, MP3, M4A and OGG audio (up to 16 MB); PDF, TXT, Word, Excel and PowerPoint documents (up to 100 MB). Convert the file, or set the right Content Type if it is wrong.`,
		);
	}
	return contentType;
}

/** The error for a file over Peach's limit for its type; without `byteSize`, its size is not known. */
export function mediaTooLarge(
	context: IExecuteSingleFunctions,
	parameter: string,
	contentType: string,
	byteSize?: number,
) {
	const limit = maxMediaBytes(contentType);
	const size = byteSize === undefined ? 'larger than' : `${describeSize(byteSize)}, over`;
	return inputError(
		context,
		parameter,
		`the file is ${size} Peach's limit of ${describeSize(limit)} (${limit} bytes) for ${contentType}`,
		'Compress or resize the file below the limit, or send a link to it instead of uploading it.',
	);
}

/**
 * Settles the content type (see checkMediaType) and rejects a type Peach does not store or a file
 * over its size limit, before anything is sent.
 */
export function checkMediaFile(
	context: IExecuteSingleFunctions,
	file: { fileName: string; contentType?: string; byteSize: number },
	parameters: MediaParameters,
): { fileName: string; contentType: string; byteSize: number } {
	const parameter = typeof parameters === 'string' ? parameters : parameters.size;
	const contentType = checkMediaType(context, file, parameters);
	const limit = maxMediaBytes(contentType);
	if (file.byteSize > limit) {
		throw mediaTooLarge(context, parameter, contentType, file.byteSize);
	}
	if (file.byteSize <= 0) {
		throw inputError(context, parameter, 'the file is empty', 'Check that the previous node produced the file.');
	}
	return { fileName: file.fileName, contentType, byteSize: file.byteSize };
}

/** Reads a file from an item's binary property, with what Peach needs to know about it. */
export async function readBinaryMedia(
	context: IExecuteSingleFunctions,
	binaryPropertyName: string,
	overrides: { fileName?: string; contentType?: string },
	parameter: string,
): Promise<{ file: MediaFile; data: Buffer }> {
	const binaryItems = context.getInputData().binary ?? {};
	// Own keys only: "__proto__" or "constructor" would otherwise pass for a binary field.
	if (!binaryPropertyName || !Object.prototype.hasOwnProperty.call(binaryItems, binaryPropertyName) || !binaryItems[binaryPropertyName]) {
		const available = Object.keys(binaryItems);
		throw inputError(
			context,
			parameter,
			`the input item has no binary field "${binaryPropertyName}"`,
			available.length
				? `Use one of the item's binary fields: ${available.join(', ')}.`
				: 'Put a node that outputs a file (e.g. Read/Write Files from Disk, HTTP Request with Response Format File) before this one.',
		);
	}
	const binary = context.helpers.assertBinaryData(binaryPropertyName);
	const data = await context.helpers.getBinaryDataBuffer(binaryPropertyName);
	const fileName = overrides.fileName || binary.fileName || `file.${binary.fileExtension ?? 'bin'}`;
	const checked = checkMediaFile(
		context,
		{ fileName, contentType: overrides.contentType || binary.mimeType, byteSize: data.length },
		parameter,
	);
	return { file: { ...checked, checksum: md5Base64(data) }, data };
}

/** The `blob` body of Create a direct upload. */
export function directUploadBlob(file: MediaFile): IDataObject {
	// UNCERTAIN (Create a direct upload for media): the request body is not documented; this is the
	// ActiveStorage shape the response and the error paths (reason.blob.byte_size) point to.
	return {
		blob: {
			filename: file.fileName,
			byte_size: file.byteSize,
			checksum: file.checksum,
			content_type: file.contentType,
		},
	};
}

/** A file transfer outside Peach's API: who is asked, and what to tell the user when it gets no answer. */
export interface FileTransfer {
	/** Who is asked, as a message names it, e.g. "Peach's file storage". */
	server: string;
	/** What may have been done, and what to do, when the request went out and got no answer. */
	unanswered: string;
	/** What to do when the request never went out (the host could not be reached). */
	unreached: string;
}

/**
 * The error of a file transfer that got no answer (a reset, a timeout, a host not reached), worded
 * like every transport failure of the node: what happened and [item N] in the message, what may
 * have been done and what to do in the description, the cause's code in the details.
 */
export function fileTransferError(
	context: IExecuteSingleFunctions,
	error: unknown,
	transfer: FileTransfer,
): NodeApiError {
	const timeoutMs = runOf(context)?.settings.timeoutMs;
	const itemIndex = context.getItemIndex();
	const { code, timedOut, notSent } = connectionFailure(error);
	const server = transfer.server.charAt(0).toUpperCase() + transfer.server.slice(1);
	let message: string;
	if (timedOut) {
		message = `${server} did not answer ${timeoutMs ? `within ${Math.round(timeoutMs / 100) / 10} s` : 'in time'}`;
	} else if (notSent) {
		message = `Could not reach ${transfer.server}`;
	} else {
		message = `The connection to ${transfer.server} broke before it answered`;
	}
	return noAnswerError(context.getNode(), {
		message,
		description: notSent ? transfer.unreached : transfer.unanswered,
		itemIndex,
		code,
	});
}

/**
 * A request of a file transfer, sent with plain httpRequest (no Peach API key: the server is not
 * Peach's API) within the node's Timeout. Every answer comes back in full, whatever its status;
 * a request that gets none fails with fileTransferError.
 */
export async function sendFileTransfer(
	context: IExecuteSingleFunctions,
	request: IHttpRequestOptions,
	transfer: FileTransfer,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequest({
			...request,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: runOf(context)?.settings.timeoutMs,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw fileTransferError(context, error, transfer);
	}
}
