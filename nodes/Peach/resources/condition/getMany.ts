import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { listRecords } from '../../shared/automations';
import { filtersCollection } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalQueryParametersProperty } from '../../shared/request';
import { returnAllAndLimit } from '../../../shared/pagination';
import { checkUrlValue } from '../../../shared/validation';

/** The Source filter goes into the query, so it gets the check of every value in a URL. */
async function checkSourceFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const source = requestOptions.qs?.source;
	if (source !== undefined && source !== '') {
		checkUrlValue(
			this,
			source,
			'Filters → Source',
			'Enter the name of one integration as Peach writes it in a condition\'s "source", e.g. peach_shopify or stripe.',
		);
	}
	return requestOptions;
}

export const getManyConditions: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many conditions',
	description:
		"List Peach's condition library: the events that can start an automation, with the variables each needs",
	routing: {
		// beyond-the-36.md, "List conditions": Peach calls them expressions; no paging known, the Limit applies here.
		request: { method: 'GET', url: '/api/v1/expressions' },
		send: { preSend: [checkSourceFilter] },
		output: { postReceive: [listRecords(['expressions', 'conditions'], 'conditions')] },
	},
	properties: [
		...returnAllAndLimit('conditions'),
		filtersCollection([
			{
				displayName: 'Source',
				name: 'source',
				type: 'string',
				default: '',
				placeholder: 'e.g. peach_shopify',
				description: 'Only conditions of this integration, e.g. peach_shopify, stripe or Peach',
				routing: { send: { type: 'query', property: 'source' } },
			},
		]),
		additionalQueryParametersProperty,
	],
};
