import { eventIdField } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readEventId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const getTemplateMessageStatus: PeachOperation = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a template message',
	description:
		'Read the delivery status of a sent template message, using the event ID that Send returned',
	routing: {
		request: { method: 'GET', url: '/api/v1/events' },
		send: { preSend: [pathWithId('/api/v1/events/{id}', readEventId)] },
	},
	properties: [eventIdField],
};
