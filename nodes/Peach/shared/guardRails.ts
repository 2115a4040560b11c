/**
 * Guard rails of the Peach tool (the variant n8n builds for an AI Agent): which operations a model
 * may run, which templates it may send, to whom and how many, and how much it may refund. Every
 * check runs here, before the operation builds its request, so a refusal never reaches Peach; the
 * refusal is the tool's answer, worded so that a model can act on it.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ADDITIONAL_BODY_FIELDS } from './request';
import { readRecipientPhones } from './recipients';
import { normalizePhoneNumber, parseJsonParameter } from '../../shared/validation';

/** What an operation may do to customers, money or data; each is allowed separately. */
export type ToolPermission =
	| 'read'
	| 'send'
	| 'broadcast'
	| 'money'
	| 'templates'
	| 'contacts'
	| 'inbox'
	| 'media'
	| 'automations';

export const TOOL_PERMISSION_OPTIONS: Array<INodePropertyOptions & { value: ToolPermission }> = [
	{
		name: 'Change Automations',
		value: 'automations',
		description: 'Create and update automations and their triggers',
	},
	{
		name: 'Change Contacts',
		value: 'contacts',
		description: 'Create and update contacts and their communication preferences',
	},
	{
		name: 'Change Inbox Conversations',
		value: 'inbox',
		description: 'Update status, assign an agent, close a conversation',
	},
	{
		name: 'Change WhatsApp Templates',
		value: 'templates',
		description: 'Create, update, submit, pause and archive templates',
	},
	{
		name: 'Launch and Manage Broadcasts',
		value: 'broadcast',
		description: 'Launch (customer-visible, many recipients), cancel and archive broadcasts',
	},
	{
		name: 'Manage Media',
		value: 'media',
		description: 'Upload files to and delete files from the media library',
	},
	{
		name: 'Orders and Refunds (Money)',
		value: 'money',
		description:
			'Create orders (payment requests to customers, held to the recipient limits) and refund orders',
	},
	{
		name: 'Read',
		value: 'read',
		description: 'Lists, gets and statuses; nothing changes',
	},
	{
		name: 'Send Messages',
		value: 'send',
		description:
			'Template messages, AI agent hand-offs, app messages and automation runs, to one contact each',
	},
];

/** The numbers, in E.164, that one call of an operation reaches. */
type RecipientReader = (context: IExecuteSingleFunctions) => string[];

interface OperationEffect {
	permission: ToolPermission;
	/** One line for the operation's description: what it costs or changes. */
	effect: string;
	/**
	 * Set on every operation that reaches a person (messages, automation runs, payment requests):
	 * such a call is held to the allowed numbers and the recipient cap, whatever its permission.
	 */
	recipients?: RecipientReader;
}

/** The one contact of an operation, from its phone number field. */
function contactIn(parameter: string, label: string): RecipientReader {
	return (context) => [normalizePhoneNumber(context, context.getNodeParameter(parameter, ''), label)];
}

/** Each number a Broadcast → Launch would message; an audience of unknown size is refused. */
function broadcastRecipients(context: IExecuteSingleFunctions): string[] {
	if (context.getNodeParameter('recipients', 'audience') !== 'contacts') {
		throw refuse(
			context,
			'a broadcast to a whole audience is not allowed for an AI Agent, because the number of recipients is not known beforehand',
			'Launch it to a list of contacts instead, or tell the user the broadcast needs a person.',
		);
	}
	return readRecipientPhones(context);
}

const READ: OperationEffect = { permission: 'read', effect: 'Read-only.' };
const MESSAGE: OperationEffect = {
	permission: 'send',
	effect: 'Customer-visible: messages the contact on WhatsApp, which WhatsApp bills.',
	recipients: contactIn('phoneNumber', 'Phone Number'),
};
const TEMPLATE_CHANGE: OperationEffect = {
	permission: 'templates',
	effect: 'Changes a template that live messages use.',
};
const CONTACT_CHANGE: OperationEffect = { permission: 'contacts', effect: 'Changes contact data.' };
const INBOX_CHANGE: OperationEffect = {
	permission: 'inbox',
	effect: 'Changes the shared inbox your team works in.',
};
const AUTOMATION_CHANGE: OperationEffect = {
	permission: 'automations',
	effect: 'Changes what your automations do for every contact they run for.',
};
const MEDIA_UPLOAD: OperationEffect = {
	permission: 'media',
	effect: 'Adds a file to the media library.',
};

