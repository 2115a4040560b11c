import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError } from '../../../shared/validation';

async function checkSignedId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const signedId = String(this.getNodeParameter('signedId', '') ?? '').trim();
	if (!signedId || /\s/.test(signedId)) {
		throw inputError(
			this,
			'Signed ID',
			signedId ? `"${signedId}" is not a signed ID` : 'is empty',
			'Map the signed_id from the output of Media → Create Direct Upload.',
		);
	}
	// UNCERTAIN (Finalize a direct uploaded media): signed_id at the top level, as the flow text says.
	requestOptions.body = { signed_id: signedId };
	return requestOptions;
}

export const finalizeDirectUpload: PeachOperation = {
	name: 'Finalize Direct Upload',
	value: 'finalizeDirectUpload',
	action: 'Finalize a direct upload of a media file',
	description: 'Step 3 of uploading yourself: add the uploaded file to the media library and get its media_url',
	routing: {
		request: { method: 'POST', url: '/api/v1/medias/finalize' },
		send: { preSend: [checkSignedId] },
	},
	properties: [
		{
			displayName: 'Signed ID',
			name: 'signedId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. eyJfcmFpbHMiOnsibWVzc2FnZSI6IkJBaHBBdz09In19--1a2b3c',
			description: 'The signed_id returned by Create Direct Upload, once the bytes were sent to its URL',
		},
		additionalBodyFieldsProperty,
	],
};
