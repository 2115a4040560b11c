/**
 * What the Automation, Automation Trigger and Condition operations share: the automation picker,
 * ID readers, the list answer turned into items, and the trigger's variables and data mappings.
 * Everything here rests on beyond-the-36.md (Peach's MCP server and skills; few doc pages exist).
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readPrefixedId } from './messaging';
import { inputError, keyValuePairs } from '../../shared/validation';

/** Peach's automation (Stream) IDs, as the By ID mode checks them. */
export const AUTOMATION_ID_PATTERN = '^\\s*strm_\\w+\\s*$';

/** Picker for an automation: a searchable list (name, status) or its ID (strm_…). */
export function automationLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Automation',
		name: 'automationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Peach automation, picked from the list or given by its ID (strm_…)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an automation...',
				typeOptions: { searchListMethod: 'searchAutomations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. strm_1234abcd',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: AUTOMATION_ID_PATTERN,
							errorMessage: 'An automation ID starts with strm_, e.g. strm_1234abcd',
						},
					},
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

export function readAutomationId(context: IExecuteSingleFunctions): string {
	return readPrefixedId(context, 'automationId', 'Automation', 'strm_', 'automation');
}

export function readTriggerId(context: IExecuteSingleFunctions): string {
	return readPrefixedId(
		context,
		'triggerId',
		'Trigger ID',
		'trig_',
		'trigger',
		'Enter the ID of the automation trigger: it starts with trig_, e.g. trig_1234abcd (Automation Trigger → Get Many lists them).',
	);
}

/** An automation's statuses ([MCP] create/update tools). */
export const AUTOMATION_STATUS_OPTIONS = [
	{ name: 'Archived', value: 'archived', description: 'Retired; it no longer runs' },
	{ name: 'Draft', value: 'draft', description: 'Being built; it does not run yet' },
	{ name: 'Published', value: 'published', description: 'Live: triggers and Run for Contact start it' },
];

/**
 * The records of a list answer. beyond-the-36.md, "The paging parameter question" and Open
 * question 3: no source shows whether /streams, /expressions and /streams/{id}/triggers answer a
 * bare array or an envelope, so both are read (`keys` are the envelope keys to look for).
 */
export function recordsOfList(body: unknown, keys: string[]): IDataObject[] | undefined {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return undefined;
	const key = [...keys, 'data'].find((candidate) => Array.isArray((body as IDataObject)[candidate]));
	return key ? ((body as IDataObject)[key] as IDataObject[]) : undefined;
}

/** postReceive of these lists: one item per record; no source pages them, so the Limit applies here. */
export function listRecords(keys: string[], what: string) {
	return async function pickRecords(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const records = recordsOfList(response.body, keys);
		if (!records) {
			throw new NodeOperationError(
				this.getNode(),
				`Peach's answer is not a list of ${what} [item ${this.getItemIndex()}]`,
				{
					itemIndex: this.getItemIndex(),
					description: 'Check that the Base URL in the credential points at the Peach API.',
				},
			);
		}
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = Number(this.getNodeParameter('limit', 50));
		const kept = returnAll ? records : records.slice(0, limit);
		return kept.map((record) => ({ json: (record ?? {}) as IDataObject }));
	};
}

// ---------------------------------------------------------------------------------------------
// Trigger: variables and data mappings
// ---------------------------------------------------------------------------------------------

/** The trigger's free note, on Create and Update. */
export const triggerDescriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. COD orders, excluding POS',
	description: 'A note on the trigger',
};

/** The condition's variables as key/value rows, sent as one object of strings. */
export function conditionVariablesField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description:
			'Values for the variables the condition needs (Condition → Get Many lists them), e.g. key_path = $.source_name and value = pos',
		options: [
			{
				displayName: 'Variable',
				name: 'values',
				values: [
					{
						displayName: 'Name',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. key_path',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. $.source_name',
					},
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

/** Who the automation messages, from the event: the recipient keys Peach's Shopify playbook names. */
const RECIPIENT_FIELD_OPTIONS = [
	{ name: 'Country Code', value: 'country_code' },
	{ name: 'Language', value: 'language' },
	{ name: 'Name', value: 'name' },
	{ name: 'Phone Number', value: 'phone_number' },
];

const jsonPathField: INodeProperties = {
	displayName: 'JSONPath',
	name: 'path',
	type: 'string',
	default: '',
	placeholder: 'e.g. $.customer.phone',
	description: "Where the value sits in the event's payload, as a JSONPath starting with $",
};

/** The Data Mappings fixed collection: recipient fields and variables, each → a JSONPath into the event. */
export function dataMappingsField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Data Mappings',
		name: 'dataMappings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description:
			"What the automation takes from the event's payload: who to message (a recipient Phone Number is needed) and values for the automation's {{variables}}",
		options: [
			{
				displayName: 'Recipient Field',
				name: 'recipient',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						default: 'phone_number',
						options: RECIPIENT_FIELD_OPTIONS,
						description: 'The detail of the person to message',
					},
					jsonPathField,
				],
			},
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. order_id',
						description: 'The {{placeholder}} in the automation’s steps, spelled exactly as there',
					},
					jsonPathField,
				],
			},
		],
		...overrides,
	} as INodeProperties;
}

interface MappingRow {
	field?: string;
	path?: string;
}

/**
 * The rows of Data Mappings as Peach's `data_mappings` ([{mapping_for, value: {field: JSONPath}}]),
 * each row checked; undefined when no row was added.
 */
export function readDataMappings(
	context: IExecuteSingleFunctions,
	collection: unknown,
	parameter: string,
): IDataObject[] | undefined {
	const groups = (collection ?? {}) as { recipient?: MappingRow[]; variable?: MappingRow[] };
	const mappings: IDataObject[] = [];
	for (const [mappingFor, label] of [
		['recipient', 'Recipient Field'],
		['variable', 'Variable'],
	] as const) {
		const rows = groups[mappingFor] ?? [];
		if (!rows.length) continue;
		const value: IDataObject = {};
		rows.forEach((row, index) => {
			const where = `${parameter} → ${label} ${index + 1}`;
			const field = String(row.field ?? '').trim();
			const path = String(row.path ?? '').trim();
			if (!field) {
				throw inputError(
					context,
					`${where} → ${mappingFor === 'recipient' ? 'Field' : 'Name'}`,
					'is empty',
					'Enter the {{placeholder}} name used in the automation’s steps, e.g. order_id.',
				);
			}
			if (!path.startsWith('$')) {
				throw inputError(
					context,
					`${where} → JSONPath`,
					path ? `"${path}" is not a JSONPath` : 'is empty',
					'Write where the value sits in the event, starting with $, e.g. $.customer.phone or $.line_items[0].title.',
				);
			}
			value[field] = path;
		});
		mappings.push({ mapping_for: mappingFor, value });
	}
	if (!mappings.length) return undefined;
	const recipient = mappings.find((mapping) => mapping.mapping_for === 'recipient');
	// beyond-the-36.md, "Data mapping item": without phone_number the trigger fires but messages no one.
	if (recipient && !(recipient.value as IDataObject).phone_number) {
		throw inputError(
			context,
			parameter,
			'the recipient fields have no Phone Number',
			'Add a Recipient Field "Phone Number" with the JSONPath of the customer’s phone, e.g. $.customer.phone; without it the automation messages no one.',
		);
	}
	return mappings;
}

/** Variables rows as one object, or undefined when none was added. */
export function readConditionVariables(collection: unknown): IDataObject | undefined {
	return keyValuePairs(collection);
}
