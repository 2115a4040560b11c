import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { conversationLocator, filtersCollection, phoneNumberFilter } from '../../shared/descriptions';
import { checkNumericId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';
import { checkPhoneNumberFilter, inputError } from '../../../shared/validation';

/** Checks the business number and conversation filters the user added; unset ones never reach the query. */
async function checkMessageFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = { ...requestOptions.qs };
	if (qs.business_phone_number !== undefined && qs.business_phone_number !== '') {
		// UNCERTAIN (List messages): Peach shows business numbers without "+", so the number is sent as typed.
		const number = String(qs.business_phone_number).replace(/[\s\-.()]/g, '');
		if (!/^\+?[1-9]\d{7,14}$/.test(number)) {
			throw inputError(
				this,
				'Filters → Business Phone Number',
				`"${String(qs.business_phone_number)}" is not a phone number`,
				'Enter your WhatsApp business number with country code, e.g. 919876543222 or +919876543222.',
			);
		}
		qs.business_phone_number = number;
	}
	if (qs.conversation_id !== undefined && qs.conversation_id !== '') {
		qs.conversation_id = checkNumericId(
			this,
			qs.conversation_id,
			'Filters → Conversation',
			'Pick the conversation from the list, or enter its numeric ID, e.g. 1024.',
		);
	}
	requestOptions.qs = qs;
	return requestOptions;
}

export const getMessages: PeachOperation = {
	name: 'Get Messages',
	value: 'getMessages',
	action: 'Get conversation messages',
	description: 'List WhatsApp messages, filtered by conversation, contact, business number or direction',
	routing: {
		// UNCERTAIN (List messages): path and filters come from Peach's clients; per_page (MCP only) is not
		// sent because every other Peach list pages with `per`.
		request: { method: 'GET', url: '/api/v1/messages' },
		send: { preSend: [checkPhoneNumberFilter, checkMessageFilters] },
	},
	properties: [
		...returnAllOrLimit('messages', 'messages'),
		filtersCollection([
			{
				displayName: 'Business Phone Number',
				name: 'businessPhoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +919876543222',
				description: 'Only messages sent or received by this WhatsApp business number',
				routing: { send: { type: 'query', property: 'business_phone_number' } },
			},
			conversationLocator({
				required: false,
				description: 'Only messages of this conversation',
				routing: { send: { type: 'query', property: 'conversation_id' } },
			}),
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'inbound',
				options: [
					{ name: 'Inbound', value: 'inbound', description: 'Messages the contact sent' },
					{ name: 'Outbound', value: 'outbound', description: 'Messages sent to the contact' },
				],
				routing: { send: { type: 'query', property: 'direction' } },
			},
			phoneNumberFilter("Only messages with this contact (the contact's number, with country code)"),
			{
				// UNCERTAIN (List messages): `from`/`to` come from Peach's MCP server only.
				displayName: 'Sent After',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent at or after this time',
				routing: { send: { type: 'query', property: 'from' } },
			},
			{
				displayName: 'Sent Before',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent at or before this time',
				routing: { send: { type: 'query', property: 'to' } },
			},
		]),
		additionalQueryParametersProperty,
	],
};
