import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { automationLocator, readAutomationId } from '../../shared/automations';
import { requireEmail } from '../../shared/contact';
import { recipientPhoneField } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { inputError, normalizePhoneNumber, parseJsonParameter } from '../../../shared/validation';

async function buildRun(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = readAutomationId(this);
	const phoneNumber = normalizePhoneNumber(
		this,
		this.getNodeParameter('contactPhoneNumber', ''),
		'Contact Phone Number',
	);
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const email = String(fields.contactEmail ?? '').trim();
	const data = parseJsonParameter(this, this.getNodeParameter('data', ''), 'Data (JSON)', 'object') ?? {};
	if (data.contact !== undefined) {
		throw inputError(
			this,
			'Data (JSON)',
			'has a "contact" key',
			'Give the contact with Contact Phone Number and Additional Fields; keep Data (JSON) for the values the automation uses, e.g. {"order_id": "#1001"}.',
		);
	}
	requestOptions.url = `/api/v1/streams/${encodeURIComponent(id)}/events`;
	// beyond-the-36.md, "Run an automation for a contact": {contact, ...data} as Peach's MCP server sends it;
	// whether Peach wants the data at the top level or under "payload" is UNCERTAIN (Open question 2).
	requestOptions.body = {
		...data,
		contact: {
			phone_number: phoneNumber,
			name: fields.contactName,
			email: email ? requireEmail(this, email, 'Additional Fields → Contact Email') : undefined,
		},
	};
	return requestOptions;
}

export const runAutomationForContact: PeachOperation = {
	name: 'Run for Contact',
	value: 'runForContact',
	action: 'Run an automation for a contact',
	description: 'Start an automation for one contact now; its steps message the contact on WhatsApp',
	routing: {
		// A send: like every POST it is never resent after a 5xx or timeout, only after a 429.
		request: { method: 'POST', url: '/api/v1/streams' },
		send: { preSend: [buildRun] },
	},
	properties: [
		automationLocator({
			description: 'The automation to start. It must be published; its steps message the contact.',
		}),
		{
			...recipientPhoneField,
			displayName: 'Contact Phone Number',
			name: 'contactPhoneNumber',
			description: 'WhatsApp number of the contact to run the automation for, with country code',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Contact Email',
					name: 'contactEmail',
					type: 'string',
					default: '',
					placeholder: 'e.g. alfred@example.com',
				},
				{
					displayName: 'Contact Name',
					name: 'contactName',
					type: 'string',
					default: '',
					placeholder: 'e.g. Alfred Hitchcock',
				},
			],
		},
		{
			displayName: 'Data (JSON)',
			name: 'data',
			type: 'json',
			// An empty object means nothing extra is sent.
			default: '{}',
			placeholder: 'e.g. {"order_id": "#1001", "amount": "₹1,999"}',
			description:
				'Values passed into the automation for its steps, as a JSON object; sent beside the contact, at the top level of the request',
		},
	],
};
