import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import {
	businessPhoneNumberField,
	messageContactFields,
	recipientPhoneField,
	templateLocator,
	templateVariablesFields,
} from '../../shared/descriptions';
import {
	AI_AGENT_ID_FIX,
	messageContact,
	readBusinessNumber,
	readPrefixedId,
	readTemplateId,
} from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { readTemplateVariables } from '../../shared/templates';
import { keepAsIs, normalizePhoneNumber } from '../../../shared/validation';

const FIELDS = 'Additional Fields';

async function buildConnectBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phone = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const templateId = readTemplateId(this);
	const aiAgentId = readPrefixedId(this, 'aiAgentId', 'AI Agent ID', 'aiflw_', 'AI agent', AI_AGENT_ID_FIX);
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const contact = messageContact(this, phone, fields, FIELDS);
	const businessPhoneNumber = readBusinessNumber(
		this,
		fields.businessPhoneNumber,
		`${FIELDS} → Business Phone Number`,
	);
	// Peach requires liquid_values here: a template without variables sends an empty object.
	const liquidValues = keepAsIs(await readTemplateVariables(this, templateId, true));
	requestOptions.body = {
		event_type: 'connect_to_ai_agent',
		contact,
		template_message: {
			whats_app_template_id: templateId,
			liquid_values: liquidValues,
			// UNCERTAIN (Connect to AI Agent): business_phone_number comes from Peach's MCP server only.
			business_phone_number: businessPhoneNumber,
		},
		ai_agent: { id: aiAgentId },
	};
	return requestOptions;
}

export const connectToAiAgent: PeachOperation = {
	name: 'Connect to AI Agent',
	value: 'connectToAiAgent',
	action: 'Connect a contact to an AI agent with a template message',
	description:
		'Send an approved template message, then hand the conversation to a Peach AI agent that answers the replies',
	routing: {
		request: { method: 'POST', url: '/api/v1/events' },
		send: { preSend: [buildConnectBody] },
	},
	properties: [
		recipientPhoneField,
		templateLocator(true),
		...templateVariablesFields(true),
		{
			displayName: 'AI Agent ID',
			name: 'aiAgentId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. aiflw_1234abcd',
			description: 'The Peach AI agent that takes over the conversation (its ID starts with aiflw_)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [businessPhoneNumberField, ...messageContactFields],
		},
		additionalBodyFieldsProperty,
	],
};
