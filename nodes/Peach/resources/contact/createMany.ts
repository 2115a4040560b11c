import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { contactProfileFields, recipientPhoneField } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { deepMerge } from '../../shared/request';
import { dropUnsetFields, inputError, normalizePhoneNumbers, parseJsonParameter } from '../../../shared/validation';

/** A field of a contact row, the same as on Contact → Create. */
const rowField = (name: string) => contactProfileFields.filter((field) => field.name === name);

/** The most contacts Peach takes in one request. */
export const MAX_CONTACTS_PER_REQUEST = 1000;

interface ContactRow {
	phoneNumber?: string;
	name?: string;
	email?: string;
	language?: string;
	timezone?: string;
	metadata?: string | IDataObject;
}

/** The contacts to send, from the rows below or from a JSON array / expression. */
function readContacts(context: IExecuteSingleFunctions): IDataObject[] {
	const source = context.getNodeParameter('contactsSource', 'fields') as string;
	if (source === 'json') {
		const list = parseJsonParameter<unknown[]>(
			context,
			context.getNodeParameter('contactsJson', ''),
			'Contacts (JSON)',
			'array',
		);
		return (list ?? []).map((entry, index) => {
			if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
				throw inputError(
					context,
					'Contacts (JSON)',
					`the entry at index ${index} is not an object`,
					'Each entry must look like {"phone_number": "+919988776655", "name": "John Doe"}.',
				);
			}
			return { ...(entry as IDataObject) };
		});
	}
	// An untouched Metadata (JSON) is "{}", dropped with the other unset fields before sending.
	const rows = (context.getNodeParameter('contacts', {}) as { values?: ContactRow[] }).values ?? [];
	return rows.map((row, index) => ({
		phone_number: row.phoneNumber,
		name: row.name,
		email: row.email,
		language: row.language,
		timezone: row.timezone,
		metadata: parseJsonParameter(context, row.metadata, `Contacts → Contact ${index + 1} → Metadata (JSON)`, 'object'),
	}));
}

/** Builds the array body, checking every phone number before anything is sent. */
async function buildContacts(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const source = this.getNodeParameter('contactsSource', 'fields') as string;
	const parameter = source === 'json' ? 'Contacts (JSON)' : 'Contacts';
	const extra = parseJsonParameter(
		this,
		this.getNodeParameter('additionalContactFields', ''),
		'Additional Fields per Contact (JSON)',
		'object',
	);
	const contacts = readContacts(this);
	if (contacts.length === 0) {
		throw inputError(
			this,
			parameter,
			'the list of contacts is empty',
			source === 'json'
				? 'Enter a JSON array with at least one contact, or check the expression that builds it.'
				: 'Add at least one contact.',
		);
	}
	const phones = normalizePhoneNumbers(
		this,
		contacts.map((contact) => contact.phone_number),
		parameter,
	);
	const body = contacts.map((contact, index) => {
		const withPhone = { ...contact, phone_number: phones[index] };
		return dropUnsetFields(extra ? deepMerge(withPhone, extra) : withPhone);
	});
	requestOptions.body = body as unknown as IDataObject;
	return requestOptions;
}

/** One record per created contact, whatever envelope Peach answers with. */
function recordsOf(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.flatMap((item) => {
		const json = item.json as unknown;
		// UNCERTAIN (Create multiple contacts): the response is not documented.
		const list = Array.isArray(json) ? json : (json as IDataObject)?.contacts;
		return Array.isArray(list) ? list.map((record) => ({ json: record as IDataObject })) : [item];
	});
}

/** Sends the contacts in requests of at most Contacts per Request, one after the other. */
async function sendInChunks(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const contacts = (requestData.options.body ?? []) as unknown as IDataObject[];
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const size = Math.min(
		MAX_CONTACTS_PER_REQUEST,
		Math.max(1, Math.floor(Number(options.contactsPerRequest ?? MAX_CONTACTS_PER_REQUEST))),
	);
	const results: INodeExecutionData[] = [];
	for (let start = 0; start < contacts.length; start += size) {
		const chunk = contacts.slice(start, start + size);
		try {
			const response = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, body: chunk as unknown as IDataObject },
			});
			results.push(...recordsOf(response));
		} catch (error) {
			if (!(error instanceof NodeApiError)) {
				throw error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: this.getItemIndex() });
			}
			const end = start + chunk.length;
			const saved = start ? `The first ${start} contacts were already saved. ` : '';
			const partial: NodeApiError = error;
			partial.description = `${partial.description ?? ''} ${saved}Contacts ${start + 1} to ${end} (request ${start / size + 1}) are not confirmed, and the ${contacts.length - end} after them were not sent. Creating is an update for existing phone numbers, so running again is safe.`.trim();
			throw partial;
		}
	}
	return results;
}

export const createManyContacts: PeachOperation = {
	name: 'Create Many',
	value: 'createMany',
	action: 'Create many contacts',
	description: 'Add or update many contacts at once; large lists are sent in several requests',
	routing: {
		// UNCERTAIN (Create multiple contacts): a bare JSON array to /api/v1/contacts, as Peach's MCP server sends.
		request: { method: 'POST', url: '/api/v1/contacts' },
		send: { preSend: [buildContacts], paginate: true },
		operations: { pagination: sendInChunks },
	},
	properties: [
		{
			displayName: 'Contacts Input',
			name: 'contactsSource',
			type: 'options',
			noDataExpression: true,
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields', description: 'Enter each contact as fields' },
				{
					name: 'Using JSON',
					value: 'json',
					description: 'A JSON array of contacts, typed or built by an expression',
				},
			],
		},
		{
			displayName: 'Contacts',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Contact',
			default: {},
			displayOptions: { show: { contactsSource: ['fields'] } },
			options: [
				{
					displayName: 'Contact',
					name: 'values',
					// The one field every contact needs comes first, then the rest.
					values: [
						recipientPhoneField,
						...rowField('name'),
						...rowField('email'),
						...rowField('language'),
						...rowField('timezone'),
						{
							displayName: 'Metadata (JSON)',
							name: 'metadata',
							type: 'json',
							default: '{}',
							placeholder: 'e.g. {"source": "website"}',
							description: 'Your own key/value data on the contact, as a JSON object',
						},
					],
				},
			],
		},
		{
			displayName: 'Contacts (JSON)',
			name: 'contactsJson',
			type: 'json',
			// An empty list, not an example: running an untouched example would create that contact.
			default: '[]',
			placeholder: 'e.g. [{"phone_number": "+919988776655", "name": "John Doe"}]',
			displayOptions: { show: { contactsSource: ['json'] } },
			description:
				'A JSON array of contacts, each with phone_number and optionally name, email, language, timezone and metadata',
			hint: 'To send all input items in one go, use {{ $input.all().map(item => item.json) }} and turn on Execute Once in the node settings',
		},
		{
			displayName: 'Additional Fields per Contact (JSON)',
			name: 'additionalContactFields',
			type: 'json',
			default: '{}',
			placeholder: 'e.g. {"metadata": {"source": "import"}}',
			description:
				'Extra fields merged into every contact as they are, for fields Peach supports that this node does not show yet',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Contacts per Request',
					name: 'contactsPerRequest',
					type: 'number',
					default: MAX_CONTACTS_PER_REQUEST,
					typeOptions: { minValue: 1, maxValue: MAX_CONTACTS_PER_REQUEST },
					description: `How many contacts go in one request to Peach (at most ${MAX_CONTACTS_PER_REQUEST}); longer lists are split`,
				},
			],
		},
	],
};
