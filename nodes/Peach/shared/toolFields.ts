/**
 * The fields of the tool version (the node as an AI Agent's tool): pickers become plain ID fields
 * that the model fills, pre-set with $fromAI() whose key and description say the format, so a
 * model can call the tool without a person picking anything.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

// n8n-workflow's FROM_AI_AUTO_GENERATED_MARKER: the editor shows such a value as "defined by the model".
const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

function fromAi(key: string, description: string, type: 'string' | 'number' = 'string'): string {
	return `={{ ${FROM_AI_MARKER} $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

interface ToolField {
	displayName: string;
	key: string;
	description: string;
	type?: 'string' | 'number';
}

/** Top-level ID and value fields the model fills in the tool version, by parameter name. */
const TOOL_FIELDS: Record<string, ToolField> = {
	templateId: {
		displayName: 'Template ID',
		key: 'template_id',
		description: 'ID of the WhatsApp template: wat_ followed by letters and digits, e.g. wat_1234abcd',
	},
	broadcastId: {
		displayName: 'Broadcast ID',
		key: 'broadcast_id',
		description: 'ID of the broadcast: cmp_ followed by letters and digits, e.g. cmp_1234abcd',
	},
	conversation: {
		displayName: 'Conversation ID',
		key: 'conversation_id',
		description: 'Numeric ID of the inbox conversation (the id from listing conversations), e.g. 1024',
	},
	media: {
		displayName: 'Media ID',
		key: 'media_id',
		description: 'Numeric ID of the file in the media library (id, not the number in media://), e.g. 11',
	},
	whatsAppBusinessAccountId: {
		displayName: 'WhatsApp Business Account ID',
		key: 'whatsapp_business_account_id',
		description: 'Numeric ID of the WhatsApp Business Account the template belongs to, e.g. 456',
	},
	phoneNumber: {
		displayName: 'Phone Number',
		key: 'phone_number',
		description:
			"The contact's WhatsApp number in international format: + then country code and number, e.g. +919988776655",
	},
	contactPhoneNumber: {
		displayName: 'Contact Phone Number',
		key: 'phone_number',
		description:
			"The contact's WhatsApp number in international format: + then country code and number, e.g. +919988776655",
	},
	automationId: {
		displayName: 'Automation ID',
		key: 'automation_id',
		description: 'ID of the automation: strm_ followed by letters and digits, e.g. strm_1234abcd',
	},
	orderId: {
		displayName: 'Order ID',
		key: 'order_id',
		description: "Peach's order ID: wa_ord_ followed by letters and digits, e.g. wa_ord_1234abcd",
	},
	eventId: {
		displayName: 'Event ID',
		key: 'event_id',
		description: 'The event_id that a send or a broadcast launch returned, e.g. evt_8Vq3kXn2',
	},
	amount: {
		displayName: 'Amount',
		key: 'refund_amount',
		description: 'Amount to refund in minor units, a whole number: 1200 means ₹12.00',
		type: 'number',
	},
	variablesJson: {
		displayName: 'Template Variables (JSON)',
		key: 'template_variables',
		description:
			'The template\'s variables as a JSON object in a string, variable name to value, e.g. {"first_name": "Ada"}; {} when the template has none',
	},
};

/** Choices the tool version makes differently: values a model can give without a picker. */
const TOOL_DEFAULTS: Record<string, unknown> = {
	// The variable fields need a picked template; the model gives the variables as one object.
	variablesInput: 'json',
	// Only a refund of a stated amount can be held to the refund limit.
	refund: 'partial',
};

const withCondition = (
	displayOptions: IDisplayOptions | undefined,
	kind: 'show' | 'hide',
): IDisplayOptions => ({
	...displayOptions,
	[kind]: { ...displayOptions?.[kind], '@tool': [true] },
});

/**
 * A property as it is in the node, plus its twin for the tool version where it has one: the
 * original is hidden in the tool, the twin (same name, so every reader is unchanged) shown only there.
 */
export function withToolVariant(property: INodeProperties): INodeProperties[] {
	const field = TOOL_FIELDS[property.name];
	const toolDefault = TOOL_DEFAULTS[property.name];
	if (!field && toolDefault === undefined) return [property];
	const original = { ...property, displayOptions: withCondition(property.displayOptions, 'hide') };
	const twin: INodeProperties = field
		? {
				displayName: field.displayName,
				name: property.name,
				type: field.type === 'number' ? 'number' : property.type === 'json' ? 'json' : 'string',
				default: fromAi(field.key, field.description, field.type),
				required: property.required,
				description: field.description,
				displayOptions: withCondition(property.displayOptions, 'show'),
			}
		: {
				...property,
				default: toolDefault as INodeProperties['default'],
				displayOptions: withCondition(property.displayOptions, 'show'),
			};
	return [original, twin];
}