/** Every operation of the node, keyed resource:operation. One missing here is refused in the tool. */
export const OPERATION_EFFECTS: Record<string, OperationEffect> = {
	'templateMessage:send': MESSAGE,
	'templateMessage:getStatus': READ,
	'templateMessage:getAll': READ,
	'templateMessage:connectToAiAgent': MESSAGE,
	'templateMessage:sendAppMessage': MESSAGE,
	'broadcast:launch': {
		permission: 'broadcast',
		effect: 'Customer-visible: messages every recipient on WhatsApp, billed per message.',
		recipients: broadcastRecipients,
	},
	'broadcast:getStatus': READ,
	'broadcast:getAll': READ,
	'broadcast:get': READ,
	'broadcast:archive': { permission: 'broadcast', effect: 'Hides the broadcast from lists.' },
	'broadcast:cancel': {
		permission: 'broadcast',
		effect: 'Destructive: stops the broadcast; unsent messages are not sent.',
	},
	'whatsAppTemplate:getAll': READ,
	'whatsAppTemplate:get': READ,
	'whatsAppTemplate:create': { permission: 'templates', effect: 'Creates a draft template.' },
	'whatsAppTemplate:update': TEMPLATE_CHANGE,
	'whatsAppTemplate:archive': {
		permission: 'templates',
		effect: 'Destructive: the template can no longer be sent.',
	},
	'whatsAppTemplate:pause': {
		permission: 'templates',
		effect: 'Stops sends of the template until it is resumed.',
	},
	'whatsAppTemplate:submit': {
		permission: 'templates',
		effect: 'Sends the draft to Meta for review.',
	},
	'conversation:getAll': READ,
	'conversation:getMessages': READ,
	'conversation:updateStatus': INBOX_CHANGE,
	'conversation:assignAgent': INBOX_CHANGE,
	'conversation:close': INBOX_CHANGE,
	'contact:create': CONTACT_CHANGE,
	'contact:createMany': CONTACT_CHANGE,
	'contact:update': CONTACT_CHANGE,
	'contact:updateCommunicationPreferences': {
		permission: 'contacts',
		effect: 'Changes which messages the contacts agree to receive.',
	},
	'order:create': {
		permission: 'money',
		effect: 'Money-moving and customer-visible: asks the contact to pay.',
		recipients: contactIn('contactPhoneNumber', 'Contact Phone Number'),
	},
	'order:get': READ,
	'order:refund': {
		permission: 'money',
		effect: 'Money-moving: pays money back to the customer; cannot be undone.',
	},
	'media:upload': MEDIA_UPLOAD,
	'media:createDirectUpload': MEDIA_UPLOAD,
	'media:finalizeDirectUpload': MEDIA_UPLOAD,
	'media:uploadFromUrl': MEDIA_UPLOAD,
	'media:getAll': READ,
	'automation:runForContact': {
		permission: 'send',
		effect: 'Customer-visible: the automation messages the contact on WhatsApp, which WhatsApp bills.',
		recipients: contactIn('contactPhoneNumber', 'Contact Phone Number'),
	},
	'automation:getAll': READ,
	'automation:get': READ,
	'automation:create': AUTOMATION_CHANGE,
	'automation:update': AUTOMATION_CHANGE,
	'automationTrigger:create': AUTOMATION_CHANGE,
	'automationTrigger:getAll': READ,
	'automationTrigger:update': AUTOMATION_CHANGE,
	'condition:getAll': READ,
	'contact:get': READ,
	'media:delete': {
		permission: 'media',
		effect: 'Destructive: removes the file; templates that use it stop working.',
	},
};

// Parameter names of the guard rails (shown only in the tool version).
export const ALLOWED_OPERATIONS = 'toolAllowedOperations';
const ALLOWED_TEMPLATES = 'toolAllowedTemplates';
const ALLOWED_AUTOMATIONS = 'toolAllowedAutomations';
const MAX_RECIPIENTS = 'toolMaxRecipients';
const ALLOWED_PHONES = 'toolAllowedPhoneNumbers';
const MAX_REFUND = 'toolMaxRefundAmount';

