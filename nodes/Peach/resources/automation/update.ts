import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { automationLocator, readAutomationId } from '../../shared/automations';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty, requireChange } from '../../shared/request';
import { dropUnsetFields, inputError } from '../../../shared/validation';
import {
	automationDescriptionField,
	automationNameField,
	automationStatusField,
	definitionField,
	readDefinition,
} from './fields';

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
	requireChange(this, body, 'Status');
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
				automationDescriptionField,
				automationNameField,
				automationStatusField('published', 'Set Published to make the automation live'),
			],
		},
		additionalBodyFieldsProperty,
	],
};
