import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import {
	businessPhoneNumberField,
	messageContactFields,
	recipientPhoneField,
	replyAutomationField,
	templateLocator,
	templateVariablesFields,
	waitLimitFields,
} from '../../shared/descriptions';
import { waitForDelivery } from '../../shared/events';
import {
	messageContact,
	readBusinessNumber,
	readDateTime,
	readTemplateId,
	readTimeOfDay,
	replyAutomation,
} from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { readTemplateVariables } from '../../shared/templates';
import { normalizePhoneNumber } from '../../../shared/validation';

const FIELDS = 'Additional Fields';

async function buildSendBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phone = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const templateId = readTemplateId(this);
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const window = ((fields.retryWindow as IDataObject)?.window ?? {}) as IDataObject;
	const templateMessage: IDataObject = {
		whats_app_template_id: templateId,
		retry_until: readDateTime(this, fields.retryUntil, `${FIELDS} → Retry Until`, true),
		// UNCERTAIN (Send a pre-approved template message): only start_at is documented; end_at is inferred.
		retry_window: {
			start_at: readTimeOfDay(this, window.startAt, `${FIELDS} → Retry Window → Start At`),
			end_at: readTimeOfDay(this, window.endAt, `${FIELDS} → Retry Window → End At`),
		},
		business_phone_number: readBusinessNumber(
			this,
			fields.businessPhoneNumber,
			`${FIELDS} → Business Phone Number`,
		),
		reply_automation: replyAutomation(
			this,
			fields.replyAutomationAiAgentId,
			`${FIELDS} → Reply Automation (AI Agent ID)`,
		),
	};
	const contact = messageContact(this, phone, fields, FIELDS);
	templateMessage.liquid_values = await readTemplateVariables(this, templateId, true);
	requestOptions.body = {
		event_type: 'send_template_message',
		contact,
		template_message: templateMessage,
	};
	return requestOptions;
}

export const sendTemplateMessage: PeachOperation = {
	name: 'Send',
	value: 'send',
	action: 'Send a template message',
	description: 'Send a pre-approved WhatsApp template message to one contact',
	routing: {
		request: { method: 'POST', url: '/api/v1/events' },
		send: { preSend: [buildSendBody] },
		output: { postReceive: [waitForDelivery] },
	},
	properties: [
		recipientPhoneField,
		templateLocator(true),
		...templateVariablesFields(true),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				businessPhoneNumberField,
				...messageContactFields,
				replyAutomationField,
				{
					displayName: 'Retry Until',
					name: 'retryUntil',
					type: 'dateTime',
					default: '',
					description:
						'If delivery fails, Peach keeps trying until this time. It must be in the future.',
				},
				{
					displayName: 'Retry Window',
					name: 'retryWindow',
					type: 'fixedCollection',
					default: {},
					placeholder: 'Add Retry Window',
					description: 'The hours of the day in which Peach may retry a failed delivery',
					options: [
						{
							displayName: 'Window',
							name: 'window',
							values: [
								{
									displayName: 'Start At',
									name: 'startAt',
									type: 'string',
									default: '',
									placeholder: 'e.g. 08:00',
									description: 'Earliest time of day for a retry (24-hour clock, HH:MM)',
								},
								{
									displayName: 'End At',
									name: 'endAt',
									type: 'string',
									default: '',
									placeholder: 'e.g. 20:00',
									description: 'Latest time of day for a retry (24-hour clock, HH:MM)',
								},
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Wait for Delivery',
			name: 'waitForDelivery',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the message reaches the stage chosen under Wait Until (or fails) and output that final status. A failed delivery fails the item with Peach’s reason.',
		},
		{
			displayName: 'Wait Until',
			name: 'waitUntil',
			type: 'options',
			default: 'delivered',
			options: [
				{
					name: 'Delivered',
					value: 'delivered',
					description: 'The message reached the phone (or was read)',
				},
				{ name: 'Read', value: 'read', description: 'The contact opened the message' },
				{
					name: 'Sent',
					value: 'sent',
					description: 'WhatsApp accepted the message (or it got further)',
				},
			],
			description: 'Which stage counts as done. A failed delivery always ends the wait.',
			displayOptions: { show: { waitForDelivery: [true] } },
		},
		...waitLimitFields('waitForDelivery'),
		additionalBodyFieldsProperty,
	],
};
