import { broadcastLocator } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { broadcastPath } from './byId';

export const getBroadcast: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a broadcast',
	description: 'Get the details and delivery statistics of one broadcast',
	routing: {
		request: { method: 'GET', url: '/api/v1/broadcasts' },
		send: { preSend: [broadcastPath('/api/v1/broadcasts/{id}')] },
	},
	properties: [broadcastLocator()],
};
