import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { businessAccountLocator } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { checkTemplateName, TEMPLATE_CATEGORY_OPTIONS } from '../../shared/templates';
import { inputError, parseJsonParameter } from '../../../shared/validation';

/** Language codes as WhatsApp writes them: en, es, pt_BR, en_US, fil… */
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

function requiredText(context: IExecuteSingleFunctions, name: string, displayName: string, fix: string): string {
	const value = String(context.getNodeParameter(name, '') ?? '').trim();
	if (!value) throw inputError(context, displayName, 'is empty', fix);
	return value;
}

/** The components from the fields: header (text or media), body, footer and buttons, in that order. */
function componentsFromFields(context: IExecuteSingleFunctions): IDataObject[] {
	const components: IDataObject[] = [];
	const headerType = context.getNodeParameter('headerType', 'none') as string;
	if (headerType === 'text') {
		const text = requiredText(context, 'headerText', 'Header Text', 'Enter the header text, or set Header Type to None.');
		components.push({ component_type: 'header', data_type: 'text', value: text });
	} else if (headerType !== 'none') {
		components.push({
			component_type: 'header',
			data_type: headerType,
			value: String(context.getNodeParameter('headerSample', '') ?? '').trim(),
		});
	}
	const body = requiredText(
		context,
		'bodyText',
		'Body',
		"Enter the message text; write variables as {{first_name}} or {{first_name | example: 'John'}}.",
	);
	components.push({ component_type: 'body', data_type: 'text', value: body });
	const footer = String(context.getNodeParameter('footerText', '') ?? '').trim();
	if (footer) components.push({ component_type: 'footer', data_type: 'text', value: footer });
	const buttons = ((context.getNodeParameter('buttons', {}) as IDataObject).button ?? []) as IDataObject[];
	buttons.forEach((button, index) => {
		const label = String(button.text ?? '').trim();
		if (!label) {
			throw inputError(
				context,
				`Buttons → Button ${index + 1} → Text`,
				'is empty',
				'Give every button the text people see on it, e.g. "Track order".',
			);
		}
		components.push({
			component_type: 'buttons',
			data_type: 'text',
			sub_type: button.type,
			name: label,
			value: String(button.value ?? '').trim(),
		});
	});
	return components;
}

function componentsFromJson(context: IExecuteSingleFunctions): IDataObject[] {
	const components =
		parseJsonParameter<IDataObject[]>(
			context,
			context.getNodeParameter('componentsJson', ''),
			'Components (JSON)',
			'array',
		) ?? [];
	const body = components.find(
		(component) => component && typeof component === 'object' && component.component_type === 'body',
	);
	if (!body || !String(body.value ?? '').trim()) {
		throw inputError(
			context,
			'Components (JSON)',
			'has no body component with text',
			'Add one like {"component_type": "body", "data_type": "text", "value": "Hi {{first_name}}!"}.',
		);
	}
	return components;
}

async function buildCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const templateName = checkTemplateName(this, this.getNodeParameter('templateName', ''), 'Template Name');
	const language = requiredText(this, 'language', 'Language', 'Enter a language code, e.g. en or en_US.');
	if (!LANGUAGE_CODE.test(language)) {
		throw inputError(
			this,
			'Language',
			`"${language}" is not a WhatsApp language code`,
			'Use the code WhatsApp uses: the language in lowercase, optionally _ and the country in capitals, e.g. en, en_US, pt_BR, hi.',
		);
	}
	const purpose = requiredText(this, 'purpose', 'Purpose', 'Say what the template is for, e.g. promotion or transactional.');
	const account = String(
		this.getNodeParameter('whatsAppBusinessAccountId', '', { extractValue: true }) ?? '',
	).trim();
	if (!/^\d+$/.test(account)) {
		throw inputError(
			this,
			'WhatsApp Business Account',
			account ? `"${account}" is not a WhatsApp Business Account ID` : 'is empty',
			'Pick the account from the list, or enter its numeric ID (the whats_app_business_account_id of your templates).',
		);
	}
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const components =
		this.getNodeParameter('componentsInput', 'fields') === 'json'
			? componentsFromJson(this)
			: componentsFromFields(this);
	requestOptions.body = {
		whats_app_template: {
			template_name: templateName,
			language,
			category: this.getNodeParameter('category', 'MARKETING'),
			purpose,
			// UNCERTAIN (Create a template): the docs type it as an integer, Peach's MCP server as a string.
			whats_app_business_account_id: Number.isSafeInteger(Number(account)) ? Number(account) : account,
			folder: fields.folder,
			components_attributes: components,
		},
	};
	return requestOptions;
}

