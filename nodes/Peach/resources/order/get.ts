import { orderIdField } from '../../shared/descriptions';
import { pathWithId, readOrderId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';

export const getOrder: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get an order',
	description: "Get an order's details and payment status",
	routing: {
		request: { method: 'GET', url: '/api/v1/orders' },
		send: { preSend: [pathWithId('/api/v1/orders/{id}', readOrderId)] },
	},
	properties: [orderIdField],
};
