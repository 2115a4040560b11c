import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { recipientPhoneField } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { treatNotFoundAsEmpty } from '../../../shared/errors';
import { normalizePhoneNumber } from '../../../shared/validation';

async function buildGet(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phoneNumber = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const options = this.getNodeParameter('options', {}) as IDataObject;
	// beyond-the-36.md, "Get a contact": that Peach answers 404 for a number it does not know is UNCERTAIN.
	if (options.emptyIfNotFound) treatNotFoundAsEmpty(this);
	// beyond-the-36.md, "Get a contact" → Encoding: sent as %2B…, like Update; UNCERTAIN that Peach reads both forms alike.
	requestOptions.url = `/api/v1/contacts/${encodeURIComponent(phoneNumber)}`;
	return requestOptions;
}

export const getContact: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a contact',
	description: 'Look a contact up by phone number',
	routing: {
		// beyond-the-36.md, "Get a contact": the answer's fields are not documented; it is output as it comes.
		request: { method: 'GET', url: '/api/v1/contacts' },
		send: { preSend: [buildGet] },
	},
	properties: [
		{ ...recipientPhoneField, description: 'WhatsApp number of the contact to look up, with country code' },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Return Empty Item If Not Found',
					name: 'emptyIfNotFound',
					type: 'boolean',
					default: true,
					description:
						'Whether a number Peach has no contact for gives one empty item instead of an error, so an IF node can branch on "known customer or not" (the item has no ID when unknown)',
				},
			],
		},
	],
};
