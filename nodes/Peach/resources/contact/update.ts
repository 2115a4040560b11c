import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { contactFieldsBody } from '../../shared/contact';
import { contactProfileFields, recipientPhoneField } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty, requireChange } from '../../shared/request';
import { dropUnsetFields, normalizePhoneNumber } from '../../../shared/validation';

async function buildUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phoneNumber = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body = dropUnsetFields(contactFieldsBody(this, fields, 'Update Fields'));
	requireChange(this, body, 'Name');
	requestOptions.url = `/api/v1/contacts/${encodeURIComponent(phoneNumber)}`;
	requestOptions.body = body;
	return requestOptions;
}

/** Fields only the update call takes, from Peach's MCP server. */
const updateOnlyFields = [
	{
		displayName: 'Age',
		name: 'age',
		type: 'number' as const,
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Age in whole years',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'string' as const,
		default: '',
		placeholder: 'e.g. female',
	},
	{
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string' as const,
		default: '',
		placeholder: 'e.g. Hitch',
	},
];

export const updateContact: PeachOperation = {
	name: 'Update',
	value: 'update',
	action: 'Update a contact',
	description: 'Change fields of the contact with this phone number; fields you do not add stay as they are',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/contacts' },
		send: { preSend: [buildUpdate] },
	},
	properties: [
		{ ...recipientPhoneField, description: 'WhatsApp number of the contact to update, with country code' },
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			// UNCERTAIN (Update a contact): communication_preference and tags are documented for create only.
			options: [...contactProfileFields, ...updateOnlyFields].sort((a, b) =>
				a.displayName.localeCompare(b.displayName),
			),
		},
		additionalBodyFieldsProperty,
	],
};