export const createWhatsAppTemplate: PeachOperation = {
	name: 'Create',
	value: 'create',
	action: 'Create a WhatsApp template',
	description: 'Create a template as a draft in Peach; submit it afterwards to send it to Meta for review',
	routing: {
		request: { method: 'POST', url: '/api/v1/whats_app_templates' },
		send: { preSend: [buildCreateBody] },
	},
	properties: [
		{
			displayName: 'Template Name',
			name: 'templateName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. order_confirmation',
			description: 'The template’s name at WhatsApp: lowercase letters, digits and underscores',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			required: true,
			default: 'en',
			placeholder: 'e.g. en_US',
			description: 'The language code of the template, e.g. en, en_US, hi or pt_BR',
		},
		{
			displayName: 'Category',
			name: 'category',
			type: 'options',
			required: true,
			default: 'MARKETING',
			options: TEMPLATE_CATEGORY_OPTIONS,
			description: 'WhatsApp’s category for the template; it decides pricing and review rules',
		},
		{
			displayName: 'Purpose',
			name: 'purpose',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. promotion',
			description: 'What the template is for in Peach, e.g. promotion, transactional, otp or general',
		},
		businessAccountLocator,
		{
			displayName: 'Components Input',
			name: 'componentsInput',
			type: 'options',
			default: 'fields',
			options: [
				{
					name: 'Using Fields Below',
					value: 'fields',
					description: 'Header, body, footer and buttons as fields',
				},
				{
					name: 'Using JSON',
					value: 'json',
					description: 'The components as Peach’s components_attributes array',
				},
			],
		},
		{
			displayName: 'Header Type',
			name: 'headerType',
			type: 'options',
			default: 'none',
			options: [
				{ name: 'Document', value: 'document', description: 'A PDF or other file' },
				{ name: 'Image', value: 'image' },
				{ name: 'None', value: 'none', description: 'No header' },
				{ name: 'Text', value: 'text', description: 'A short line of text above the body' },
				{ name: 'Video', value: 'video' },
			],
			description:
				'What shows at the top of the message. With a media header, each send gives the file (header_media).',
			displayOptions: { show: { componentsInput: ['fields'] } },
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			placeholder: 'e.g. Order {{order_id}} confirmed',
			description: 'The header line; it may use one {{variable}}',
			displayOptions: { show: { componentsInput: ['fields'], headerType: ['text'] } },
		},
		{
			displayName: 'Header Sample URL',
			name: 'headerSample',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/summer-sale.png',
			description: 'A sample file for WhatsApp’s review; the real file is given when sending',
			displayOptions: {
				show: { componentsInput: ['fields'], headerType: ['document', 'image', 'video'] },
			},
		},
		{
			displayName: 'Body',
			name: 'bodyText',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			placeholder: "e.g. Hi {{first_name | example: 'John'}}, your order {{order_id}} is confirmed.",
			description:
				"The message text. Write variables as {{name}}, with an example for WhatsApp's review as {{name | example: 'value'}}.",
			displayOptions: { show: { componentsInput: ['fields'] } },
		},
		{
			displayName: 'Footer',
			name: 'footerText',
			type: 'string',
			default: '',
			placeholder: 'e.g. Reply STOP to unsubscribe',
			description: 'A short grey line under the body (no variables)',
			displayOptions: { show: { componentsInput: ['fields'] } },
		},
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Button',
			default: {},
			displayOptions: { show: { componentsInput: ['fields'] } },
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'quick_reply',
							options: [
								{ name: 'Phone Number', value: 'phone_number', description: 'Calls a number' },
								{ name: 'Quick Reply', value: 'quick_reply', description: 'Sends its text back as a reply' },
								{ name: 'URL', value: 'url', description: 'Opens a link' },
							],
						},
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							required: true,
							default: '',
							placeholder: 'e.g. Track order',
							description: 'What the button says',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://shop.example.com/track/{{order_id}}',
							description:
								'The link of a URL button or the number of a phone button; for a quick reply, the text sent back (optional)',
						},
					],
				},
			],
		},
		{
			displayName: 'Components (JSON)',
			name: 'componentsJson',
			type: 'json',
			default: '[]',
			placeholder:
				'e.g. [{"component_type": "body", "data_type": "text", "value": "Hi {{first_name}}!"}]',
			description:
				'Peach’s components_attributes: objects with component_type (header, body, footer, buttons), data_type, value, and for buttons sub_type and name',
			displayOptions: { show: { componentsInput: ['json'] } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Folder',
					name: 'folder',
					type: 'string',
					default: '',
					placeholder: 'e.g. Orders',
					description: 'The folder in Peach to keep the template in',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
