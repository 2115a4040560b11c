import { eventIdField, waitLimitFields } from '../../shared/descriptions';
import { eventStatusPath, waitUntilProcessed } from '../../shared/events';
import type { PeachOperation } from '../../shared/operation';

export const getBroadcastStatus: PeachOperation = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a broadcast launch',
	description:
		'Read the launch event of a broadcast: whether Peach has processed it, the broadcast, its statistics and a link to its messages',
	routing: {
		request: { method: 'GET', url: '/api/v1/events' },
		send: { preSend: [eventStatusPath] },
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
