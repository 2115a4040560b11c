import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';
import { normalizePhoneNumber } from '../../shared/validation';
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** Only the filters the user added reach the query: Peach treats a sent `escalated=false` as a filter. */
async function checkPhoneFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phone = requestOptions.qs?.phone_number;
	if (phone !== undefined && phone !== '') {
		requestOptions.qs = {
			...requestOptions.qs,
			phone_number: normalizePhoneNumber(this, phone, 'Filters → Phone Number'),
		};
	}
	return requestOptions;
}

export const getManyConversations: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many conversations',
	description: 'List shared-inbox conversations, filtered by status, escalation and activity',
	routing: {
		request: { method: 'GET', url: '/api/v1/conversations' },
		send: { preSend: [checkPhoneFilter] },
	},
	properties: [
		...returnAllOrLimit('conversations', 'conversations'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Activity Since',
					name: 'activitySince',
					type: 'dateTime',
					default: '',
					description: 'Only conversations with activity after this time',
					routing: { send: { type: 'query', property: 'activity_since' } },
				},
				{
					displayName: 'Activity Type',
					name: 'activityType',
					type: 'options',
					default: 'message',
					description: 'Only conversations whose latest activity is of this kind',
					options: [
						{ name: 'Assignment', value: 'assignment' },
						{ name: 'Escalation', value: 'escalation' },
						{ name: 'Message', value: 'message' },
						{ name: 'Status Change', value: 'status_change' },
					],
					routing: { send: { type: 'query', property: 'activity_type' } },
				},
				{
					displayName: 'Escalated',
					name: 'escalated',
					type: 'boolean',
					default: true,
					description: 'Whether to return only escalated conversations (on) or only non-escalated ones (off)',
					routing: { send: { type: 'query', property: 'escalated' } },
				},
				{
					displayName: 'Has Call Permission',
					name: 'hasCallPermission',
					type: 'boolean',
					default: true,
					description: 'Whether to return only conversations whose contact allowed WhatsApp calls',
					routing: { send: { type: 'query', property: 'has_call_permission' } },
				},
				{
					displayName: 'Phone Number',
					name: 'phoneNumber',
					type: 'string',
					default: '',
					placeholder: 'e.g. +919988776655',
					description: "The contact's phone number, with country code",
					routing: { send: { type: 'query', property: 'phone_number' } },
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					default: 'open',
					options: [
						{ name: 'Awaiting Customer Response', value: 'awaiting_customer_response' },
						{ name: 'Closed', value: 'closed' },
						{ name: 'Open', value: 'open' },
						{ name: 'Pending', value: 'pending' },
					],
					routing: { send: { type: 'query', property: 'status' } },
				},
				{
					displayName: 'Updated Since',
					name: 'updatedSince',
					type: 'dateTime',
					default: '',
					description: 'Only conversations updated after this time',
					routing: { send: { type: 'query', property: 'updated_since' } },
				},
			],
		},
		additionalQueryParametersProperty,
	],
};
