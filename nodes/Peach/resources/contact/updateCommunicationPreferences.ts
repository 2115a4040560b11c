import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { parseList } from '../../shared/contact';
import { communicationPreferenceOptions } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError, normalizePhoneNumbers } from '../../../shared/validation';

async function buildPreferences(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const entries = parseList(this.getNodeParameter('phoneNumbers', ''));
	if (entries.length === 0) {
		throw inputError(
			this,
			'Phone Numbers',
			'is empty',
			'Enter at least one number with country code, e.g. +919988776655, +14155552671.',
		);
	}
	const phoneNumbers = normalizePhoneNumbers(this, entries, 'Phone Numbers');
	requestOptions.body = {
		phone_numbers: [...new Set(phoneNumbers)],
		communication_preference: this.getNodeParameter('communicationPreference') as string,
	};
	return requestOptions;
}

export const updateCommunicationPreferences: PeachOperation = {
	name: 'Update Communication Preferences',
	value: 'updateCommunicationPreferences',
	action: 'Update communication preferences of contacts',
	description: 'Set one communication preference on many contacts at once',
	routing: {
		request: { method: 'POST', url: '/api/v1/contacts/bulk_update_communication_preferences' },
		send: { preSend: [buildPreferences] },
	},
	properties: [
		{
			displayName: 'Phone Numbers',
			name: 'phoneNumbers',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. +919988776655, +14155552671',
			description:
				'WhatsApp numbers of the contacts, with country code, separated by commas or new lines (or a list from an expression)',
		},
		{
			displayName: 'Communication Preference',
			name: 'communicationPreference',
			type: 'options',
			required: true,
			default: 'disallow_marketing',
			options: communicationPreferenceOptions,
			description: 'Which messages these contacts agree to receive',
		},
		additionalBodyFieldsProperty,
	],
};