export const DEFAULT_MAX_RECIPIENTS = 10;
const showInTool = { '@tool': [true] };
/** The permissions whose operations reach a person, so the recipient settings apply to them. */
const REACHING_PERMISSIONS: ToolPermission[] = ['send', 'broadcast', 'money'];
const NOT_A_NUMBER_REFUSES =
	'A value that is not a whole number (e.g. "5,000", "ten" or empty) refuses every call of this tool.';

/** The guard rails' settings, shown only in the tool version of the node. */
export const guardRailProperties: INodeProperties[] = [
	{
		displayName:
			'Guard rails: the AI Agent may only do what you allow here. Every refusal is the answer the model gets; nothing is sent to Peach.',
		name: 'toolGuardRailsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showInTool },
	},
	{
		displayName: 'Allowed Operations',
		name: ALLOWED_OPERATIONS,
		type: 'multiOptions',
		options: TOOL_PERMISSION_OPTIONS,
		default: ['read'],
		description:
			'What the AI Agent may do with this tool. Read-only unless you add more; an operation outside these is refused.',
		displayOptions: { show: showInTool },
	},
	{
		displayName: 'Allowed Templates Names or IDs',
		name: ALLOWED_TEMPLATES,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getApprovedTemplates' },
		default: [],
		description:
			'The only templates the AI Agent may send (template messages, AI agent hand-offs, broadcasts, app message fallbacks). Automation → Run for Contact sends the automation\'s own messages: Allowed Automations covers it, not this list. None picked: no template may be sent. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ...showInTool, [ALLOWED_OPERATIONS]: ['send', 'broadcast'] } },
	},
	{
		displayName: 'Allowed Automations Names or IDs',
		name: ALLOWED_AUTOMATIONS,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAutomations' },
		default: [],
		description:
			'The only automations the AI Agent may start with Automation → Run for Contact. Their steps message the contact with templates of their own, which Allowed Templates does not check. None picked: no automation may be run. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ...showInTool, [ALLOWED_OPERATIONS]: ['send'] } },
	},
	{
		displayName: 'Max Recipients per Run',
		name: MAX_RECIPIENTS,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_RECIPIENTS,
		description: `How many contacts the AI Agent may reach in one workflow run: each template message, AI agent hand-off, app message, automation run, order (payment request) and broadcast recipient counts one. A broadcast to a whole audience is refused, as its size is not known beforehand. ${NOT_A_NUMBER_REFUSES}`,
		displayOptions: { show: { ...showInTool, [ALLOWED_OPERATIONS]: REACHING_PERMISSIONS } },
	},
	{
		displayName: 'Allowed Phone Numbers or Prefixes',
		name: ALLOWED_PHONES,
		type: 'string',
		default: '',
		placeholder: 'e.g. +91, +447700900123',
		description:
			'Comma-separated, each + then digits. When set, the AI Agent may only reach numbers that start with one of these (a full number allows just that contact), in messages, automation runs, orders and broadcasts. Empty: any number.',
		displayOptions: { show: { ...showInTool, [ALLOWED_OPERATIONS]: REACHING_PERMISSIONS } },
	},
	{
		displayName: 'Max Refund Amount per Run',
		name: MAX_REFUND,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: `The most the AI Agent may refund in one workflow run, in minor units (1200 means ₹12.00). 0 allows no refund. Each refund must state its amount. ${NOT_A_NUMBER_REFUSES}`,
		displayOptions: { show: { ...showInTool, [ALLOWED_OPERATIONS]: ['money'] } },
	},
];

/** The resource:operation keys of the guard rails' operation table, for tests and descriptions. */
export function operationEffect(resource: string, operation: string): OperationEffect | undefined {
	return OPERATION_EFFECTS[`${resource}:${operation}`];
}

// ---------------------------------------------------------------------------------------------
// Per-run counters: recipients messaged and amount refunded, per workflow run and tool node.
// ---------------------------------------------------------------------------------------------

interface RunUsage {
	recipients: number;
	refunded: number;
}

/** Runs remembered at once; the oldest is forgotten first, so memory stays bounded. */
const MAX_TRACKED_RUNS = 500;
const usageByRun = new Map<string, RunUsage>();

