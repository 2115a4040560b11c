import { broadcastLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readBroadcastId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const archiveBroadcast: PeachOperation = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a broadcast',
	description: 'Archive a finished broadcast so it leaves the active list',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/broadcasts' },
		send: { preSend: [pathWithId('/api/v1/broadcasts/{id}/archive', readBroadcastId)] },
	},
	properties: [broadcastLocator({ description: 'The broadcast to archive' })],
};
