import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import {
	businessPhoneNumberField,
	recipientPhoneField,
	replyAutomationField,
	templateLocator,
	templateVariablesFields,
} from '../../shared/descriptions';
import {
	readBusinessNumber,
	readDateTime,
	readTemplateId,
	replyAutomation,
} from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFields, additionalBodyFieldsProperty } from '../../shared/request';
import {
	loadedVariableFields,
	neededVariableNames,
	readTemplateVariables,
} from '../../shared/templates';
import { readRecipients } from '../../shared/recipients';
import type { Recipient } from '../../shared/recipients';
import { inputError, parseJsonParameter } from '../../../shared/validation';

const FIELDS = 'Additional Fields';

const isUnset = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

async function buildLaunchBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = String(this.getNodeParameter('name', '') ?? '').trim();
	if (!name) {
		throw inputError(this, 'Name', 'is empty', 'Give the broadcast a name, e.g. "July promo - VIP customers".');
	}
	const templateId = readTemplateId(this);
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const skipPhoneValidation = fields.skipPhoneValidation === true;
	const skipVariablesValidation = fields.skipVariablesValidation === true;
	const extra = (additionalBodyFields(this)?.broadcast ?? {}) as IDataObject;

	const broadcast: IDataObject = {
		name,
		whats_app_template_id: templateId,
		delivery_mode: this.getNodeParameter('deliveryMode', 'instant'),
		scheduled_launch_time: readDateTime(
			this,
			fields.scheduledLaunchTime,
			`${FIELDS} → Scheduled Launch Time`,
			true,
		),
		// Broadcasts name the sending number phone_number (template messages: business_phone_number).
		phone_number: readBusinessNumber(this, fields.businessPhoneNumber, `${FIELDS} → Business Phone Number`),
		reply_automation: replyAutomation(
			this,
			fields.replyAutomationAiAgentId,
			`${FIELDS} → Reply Automation (AI Agent ID)`,
		),
		// UNCERTAIN (Launch a broadcast): the fields of deliveries are not documented.
		deliveries: parseJsonParameter(this, fields.deliveriesJson, `${FIELDS} → Deliveries (JSON)`, 'object'),
	};

	const recipients = this.getNodeParameter('recipients', 'audience') as string;
	let contacts: Recipient[] = [];
	if (recipients === 'audience') {
		const audienceId = String(this.getNodeParameter('audienceId', '') ?? '').trim();
		if (!isUnset(extra.contacts)) {
			throw inputError(
				this,
				'Audience ID',
				'a broadcast goes to an audience or to a list of contacts, not both, but Additional Body Fields (JSON) adds broadcast.contacts',
				'Remove "contacts" from Additional Body Fields (JSON), or set Recipients to Contact List.',
			);
		}
		if (!audienceId && isUnset(extra.audience_id)) {
			throw inputError(
				this,
				'Audience ID',
				'is empty, so the broadcast would have no recipients',
				'Enter the ID of a Peach audience, or set Recipients to Contact List and give the contacts.',
			);
		}
		broadcast.audience_id = audienceId;
	} else {
		contacts = readRecipients(this, skipPhoneValidation);
		const parameter =
			this.getNodeParameter('contactsInput', 'fields') === 'json' ? 'Contacts (JSON)' : 'Contacts';
		if (!isUnset(extra.audience_id)) {
			throw inputError(
				this,
				parameter,
				'a broadcast goes to an audience or to a list of contacts, not both, but Additional Body Fields (JSON) adds broadcast.audience_id',
				'Remove "audience_id" from Additional Body Fields (JSON), or set Recipients to Audience.',
			);
		}
		if (!contacts.length && isUnset(extra.contacts)) {
			throw inputError(
				this,
				parameter,
				'has no contacts, so the broadcast would have no recipients',
				'Add at least one contact with a phone number, or set Recipients to Audience and give its ID.',
			);
		}
		broadcast.contacts = contacts;
	}

	const liquidValues = await readTemplateVariables(this, templateId, false);
	broadcast.liquid_values = liquidValues;
	if (contacts.length && !skipVariablesValidation) {
		// Fields removed in the editor count too: their values may come per contact.
		const needed = await neededVariableNames(this, templateId, loadedVariableFields(this, true));
		contacts.forEach((contact, index) => {
			const missing = needed.filter(
				(variable) => isUnset(liquidValues[variable]) && isUnset(contact.liquid_values?.[variable]),
			);
			if (missing.length) {
				const names = missing.map((variable) => `"${variable}"`).join(', ');
				throw inputError(
					this,
					'Template Variables',
					`contact ${index + 1} (${contact.phone_number}) has no value for ${names}`,
					`Give ${names} for everyone under Template Variables, or per contact in its variables (liquid_values); or turn on Additional Fields → Skip Variables Validation.`,
				);
			}
		});
	}

	requestOptions.body = {
		event_type: 'send_broadcast',
		broadcast,
		skip_phone_validation: fields.skipPhoneValidation,
		skip_liquid_values_validation: fields.skipVariablesValidation,
	};
	return requestOptions;
}

