import { broadcastLocator } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { broadcastPath } from './byId';

export const cancelBroadcast: PeachOperation = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a broadcast',
	description: 'Stop a scheduled or running broadcast; messages already sent stay sent',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/broadcasts' },
		send: { preSend: [broadcastPath('/api/v1/broadcasts/{id}/cancel')] },
	},
	properties: [broadcastLocator({ description: 'The scheduled or running broadcast to cancel' })],
};
