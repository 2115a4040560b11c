import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Conversations, contacts and media
// ---------------------------------------------------------------------------------------------

/** Picker for one inbox conversation: from a searchable list, or by its numeric ID. */
export function conversationLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Conversation',
		name: 'conversation',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The shared-inbox conversation',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a conversation...',
				typeOptions: { searchListMethod: 'searchConversations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1024',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*\\d+\\s*$',
							errorMessage: 'A conversation ID is a whole number, e.g. 1024',
						},
					},
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

export { conversationStatusOptions } from '../../shared/options';

/** Picker for one file of the media library: from a searchable list, or by its numeric ID. */

export const mediaLocator: INodeProperties = {
	displayName: 'Media',
	name: 'media',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The file in the media library. By ID takes its library ID from Media → Get Many, not the number in media://.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a media file...',
			typeOptions: { searchListMethod: 'searchMedias', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 11',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d+\\s*$',
						errorMessage: 'A media ID is a whole number, e.g. 11',
					},
				},
			],
		},
	],
};

/** Peach's communication preferences (Bulk update communication preferences). */
export const communicationPreferenceOptions: INodePropertyOptions[] = [
	{
		name: 'Allow Everything',
		value: 'allow_everything',
		description: 'The contact may receive marketing, automated and all other messages',
	},
	{
		name: 'Disallow Automated Messaging',
		value: 'disallow_automated_messaging',
		description: 'No automated messages to this contact',
	},
	{
		name: 'Disallow Marketing',
		value: 'disallow_marketing',
		description: 'No marketing messages to this contact',
	},
	{ name: 'Mute All', value: 'mute_all', description: 'No messages at all to this contact' },
];

/** Key/value pairs stored on a contact (Peach merges them into the metadata it already has). */
export function metadataField(displayName = 'Metadata', name = 'metadata'): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata Field',
		default: {},
		description: 'Your own key/value data on the contact, merged into what Peach already stores',
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. source',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. website',
					},
				],
			},
		],
	};
}

/** Contact fields Create and Update share, in the order n8n wants them (alphabetical). */
export const contactProfileFields: INodeProperties[] = [
	{
		displayName: 'Communication Preference',
		name: 'communicationPreference',
		type: 'options',
		default: 'allow_everything',
		options: communicationPreferenceOptions,
		description: 'Which messages the contact agrees to receive. Sent only when you add this field.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. alfred@example.com',
		default: '',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: 'Language code of the contact, used to pick the template language',
	},
	metadataField(),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Alfred Hitchcock',
	},
	{
		displayName: 'Opted Out',
		name: 'optedOut',
		type: 'boolean',
		default: true,
		description:
			'Whether the contact opted out of messages from you (on) or opted back in (off). Sent only when you add this field.',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip, newsletter',
		description: 'Tags for the contact, separated by commas (or a list from an expression)',
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Asia/Kolkata',
		description: 'The contact\'s time zone, as an IANA name',
	},
];

/** The Peach order ID path parameter of Order → Get and Refund. */
export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. wa_ord_1234abcd',
	description: "Peach's order ID (starts with wa_ord_), as returned by Order → Create",
};

// ---------------------------------------------------------------------------------------------
// Template messages, broadcasts and WhatsApp templates
// ---------------------------------------------------------------------------------------------

/** Peach's template IDs (wat_…) and broadcast IDs (cmp_…), as the By ID modes check them. */
export const TEMPLATE_ID_PATTERN = '^\\s*wat_\\w+\\s*$';
export const BROADCAST_ID_PATTERN = '^\\s*cmp_\\w+\\s*$';

/**
 * Picker for a WhatsApp template: a searchable list (name, language, status, category) or its ID.
 * `approvedOnly` lists only approved templates, the only ones Peach sends.
 */
export function templateLocator(
	approvedOnly: boolean,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: approvedOnly
			? 'The approved WhatsApp template to send. Only approved templates are listed.'
			: 'The WhatsApp template',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a template...',
				typeOptions: {
					searchListMethod: approvedOnly ? 'searchApprovedTemplates' : 'searchTemplates',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. wat_1234abcd',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: TEMPLATE_ID_PATTERN,
							errorMessage: 'A template ID starts with wat_, e.g. wat_1234abcd',
						},
					},
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

/** Picker for a broadcast: a searchable list (name, status, launch time) or its ID. */
export function broadcastLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Broadcast',
		name: 'broadcastId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The broadcast, picked from the list or given by its ID (cmp_…)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a broadcast...',
				typeOptions: { searchListMethod: 'searchBroadcasts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. cmp_1234abcd',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: BROADCAST_ID_PATTERN,
							errorMessage: 'A broadcast ID starts with cmp_, e.g. cmp_1234abcd',
						},
					},
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

/** The contact's WhatsApp number, checked (E.164) before anything is sent. */
export const recipientPhoneField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +919988776655',
	description:
		"The contact's WhatsApp number with country code. Spaces and dashes are fine; they are removed before sending.",
};