export const launchBroadcast: PeachOperation = {
	name: 'Launch',
	value: 'launch',
	action: 'Launch a broadcast',
	description:
		'Send an approved template to an audience or a list of contacts as one broadcast, now or at a scheduled time',
	routing: {
		request: { method: 'POST', url: '/api/v1/events' },
		send: { preSend: [buildLaunchBody] },
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. July promo - VIP customers',
			description: 'The name the broadcast gets in Peach',
		},
		templateLocator(true),
		{
			displayName: 'Delivery Mode',
			name: 'deliveryMode',
			type: 'options',
			default: 'instant',
			// UNCERTAIN (Launch a broadcast): Peach's MCP server says instant/smart; the docs and its n8n node say instant/gradual.
			options: [
				{
					name: 'Gradual',
					value: 'gradual',
					description: 'Peach spreads the messages out over time',
				},
				{ name: 'Instant', value: 'instant', description: 'All messages go out right away' },
			],
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'options',
			default: 'audience',
			options: [
				{
					name: 'Audience',
					value: 'audience',
					description: 'An audience (list) you keep in Peach',
				},
				{
					name: 'Contact List',
					value: 'contacts',
					description: 'Contacts given here, each with its own variables if needed',
				},
			],
			description: 'Who receives the broadcast: an audience or a list of contacts, never both',
		},
		{
			displayName: 'Audience ID',
			name: 'audienceId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the Peach audience (saved contact list) to send to, as Peach shows it',
			displayOptions: { show: { recipients: ['audience'] } },
		},
		{
			displayName: 'Contacts Input',
			name: 'contactsInput',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields', description: 'Enter the contacts one by one' },
				{
					name: 'Using JSON',
					value: 'json',
					description: 'Give the whole list as a JSON array, e.g. built from earlier items',
				},
			],
			displayOptions: { show: { recipients: ['contacts'] } },
		},
		{
			displayName: 'Contacts',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Contact',
			default: {},
			displayOptions: { show: { recipients: ['contacts'], contactsInput: ['fields'] } },
			options: [
				{
					displayName: 'Contact',
					name: 'contact',
					values: [
						recipientPhoneField,
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. John Doe',
						},
						{
							displayName: 'Variables (JSON)',
							name: 'variablesJson',
							type: 'json',
							default: '{}',
							placeholder: 'e.g. {"first_name": "John"}',
							description:
								"This contact's own values for the template's {{variables}}; they win over the Template Variables for everyone",
						},
					],
				},
			],
		},
		{
			displayName: 'Contacts (JSON)',
			name: 'contactsJson',
			type: 'json',
			default: '[]',
			placeholder:
				'e.g. [{"phone_number": "+919988776655", "name": "John", "liquid_values": {"first_name": "John"}}]',
			description:
				'The recipients as a JSON array of {phone_number, name, liquid_values} objects (or just phone numbers)',
			hint: 'For one broadcast to all input items, use e.g. {{ $input.all().map(item => ({ phone_number: item.json.phone, name: item.json.name })) }} and turn on Execute Once in the node settings',
			displayOptions: { show: { recipients: ['contacts'], contactsInput: ['json'] } },
		},
		...templateVariablesFields(false),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				businessPhoneNumberField,
				{
					displayName: 'Deliveries (JSON)',
					name: 'deliveriesJson',
					type: 'json',
					default: '{}',
					description:
						'Delivery settings Peach accepts under broadcast.deliveries (e.g. for gradual delivery), as a JSON object',
				},
				replyAutomationField,
				{
					displayName: 'Scheduled Launch Time',
					name: 'scheduledLaunchTime',
					type: 'dateTime',
					default: '',
					description: 'When Peach should launch the broadcast. Leave it out to launch now.',
				},
				{
					displayName: 'Skip Phone Validation',
					name: 'skipPhoneValidation',
					type: 'boolean',
					default: false,
					description:
						'Whether Peach (and this node) should accept phone numbers that are not in international format',
				},
				{
					displayName: 'Skip Variables Validation',
					name: 'skipVariablesValidation',
					type: 'boolean',
					default: false,
					description:
						'Whether Peach (and this node) should launch even if some contacts lack a value for a template variable',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
