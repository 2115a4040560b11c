import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { mediaLocator } from '../../shared/descriptions';
import { readNumericId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';

const deletedIds = new WeakMap<object, string>();

async function mediaPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = readNumericId(
		this,
		'media',
		'Media',
		'Pick the file from the list, or enter its library ID (the "id" of Media → Get Many, not the number in media://), e.g. 11.',
	);
	deletedIds.set(this, id);
	requestOptions.url = `/api/v1/medias/${id}`;
	return requestOptions;
}

/** Peach answers 204 with no body (UNCERTAIN, Remove a media: or a JSON body): say what was deleted instead. */
async function deletedOutput(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, id: Number(deletedIds.get(this)) } }];
}

export const deleteMedia: PeachOperation = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a media file',
	description: 'Remove a file from the media library',
	routing: {
		request: { method: 'DELETE', url: '/api/v1/medias' },
		send: { preSend: [mediaPath] },
		output: { postReceive: [deletedOutput] },
	},
	properties: [mediaLocator],
};