/** How the template's variables are given: mapped one by one, or as one JSON object. */
export function templateVariablesFields(required: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Template Variables Input',
			name: 'variablesInput',
			type: 'options',
			default: 'fields',
			options: [
				{
					name: 'Map Each Variable',
					value: 'fields',
					description: "Show one field per variable of the picked template",
				},
				{
					name: 'Using JSON',
					value: 'json',
					description: 'Give all values as one JSON object, e.g. from an expression',
				},
			],
			description: 'How to give the values of the template\'s {{variables}}',
		},
		{
			displayName: 'Template Variables',
			name: 'templateVariables',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required,
			description: required
				? "The template's {{variables}}. Every one needs a value."
				: "Values for the template's {{variables}} that are the same for every recipient",
			typeOptions: {
				loadOptionsDependsOn: ['templateId.value'],
				resourceMapper: {
					resourceMapperMethod: 'getTemplateVariables',
					mode: 'add',
					valuesLabel: 'Template Variables',
					fieldWords: { singular: 'variable', plural: 'variables' },
					addAllFields: true,
					multiKeyMatch: false,
					// No noFieldsError: the editor shows it in red even before a template is picked; the
					// method's emptyFieldsNotice says "pick a template first" or "no variables" instead.
					supportAutoMap: true,
				},
			},
			// Shown once a template is picked: before that the editor could only say "no variables found".
			displayOptions: { show: { variablesInput: ['fields'], templateId: [{ _cnd: { exists: true } }] } },
		},
		{
			displayName: 'Template Variables (JSON)',
			name: 'variablesJson',
			type: 'json',
			default: '{}',
			placeholder: 'e.g. {"first_name": "John", "order_id": "ORD-1001"}',
			description:
				'The values of the template\'s {{variables}} as one object, variable name → value. A media header takes "header_media": a URL, media://… or {"link": "…", "filename": "…"}.',
			displayOptions: { show: { variablesInput: ['json'] } },
		},
	];
}

/** A Peach AI agent that answers the contact's replies (reply_automation). */
export const replyAutomationField: INodeProperties = {
	displayName: 'Reply Automation (AI Agent ID)',
	name: 'replyAutomationAiAgentId',
	type: 'string',
	default: '',
	placeholder: 'e.g. aiflw_1234abcd',
	description:
		'ID of the Peach AI agent (starts with aiflw_) that should answer when the contact replies. Leave it out to handle replies in the inbox.',
};

/** The ID a send or launch returned, to read the status of what it started. */
export const eventIdField: INodeProperties = {
	displayName: 'Event ID',
	name: 'eventId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. evt_8Vq3kXn2',
	description: 'The event_id that Send, Connect to AI Agent or Launch returned',
};

/** Timeout and polling interval of a "wait" option, shown while `switchName` is on. */
export function waitLimitFields(switchName: string): INodeProperties[] {
	return [
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1, maxValue: 3600 },
			description: 'How long to wait at most before the item fails with the last status Peach reported',
			displayOptions: { show: { [switchName]: [true] } },
		},
		{
			displayName: 'Check Every (Seconds)',
			name: 'pollInterval',
			type: 'number',
			default: 2,
			typeOptions: { minValue: 0.5, maxValue: 60, numberPrecision: 1 },
			description: 'How often to ask Peach for the status while waiting',
			displayOptions: { show: { [switchName]: [true] } },
		},
	];
}

/** Optional details of the recipient that Send, Connect to AI Agent and Send App Message store on the contact. */
export const messageContactFields: INodeProperties[] = [
	{
		displayName: 'Contact Email',
		name: 'contactEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. alfred@example.com',
		description: "The contact's email address, saved on the contact in Peach",
	},
	{
		displayName: 'Contact Language',
		name: 'contactLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: "The contact's language code, saved on the contact in Peach",
	},
	metadataField('Contact Metadata', 'contactMetadata'),
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Alfred Hitchcock',
		description: "The contact's name, saved on the contact in Peach",
	},
];

/** The business number a message goes out from, when the account has more than one. */
export const businessPhoneNumberField: INodeProperties = {
	displayName: 'Business Phone Number',
	name: 'businessPhoneNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 919876543222',
	description:
		'The WhatsApp business number to send from, with country code and no +. Leave it out to use your default number.',
};

/** Picker for the WhatsApp Business Account a new template belongs to. */
export const businessAccountLocator: INodeProperties = {
	displayName: 'WhatsApp Business Account',
	name: 'whatsAppBusinessAccountId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The WhatsApp Business Account (WABA) the template belongs to. The list shows the accounts your existing templates use.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an account...',
			typeOptions: { searchListMethod: 'searchBusinessAccounts', searchable: false },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 456',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d+\\s*$',
						errorMessage: 'A WhatsApp Business Account ID is a whole number, e.g. 456',
					},
				},
			],
		},
	],
};

/** The Phone Number filter of a list (checked by `checkPhoneNumberFilter`), sent as phone_number. */
export function phoneNumberFilter(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +919988776655',
		description,
		routing: { send: { type: 'query', property: 'phone_number' } },
	};
}

/** The Filters collection of a Get Many operation (options sorted by name, as n8n wants them). */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}