function usageFor(context: IExecuteSingleFunctions): RunUsage {
	const key = `${context.getExecutionId() ?? ''}\u0000${context.getNode().name}`;
	let usage = usageByRun.get(key);
	if (!usage) {
		usage = { recipients: 0, refunded: 0 };
		usageByRun.set(key, usage);
		if (usageByRun.size > MAX_TRACKED_RUNS) {
			usageByRun.delete(usageByRun.keys().next().value as string);
		}
	}
	return usage;
}

/** How many runs are remembered (for tests of the bound). */
export function trackedRunCount(): number {
	return usageByRun.size;
}

// ---------------------------------------------------------------------------------------------
// The settings, read and checked on every call
// ---------------------------------------------------------------------------------------------

/** The variant n8n builds for an AI Agent is the node's type name with "Tool" appended. */
export function isToolVersion(context: IExecuteSingleFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

function refuse(context: IExecuteSingleFunctions, reason: string, next: string): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(
		context.getNode(),
		`Refused by the Peach tool's guard rails: ${reason}. Nothing was sent to Peach. ${next}`,
		{ itemIndex, description: next },
	);
}

const labelOf = (permission: string) =>
	TOOL_PERMISSION_OPTIONS.find((option) => option.value === permission)?.name ?? permission;

function stringList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((entry) => String(entry ?? '').trim()).filter(Boolean);
}

/** A list of IDs the workflow owner picks; an operation using an ID outside it is refused. */
interface Allowlist {
	setting: string;
	label: string;
	what: 'template' | 'automation';
	verb: string;
	prefix: string;
	/** Per operation, the parameter that holds the ID (a dot reads it from a collection). */
	parameters: Record<string, string>;
	/** Operations that may leave the ID empty, using nothing of this kind. */
	optional: string[];
}

const TEMPLATE_ALLOWLIST: Allowlist = {
	setting: ALLOWED_TEMPLATES,
	label: 'Allowed Templates',
	what: 'template',
	verb: 'send',
	prefix: 'wat_',
	parameters: {
		'templateMessage:send': 'templateId',
		'templateMessage:connectToAiAgent': 'templateId',
		'broadcast:launch': 'templateId',
		'templateMessage:sendAppMessage': 'additionalFields.fallbackTemplate',
	},
	// An app message without a fallback template sends no template.
	optional: ['templateMessage:sendAppMessage'],
};

const AUTOMATION_ALLOWLIST: Allowlist = {
	setting: ALLOWED_AUTOMATIONS,
	label: 'Allowed Automations',
	what: 'automation',
	verb: 'run',
	prefix: 'strm_',
	parameters: { 'automation:runForContact': 'automationId' },
	optional: [],
};

interface CapSetting {
	name: string;
	label: string;
	/** What applies when the field is not set: the value it shows. */
	default: number;
	example: string;
}

const RECIPIENT_CAP: CapSetting = {
	name: MAX_RECIPIENTS,
	label: 'Max Recipients per Run',
	default: DEFAULT_MAX_RECIPIENTS,
	example: '10',
};
const REFUND_CAP: CapSetting = { name: MAX_REFUND, label: 'Max Refund Amount per Run', default: 0, example: '5000' };

interface GuardSettings {
	allowedOperations: string[];
	maxRecipients: number;
	maxRefund: number;
	phonePrefixes: string[];
	allowed: Map<Allowlist, string[]>;
}

/**
 * Whether the setting is in use. When it runs a workflow, n8n fills in the default of every shown
 * setting and drops the ones the allowed operations hide: an absent setting is not in use, and
 * its default applies.
 */
function isInUse(context: IExecuteSingleFunctions, name: string): boolean {
	return Object.prototype.hasOwnProperty.call(context.getNode().parameters, name);
}

/**
 * A cap as a whole number. One that is set but is not a number (text, "5,000", empty, an
 * expression that gives nothing) refuses the call: guessing would let more through than the owner meant.
 */
function readCap(context: IExecuteSingleFunctions, cap: CapSetting): number {
	if (!isInUse(context, cap.name)) return cap.default;
	const value: unknown = context.getNodeParameter(cap.name, cap.default);
	const text = String(value ?? '').trim();
	const valid =
		typeof value === 'number' ? Number.isSafeInteger(value) && value >= 0 : /^\d{1,15}$/.test(text);
	if (valid) return Number(text);
	throw refuse(
		context,
		`${cap.label} is ${text ? `"${text}"` : 'empty'}, not a whole number of 0 or more, so no call can be held to it`,
		`Do not retry. Tell the user that the workflow owner must set ${cap.label} to a whole number, digits only, e.g. ${cap.example}.`,
	);
}

