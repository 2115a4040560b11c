import { eventIdField, waitLimitFields } from '../../shared/descriptions';
import { waitUntilProcessed } from '../../shared/events';
import { pathWithId } from '../../shared/ids';
import { readEventId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const getBroadcastStatus: PeachOperation = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a broadcast launch',
	description:
		'Read the launch event of a broadcast: whether Peach has processed it, the broadcast, its statistics and a link to its messages',
	routing: {
		request: { method: 'GET', url: '/api/v1/events' },
		send: { preSend: [pathWithId('/api/v1/events/{id}', readEventId)] },
		output: { postReceive: [waitUntilProcessed] },
	},
	properties: [
		{
			...eventIdField,
			description: 'The event_id that Launch returned',
		},
		{
			displayName: 'Wait Until Processed',
			name: 'waitUntilProcessed',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep checking until Peach has processed the launch (or failed it) and output that final status',
		},
		...waitLimitFields('waitUntilProcessed'),
	],
};
