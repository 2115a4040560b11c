import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { eventContactFields, readEventContact } from './eventContact';

async function buildClose(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const contact = await readEventContact.call(this);
	requestOptions.body = { event_type: 'close_conversation', contact };
	return requestOptions;
}

export const closeConversation: PeachOperation = {
	name: 'Close',
	value: 'close',
	action: 'Close a conversation',
	description: "Close the open inbox conversation with a contact",
	routing: {
		request: { method: 'POST', url: '/api/v1/events' },
		send: { preSend: [buildClose] },
	},
	properties: [...eventContactFields, additionalBodyFieldsProperty],
};
