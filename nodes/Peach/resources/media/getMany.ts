import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';
import { inputError } from '../../shared/validation';

/** A limit typed through an expression can be anything: it must be a whole number of at least 1. */
async function checkLimit(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (!this.getNodeParameter('returnAll', false)) {
		const limit = this.getNodeParameter('limit', 50);
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
			throw inputError(
				this,
				'Limit',
				`"${String(limit)}" is not a number of files`,
				'Enter a whole number of 1 or more, or turn on Return All.',
			);
		}
	}
	return requestOptions;
}

export const getManyMedias: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many media files',
	description: 'List the files in the media library, with their media_url',
	routing: {
		// UNCERTAIN (List available medias): page/per are not documented here; next/previous imply paging.
		request: { method: 'GET', url: '/api/v1/medias' },
		send: { preSend: [checkLimit] },
	},
	properties: [...returnAllOrLimit('medias', 'media files'), additionalQueryParametersProperty],
};
