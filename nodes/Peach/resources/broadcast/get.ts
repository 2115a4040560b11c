import { broadcastLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readBroadcastId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const getBroadcast: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a broadcast',
	description: 'Get the details and delivery statistics of one broadcast',
	routing: {
		request: { method: 'GET', url: '/api/v1/broadcasts' },
		send: { preSend: [pathWithId('/api/v1/broadcasts/{id}', readBroadcastId)] },
	},
	properties: [broadcastLocator()],
};
