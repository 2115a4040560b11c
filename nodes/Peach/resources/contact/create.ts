import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { contactFieldsBody } from '../../shared/contact';
import { contactProfileFields, recipientPhoneField } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { normalizePhoneNumber } from '../../../shared/validation';

async function buildContact(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phoneNumber = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	requestOptions.body = {
		phone_number: phoneNumber,
		...contactFieldsBody(this, fields, 'Additional Fields'),
	};
	return requestOptions;
}

export const createContact: PeachOperation = {
	name: 'Create',
	value: 'create',
	action: 'Create a contact',
	// Peach's own clients describe this call as create-or-update by phone number.
	description: 'Add a contact, or update the one with the same phone number',
	routing: {
		// UNCERTAIN (Create a contact): older docs show POST /subscribers; Peach's clients use /api/v1/contacts.
		request: { method: 'POST', url: '/api/v1/contacts' },
		send: { preSend: [buildContact] },
	},
	properties: [
		recipientPhoneField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: contactProfileFields,
		},
		additionalBodyFieldsProperty,
	],
};
