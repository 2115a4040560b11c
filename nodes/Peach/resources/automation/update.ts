import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { AUTOMATION_STATUS_OPTIONS, automationLocator, readAutomationId } from '../../shared/automations';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFields, additionalBodyFieldsProperty } from '../../shared/request';
import { dropUnsetFields, inputError } from '../../../shared/validation';
import { definitionField, readDefinition } from './definition';

async function buildUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = readAutomationId(this);
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const name = fields.name === undefined ? undefined : String(fields.name).trim();
	if (name === '') {
		throw inputError(this, 'Update Fields → Name', 'is empty', 'Enter the new name, or remove the field to keep the current one.');
	}
	const body = dropUnsetFields({
		name,
		description: fields.description,
		status: fields.status,
		// beyond-the-36.md, "Update an automation": whether the definition replaces the whole graph (most likely) is UNCERTAIN.
		definition: readDefinition(this, fields.definition, 'Update Fields → Definition (JSON)'),
	});
	if (Object.keys(body).length === 0 && !additionalBodyFields(this)) {
		throw inputError(
			this,
			'Update Fields',
			'no field to change was set',
			'Add at least one field under Update Fields (e.g. Status) with the new value.',
		);
	}
	requestOptions.url = `/api/v1/streams/${encodeURIComponent(id)}`;
	requestOptions.body = body;
	return requestOptions;
}

export const updateAutomation: PeachOperation = {
	name: 'Update',
	value: 'update',
	action: 'Update an automation',
	description: "Change an automation's name, description, status or steps; fields you do not add stay as they are",
	routing: {
		request: { method: 'PATCH', url: '/api/v1/streams' },
		send: { preSend: [buildUpdate] },
	},
	properties: [
		automationLocator({ description: 'The automation to change' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				definitionField({
					description:
						"The new step graph, replacing the current steps: start_step names the first step, steps maps each step ID to its type, payload and next_step",
				}),
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					placeholder: 'e.g. Reminds the customer to update their card',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. Payment failed follow-up',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					default: 'published',
					options: AUTOMATION_STATUS_OPTIONS,
					description: 'Set Published to make the automation live',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
