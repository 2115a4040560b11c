import { conversationStatusOptions, filtersCollection, phoneNumberFilter } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';
import { checkPhoneNumberFilter } from '../../../shared/validation';

export const getManyConversations: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many conversations',
	description: 'List shared-inbox conversations, filtered by status, escalation and activity',
	routing: {
		request: { method: 'GET', url: '/api/v1/conversations' },
		// Only the filters the user added reach the query: Peach treats a sent escalated=false as a filter.
		send: { preSend: [checkPhoneNumberFilter] },
	},
	properties: [
		...returnAllOrLimit('conversations', 'conversations'),
		filtersCollection([
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
			phoneNumberFilter("Only the conversations with this contact (the contact's number, with country code)"),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'open',
				description: 'Only conversations with this status',
				options: conversationStatusOptions,
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
		]),
		additionalQueryParametersProperty,
	],
};
