import { broadcastLocator } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { broadcastPath } from './byId';

export const archiveBroadcast: PeachOperation = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a broadcast',
	description: 'Archive a finished broadcast so it leaves the active list',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/broadcasts' },
		send: { preSend: [broadcastPath('/api/v1/broadcasts/{id}/archive')] },
	},
	properties: [broadcastLocator({ description: 'The broadcast to archive' })],
};
