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
