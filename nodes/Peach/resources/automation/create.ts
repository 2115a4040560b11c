import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { businessPhoneNumberField } from '../../shared/descriptions';
import { readBusinessNumber } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError } from '../../../shared/validation';
import {
	automationDescriptionField,
	automationNameField,
	automationStatusField,
	definitionField,
	readDefinition,
} from './fields';

async function buildAutomation(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = String(this.getNodeParameter('name', '') ?? '').trim();
	if (!name) throw inputError(this, 'Name', 'is empty', 'Give the automation a name, e.g. "Payment failed follow-up".');
	const definition = readDefinition(this, this.getNodeParameter('definition', ''), 'Definition (JSON)');
	if (!definition) {
		throw inputError(
			this,
			'Definition (JSON)',
			'is empty',
			'Enter the step graph, e.g. {"start_step": "hello", "steps": {"hello": {"type": "send_message", "payload": {"message": {"text": "Hi!"}}, "next_step": null}}}.',
		);
	}
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	// beyond-the-36.md, "Create an automation": a flat body, field names from Peach's MCP server.
	requestOptions.body = {
		name,
		definition,
		description: fields.description,
		status: fields.status,
		business_phone_number: readBusinessNumber(
			this,
			fields.businessPhoneNumber,
			'Additional Fields → Business Phone Number',
		),
	};
	return requestOptions;
}

export const createAutomation: PeachOperation = {
	name: 'Create',
	value: 'create',
	action: 'Create an automation',
	description: 'Create an automation from a JSON step definition',
	routing: {
		request: { method: 'POST', url: '/api/v1/streams' },
		send: { preSend: [buildAutomation] },
	},
	properties: [
		{ ...automationNameField, required: true },
		definitionField({ required: true }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					...businessPhoneNumberField,
					description:
						'The WhatsApp business number the automation sends from, with country code and no +. Leave it out to use your first number.',
				},
				automationDescriptionField,
				automationStatusField(
					'draft',
					"Whether the automation is live: only a published one can be started. Leave it out for Peach's default.",
				),
			],
		},
		additionalBodyFieldsProperty,
	],
};
