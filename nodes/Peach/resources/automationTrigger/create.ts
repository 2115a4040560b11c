import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import {
	automationLocator,
	conditionVariablesField,
	dataMappingsField,
	readAutomationId,
	readConditionVariables,
	readDataMappings,
	triggerDescriptionField,
} from '../../shared/automations';
import { checkPrefixedId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError } from '../../../shared/validation';

const CONDITION_FIX =
	'Pick the condition from the list, type its exact name as Condition → Get Many shows it (e.g. Order Paid), or give its Expression ID (exp_…).';

/** The condition as Peach's body takes it: {condition: name} or {expression_id}. */
function readCondition(context: IExecuteSingleFunctions): IDataObject {
	const locator = context.getNodeParameter('condition', '') as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'object' && locator !== null ? locator.mode : 'name';
	const value = String((typeof locator === 'object' && locator !== null ? locator.value : locator) ?? '').trim();
	if (mode === 'id') {
		// beyond-the-36.md, "Create a trigger": whether Peach takes expression_id without a condition name is UNCERTAIN.
		return { expression_id: checkPrefixedId(context, value, 'Condition', 'exp_', 'expression', CONDITION_FIX) };
	}
	if (!value) throw inputError(context, 'Condition', 'is empty', CONDITION_FIX);
	return { condition: value };
}

async function buildTrigger(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const automationId = readAutomationId(this);
	const condition = readCondition(this);
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	requestOptions.url = `/api/v1/streams/${encodeURIComponent(automationId)}/triggers`;
	requestOptions.body = {
		...condition,
		source: typeof fields.source === 'string' ? fields.source.trim() : undefined,
		variables: readConditionVariables(this.getNodeParameter('variables', {})),
		data_mappings: readDataMappings(this, this.getNodeParameter('dataMappings', {}), 'Data Mappings'),
		// Peach creates a draft when activate is left out, so only "on" is sent.
		activate: this.getNodeParameter('activate', false) === true ? true : undefined,
		description: fields.description,
	};
	return requestOptions;
}

export const createAutomationTrigger: PeachOperation = {
	name: 'Create',
	value: 'create',
	action: 'Create an automation trigger',
	description: 'Start an automation whenever an event happens in a connected integration (e.g. a paid Shopify order)',
	routing: {
		// beyond-the-36.md, "Create a trigger": the answer is presumably the trigger object; it is output as it comes.
		request: { method: 'POST', url: '/api/v1/streams' },
		send: { preSend: [buildTrigger] },
	},
	properties: [
		automationLocator({ description: 'The automation the trigger starts' }),
		{
			displayName: 'Condition',
			name: 'condition',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description:
				"The event that starts the automation, from Peach's condition library. Its integration must be connected in the Peach dashboard.",
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select a condition...',
					typeOptions: { searchListMethod: 'searchConditions', searchable: true },
				},
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: 'e.g. Order Paid',
				},
				{
					displayName: 'By Expression ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. exp_1234abcd',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*exp_\\w+\\s*$',
								errorMessage: 'An expression ID starts with exp_, e.g. exp_1234abcd',
							},
						},
					],
				},
			],
		},
		conditionVariablesField(),
		dataMappingsField(),
		{
			displayName: 'Activate',
			name: 'activate',
			type: 'boolean',
			default: false,
			description:
				'Whether to make the trigger live at once: Peach registers a webhook at the integration, and every matching event (e.g. each paid order) then messages a customer. Off creates a draft.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				triggerDescriptionField,
				{
					displayName: 'Source',
					name: 'source',
					type: 'string',
					default: '',
					placeholder: 'e.g. peach_shopify',
					description:
						'The integration the condition belongs to, e.g. peach_shopify. Needed when several connected integrations have a condition of that name; once set, the Condition list shows only its conditions.',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
