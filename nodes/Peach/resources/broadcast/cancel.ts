import { broadcastLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readBroadcastId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const cancelBroadcast: PeachOperation = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a broadcast',
	description: 'Stop a scheduled or running broadcast; messages already sent stay sent',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/broadcasts' },
		send: { preSend: [pathWithId('/api/v1/broadcasts/{id}/cancel', readBroadcastId)] },
	},
	properties: [broadcastLocator({ description: 'The scheduled or running broadcast to cancel' })],
};
