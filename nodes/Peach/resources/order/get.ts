import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';
import { readOrderId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';

async function orderPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.url = `/api/v1/orders/${readOrderId(this)}`;
	return requestOptions;
}

export const getOrder: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get an order',
	description: "Get an order's details and payment status",
	routing: {
		request: { method: 'GET', url: '/api/v1/orders' },
		send: { preSend: [orderPath] },
	},
	properties: [orderIdField],
};