/** The allowed numbers and prefixes, each + then digits; anything else refuses the call. */
function readPhonePrefixes(context: IExecuteSingleFunctions): string[] {
	const prefixes = stringList(context.getNodeParameter(ALLOWED_PHONES, '')).map((prefix) =>
		prefix.replace(/[\s\-.()]/g, ''),
	);
	const bad = prefixes.find((prefix) => !/^\+\d{1,15}$/.test(prefix));
	if (bad !== undefined) {
		throw refuse(
			context,
			`Allowed Phone Numbers or Prefixes has "${bad}", which is not a phone number or prefix`,
			'Do not retry. Tell the user that the workflow owner must write each entry of Allowed Phone Numbers or Prefixes as + then digits, separated by commas, e.g. +91, +447700900123.',
		);
	}
	return prefixes;
}

function readAllowlist(context: IExecuteSingleFunctions, list: Allowlist): string[] {
	const ids = stringList(context.getNodeParameter(list.setting, []));
	const bad = ids.find((id) => !new RegExp(`^${list.prefix}\\w+$`).test(id));
	if (bad !== undefined) {
		throw refuse(
			context,
			`${list.label} has "${bad}", which is not an ID: ${list.what} IDs start with ${list.prefix}`,
			`Do not retry. Tell the user that the workflow owner must pick the ${list.what}s under ${list.label} from the list, or give their IDs (${list.prefix}…).`,
		);
	}
	return ids;
}

