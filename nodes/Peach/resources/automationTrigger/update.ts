import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import {
	conditionVariablesField,
	dataMappingsField,
	readConditionVariables,
	readDataMappings,
	readTriggerId,
	triggerDescriptionField,
} from '../../shared/automations';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty, requireChange } from '../../shared/request';
import { dropUnsetFields } from '../../../shared/validation';

async function buildUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = readTriggerId(this);
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body = dropUnsetFields({
		variables: readConditionVariables(fields.variables),
		// beyond-the-36.md, "Update a trigger": data_mappings replaces all existing mappings.
		data_mappings: readDataMappings(this, fields.dataMappings, 'Update Fields → Data Mappings'),
		description: fields.description,
		activate: typeof fields.activate === 'boolean' ? fields.activate : undefined,
	});
	requireChange(this, body, 'Activate');
	// beyond-the-36.md, "Update a trigger": the path is top level, not under the automation.
	requestOptions.url = `/api/v1/triggers/${encodeURIComponent(id)}`;
	requestOptions.body = body;
	return requestOptions;
}

export const updateAutomationTrigger: PeachOperation = {
	name: 'Update',
	value: 'update',
	action: 'Update an automation trigger',
	description: "Change a trigger's variables, data mappings or note, or turn it on or off",
	routing: {
		request: { method: 'PATCH', url: '/api/v1/triggers' },
		send: { preSend: [buildUpdate] },
	},
	properties: [
		{
			displayName: 'Trigger ID',
			name: 'triggerId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. trig_1234abcd',
			description: 'The trigger to change (its ID starts with trig_; Automation Trigger → Get Many lists them)',
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Activate',
					name: 'activate',
					type: 'boolean',
					default: true,
					description:
						'Whether the trigger is live (on: Peach registers the webhook and matching events message customers) or paused (off)',
				},
				dataMappingsField({
					description:
						'Replaces ALL of the trigger’s current data mappings: list every recipient field and variable it should keep, not only the ones that change',
				}),
				triggerDescriptionField,
				conditionVariablesField({ description: "New values for the condition's variables" }),
			],
		},
		additionalBodyFieldsProperty,
	],
};
