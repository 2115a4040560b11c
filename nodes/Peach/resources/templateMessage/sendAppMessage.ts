import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { messageContactFields, recipientPhoneField, templateLocator } from '../../shared/descriptions';
import { checkTemplateId, messageContact, readPrefixedId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { keyValuePairs, normalizePhoneNumber, parseJsonParameter } from '../../../shared/validation';

const FIELDS = 'Additional Fields';

// UNCERTAIN (Send an App message): the whole body comes from Peach's MCP server; the docs page has no body.
async function buildAppMessageBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phone = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const appId = readPrefixedId(
		this,
		'appId',
		'App ID',
		'flw_',
		'app',
		'Copy the app (flow) ID from the Peach dashboard; it starts with flw_, e.g. flw_1234abcd.',
	);
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const variables = {
		...keyValuePairs(this.getNodeParameter('appVariables', {})),
		...parseJsonParameter(this, fields.appVariablesJson, `${FIELDS} → App Variables (JSON)`, 'object'),
	};
	// A picker holds { mode, value }; the tool version's plain field holds the ID itself.
	const picked = fields.fallbackTemplate;
	const fallback = picked && typeof picked === 'object' ? (picked as IDataObject).value : picked;
	requestOptions.body = {
		event_type: 'send_app_message',
		contact: messageContact(this, phone, fields, FIELDS),
		flow: {
			id: appId,
			liquid_values: variables,
			whats_app_template_id:
				fallback === undefined || fallback === ''
					? undefined
					: checkTemplateId(this, fallback, `${FIELDS} → Fallback Template`),
		},
	};
	return requestOptions;
}

export const sendAppMessage: PeachOperation = {
	name: 'Send App Message',
	value: 'sendAppMessage',
	action: 'Send an app message',
	description:
		'Start a Peach app (WhatsApp Flow) for a contact; a fallback template reaches them when the 24-hour window is closed',
	routing: {
		request: { method: 'POST', url: '/api/v1/events' },
		send: { preSend: [buildAppMessageBody] },
	},
	properties: [
		recipientPhoneField,
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. flw_1234abcd',
			description: 'The Peach app (WhatsApp Flow) to start; its ID starts with flw_',
		},
		{
			displayName: 'App Variables',
			name: 'appVariables',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Variable',
			default: {},
			description: "Values for the app's {{variables}}",
			options: [
				{
					displayName: 'Variable',
					name: 'values',
					values: [
						{
							displayName: 'Name',
							name: 'key',
							type: 'string',
							default: '',
							placeholder: 'e.g. first_name',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. John',
						},
					],
				},
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'App Variables (JSON)',
					name: 'appVariablesJson',
					type: 'json',
					default: '{}',
					placeholder: 'e.g. {"first_name": "John"}',
					description:
						"Values for the app's {{variables}} as one object (e.g. from an expression); merged over App Variables",
				},
				...messageContactFields,
				templateLocator(true, {
					displayName: 'Fallback Template',
					name: 'fallbackTemplate',
					required: false,
					description:
						'An approved template Peach sends instead when the contact has not written in the last 24 hours',
				}),
			],
		},
		additionalBodyFieldsProperty,
	],
};
