import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { broadcastLocator, filtersCollection, phoneNumberFilter } from '../../shared/descriptions';
import { checkBroadcastId, readDateTime } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';
import { checkPhoneNumberFilter } from '../../../shared/validation';

/** Checks the broadcast and date filters the user added; the routing already put them in the query. */
async function checkFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = { ...requestOptions.qs };
	if (qs.broadcast_id !== undefined && qs.broadcast_id !== '') {
		qs.broadcast_id = checkBroadcastId(this, qs.broadcast_id, 'Filters → Broadcast');
	}
	if (qs.updated_since !== undefined && qs.updated_since !== '') {
		qs.updated_since = readDateTime(this, qs.updated_since, 'Filters → Updated Since');
	}
	requestOptions.qs = qs;
	return requestOptions;
}

export const getManyTemplateMessages: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many template messages',
	description:
		'List sent template messages with their delivery status, most recently updated first (last 24 hours unless Updated Since says otherwise)',
	routing: {
		request: { method: 'GET', url: '/api/v1/template_messages' },
		send: { preSend: [checkPhoneNumberFilter, checkFilters] },
	},
	properties: [
		...returnAllOrLimit('template_messages', 'template messages'),
		filtersCollection([
			broadcastLocator({
				required: false,
				description: 'Only the messages of this broadcast',
				routing: { send: { type: 'query', property: 'broadcast_id' } },
			}),
			// UNCERTAIN (Poll template messages status): the phone filter is not in the docs; Peach's MCP server sends it.
			phoneNumberFilter('Only the messages sent to this number'),
			{
				// UNCERTAIN (Poll template messages status): not in the docs; Peach's MCP server sends it.
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'delivered',
				options: [
					{ name: 'Delivered', value: 'delivered' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Read', value: 'read' },
					{ name: 'Sent', value: 'sent' },
				],
				description: 'Only the messages with this delivery status',
				routing: { send: { type: 'query', property: 'status' } },
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only messages updated after this time. Without it, Peach returns the last 24 hours.',
				routing: { send: { type: 'query', property: 'updated_since' } },
			},
		]),
		additionalQueryParametersProperty,
	],
};