/** Every setting, checked before anything else: a broken one refuses every call of the tool. */
function readSettings(context: IExecuteSingleFunctions): GuardSettings {
	return {
		allowedOperations: stringList(context.getNodeParameter(ALLOWED_OPERATIONS, ['read'])),
		maxRecipients: readCap(context, RECIPIENT_CAP),
		maxRefund: readCap(context, REFUND_CAP),
		phonePrefixes: readPhonePrefixes(context),
		allowed: new Map(
			[TEMPLATE_ALLOWLIST, AUTOMATION_ALLOWLIST].map((list) => [list, readAllowlist(context, list)]),
		),
	};
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

function readId(context: IExecuteSingleFunctions, parameter: string): string {
	const [name, field] = parameter.split('.');
	const raw = field
		? (context.getNodeParameter(name, {}) as IDataObject)[field]
		: context.getNodeParameter(name, '', { extractValue: true });
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	return String(value ?? '').trim();
}

function checkOperation(context: IExecuteSingleFunctions, key: string, allowed: string[]): OperationEffect {
	const effect = OPERATION_EFFECTS[key];
	const [resource, operation] = key.split(':');
	if (!effect || !allowed.includes(effect.permission)) {
		const what = effect ? `"${labelOf(effect.permission)}"` : 'this operation';
		throw refuse(
			context,
			`the operation ${resource} → ${operation} is not allowed; this tool allows: ${allowed.map(labelOf).join(', ') || 'nothing'}`,
			`Do not retry it. Tell the user that the workflow owner can allow ${what} under Allowed Operations.`,
		);
	}
	return effect;
}

function checkAllowlist(
	context: IExecuteSingleFunctions,
	key: string,
	list: Allowlist,
	allowed: string[],
): void {
	const parameter = list.parameters[key];
	if (!parameter) return;
	const id = readId(context, parameter);
	if (!id && list.optional.includes(key)) return;
	const { what, label } = list;
	if (!allowed.length) {
		throw refuse(
			context,
			`${what} ${id || '(none given)'} is not allowed; no ${what} is allowed for this tool`,
			`Do not retry. Tell the user that the workflow owner must pick the ${what}s this tool may ${list.verb} under ${label}.`,
		);
	}
	if (!allowed.includes(id)) {
		throw refuse(
			context,
			`${what} ${id || '(none given)'} is not allowed; allowed: ${allowed.join(', ')}`,
			`Use one of the allowed ${what} IDs (${allowed.join(', ')}), or tell the user the ${what} is not allowed; the workflow owner can add it under ${label}.`,
		);
	}
}

/** Holds every operation that reaches a person to the allowed numbers and the recipient cap. */
function checkRecipients(context: IExecuteSingleFunctions, effect: OperationEffect, settings: GuardSettings): void {
	if (!effect.recipients) return;
	const phones = effect.recipients(context);
	const prefixes = settings.phonePrefixes;
	if (prefixes.length) {
		const outside = phones.filter((phone) => !prefixes.some((prefix) => phone.startsWith(prefix)));
		if (outside.length) {
			const shown = outside.slice(0, 5).join(', ') + (outside.length > 5 ? ` and ${outside.length - 5} more` : '');
			throw refuse(
				context,
				`phone number ${shown} is not allowed; allowed numbers start with: ${prefixes.join(', ')}`,
				'Reach only numbers that start with an allowed prefix, or tell the user this number is not allowed; the workflow owner can add it under Allowed Phone Numbers or Prefixes.',
			);
		}
	}
	const cap = settings.maxRecipients;
	const usage = usageFor(context);
	if (usage.recipients + phones.length > cap) {
		throw refuse(
			context,
			`this would message ${phones.length} recipient(s), and ${usage.recipients} of the ${cap} allowed in this run are already used`,
			'Do not retry in this run. Tell the user the recipient limit is reached; the workflow owner can raise Max Recipients per Run.',
		);
	}
	usage.recipients += phones.length;
}

function checkRefund(context: IExecuteSingleFunctions, key: string, cap: number): void {
	if (key !== 'order:refund') return;
	if (context.getNodeParameter('refund', 'full') !== 'partial') {
		throw refuse(
			context,
			'a full refund is not allowed, because its amount is not known beforehand and the refund limit could not be checked',
			'Refund a stated amount instead (Part of the Amount, in minor units).',
		);
	}
	const amount = Number(context.getNodeParameter('amount', 0));
	if (!Number.isInteger(amount) || amount <= 0) return; // the operation explains a bad amount itself
	const usage = usageFor(context);
	if (usage.refunded + amount > cap) {
		const left = Math.max(0, cap - usage.refunded);
		throw refuse(
			context,
			`a refund of ${amount} (minor units) is over the limit: ${left} of the ${cap} allowed per run ${left === cap ? 'is' : 'is still'} available`,
			'Do not retry with a split amount. Tell the user the refund needs a person; the workflow owner can raise Max Refund Amount per Run.',
		);
	}
	usage.refunded += amount;
}

/**
 * Additional Body Fields (JSON) are merged into the request last, so they could change the
 * recipient, template or amount after the checks; in the tool they are refused where that matters.
 */
function checkEscapeHatch(context: IExecuteSingleFunctions, effect: OperationEffect): void {
	if (!['send', 'broadcast', 'money'].includes(effect.permission)) return;
	const extra = parseJsonParameter(
		context,
		context.getNodeParameter(ADDITIONAL_BODY_FIELDS, ''),
		'Additional Body Fields (JSON)',
		'object',
	);
	if (extra && Object.keys(extra).length) {
		throw refuse(
			context,
			'Additional Body Fields (JSON) cannot be used in the tool for messages, broadcasts, orders or refunds, as they could change the recipient, template or amount after the checks',
			'Tell the user that the workflow owner must clear Additional Body Fields (JSON) in this tool.',
		);
	}
}

/**
 * preSend that runs before every operation's own: in the tool version it applies the guard rails,
 * in the normal node it changes nothing.
 */
export async function enforceToolGuardRails(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (!isToolVersion(this)) return requestOptions;
	const settings = readSettings(this);
	const key = `${this.getNodeParameter('resource', '')}:${this.getNodeParameter('operation', '')}`;
	const effect = checkOperation(this, key, settings.allowedOperations);
	checkEscapeHatch(this, effect);
	for (const [list, allowed] of settings.allowed) checkAllowlist(this, key, list, allowed);
	checkRefund(this, key, settings.maxRefund);
	// Last, as it counts: a call refused for another reason uses up nothing.
	checkRecipients(this, effect, settings);
	return requestOptions;
}

/** Hidden parameter that attaches the guard rails; it sits before every operation's fields. */
export const guardRailsProperty: INodeProperties = {
	displayName: 'Tool Guard Rails',
	name: 'peachToolGuardRails',
	type: 'hidden',
	default: '',
	routing: { send: { preSend: [enforceToolGuardRails] } },
};
