import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';

export const getManyMedias: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many media files',
	description: 'List the files in the media library, with their media_url',
	routing: {
		// UNCERTAIN (List available medias): page/per are not documented here; next/previous imply paging.
		request: { method: 'GET', url: '/api/v1/medias' },
	},
	properties: [...returnAllOrLimit('medias', 'media files'), additionalQueryParametersProperty],
};
