import { conversationLocator, conversationStatusOptions } from '../../shared/descriptions';
import { pathWithId, readConversationId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';

export const updateStatus: PeachOperation = {
	name: 'Update Status',
	value: 'updateStatus',
	action: 'Update the status of a conversation',
	description: 'Open, close or park a shared-inbox conversation',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/conversations' },
		// UNCERTAIN (Update conversation status): the path comes from Peach's own clients, not the docs.
		send: { preSend: [pathWithId('/api/v1/conversations/{id}', readConversationId)] },
	},
	properties: [
		conversationLocator(),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			required: true,
			default: 'closed',
			description: 'The new status of the conversation',
			options: conversationStatusOptions,
			routing: { send: { type: 'body', property: 'status' } },
		},
		additionalBodyFieldsProperty,
	],
};
