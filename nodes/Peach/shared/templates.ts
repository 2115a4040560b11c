import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';
import { lookupOncePerRun, peachApiRequest } from '../../shared/transport';
import type { PeachRequestContext } from '../../shared/transport';
import { checkUrlValue, inputError, parseJsonParameter, quote, refuseControlCharacters } from '../../shared/validation';
import { MAX_PAGES, queryOfLink } from '../../shared/pagination';

/** A component of a WhatsApp template as Peach returns it. */
export interface PeachTemplateComponent {
	id?: string | number;
	component_type?: string;
	data_type?: string;
	value?: string | null;
	sub_type?: string;
	name?: string;
	index?: number;
}

/** A WhatsApp template as Peach returns it (list, fetch, create, update). */
export interface PeachTemplate extends IDataObject {
	id: string;
	template_name?: string;
	name?: string;
	language?: string;
	category?: string;
	status?: string;
	components?: PeachTemplateComponent[];
}

/** WhatsApp's template categories. */
export const TEMPLATE_CATEGORY_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Authentication',
		value: 'AUTHENTICATION',
		description: 'One-time passcodes for logins and verification',
	},
	{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, news and updates' },
	{
		name: 'Utility',
		value: 'UTILITY',
		description: 'Updates about something the customer did: orders, bookings, payments',
	},
];

// UNCERTAIN (Archive template): archived templates may read "disabled"; both are listed.
export const TEMPLATE_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Approved', value: 'approved' },
	{ name: 'Archived', value: 'archived' },
	{ name: 'Disabled', value: 'disabled' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Paused', value: 'paused' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Rejected', value: 'rejected' },
];

/** WhatsApp's rule for a template name: lowercase letters, digits and underscores, up to 512. */
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

/**
 * Checks a WhatsApp template name before it is created or renamed; returns it trimmed. A line
 * break is refused even at either end, where trimming would hide it: it says the value is not the
 * name it was meant to be.
 */
export function checkTemplateName(context: IExecuteSingleFunctions, value: unknown, parameter: string): string {
	const fix = 'Use lowercase letters, digits and underscores only, e.g. order_confirmation (WhatsApp refuses other names).';
	refuseControlCharacters(context, String(value ?? ''), parameter, fix);
	const name = String(value ?? '').trim();
	if (!name) throw inputError(context, parameter, 'is empty', fix);
	if (!TEMPLATE_NAME.test(name)) {
		throw inputError(context, parameter, `${quote(name)} is not a WhatsApp template name`, fix);
	}
	return name;
}

/**
 * Checks a template name that is looked up by its place in the URL (WhatsApp Template → Get, By
 * Name): the check of every value in a URL (length, line breaks), then what cannot be one path
 * segment. Names Peach already holds are not re-checked against WhatsApp's rule. Returns it trimmed.
 */
export function checkTemplateNameLookup(context: IExecuteSingleFunctions, value: unknown, parameter: string): string {
	const fix =
		"Enter the template's name exactly as in Peach (its template_name, e.g. order_confirmation), or pick the template from the list.";
	const name = checkUrlValue(context, value, parameter, fix).trim();
	if (!name) throw inputError(context, parameter, 'is empty', fix);
	if (/[/?#]/.test(name) || name === '.' || name === '..') {
		throw inputError(context, parameter, `${quote(name)} is not a template name`, fix);
	}
	return name;
}

/** One `{{variable}}` a template uses, with the example the template gives for it, if any. */
export interface TemplateVariable {
	name: string;
	example?: string;
}

/** The liquid value that carries a media header's file (URL, media://… or {link, filename}). */
export const HEADER_MEDIA = 'header_media';

/** Node-only field: the file name shown for a document header; sent inside header_media. */
export const HEADER_MEDIA_FILENAME = 'header_media_filename';

const MEDIA_HEADER_TYPES = ['image', 'video', 'document'];

/** `{{ name }}` or `{{ name | example: 'John' }}` (liquid). */
const LIQUID_VARIABLE = /\{\{\s*([A-Za-z_][\w.]*)\s*((?:\|[^}]*)?)\}\}/g;
const LIQUID_EXAMPLE = /example:\s*(['"])(.*?)\1/;

/** The media type of a template's header (image, video or document), if it has a media header. */
export function mediaHeaderType(template: PeachTemplate): string | undefined {
	const header = (template.components ?? []).find(
		(component) =>
			component.component_type === 'header' &&
			MEDIA_HEADER_TYPES.includes(String(component.data_type ?? '').toLowerCase()),
	);
	return header ? String(header.data_type).toLowerCase() : undefined;
}

/**
 * The variables a template needs, in the order they first appear: every `{{name}}` in its texts
 * (header, body, footer, button values) plus `header_media` when the header is an image, video or
 * document. A media header's own value is its sample file, not text, so it is not scanned.
 */
export function templateVariables(template: PeachTemplate): TemplateVariable[] {
	const variables = new Map<string, TemplateVariable>();
	const components = [...(template.components ?? [])].sort(
		(a, b) => (a.index ?? 0) - (b.index ?? 0),
	);
	const media = mediaHeaderType(template);
	if (media) variables.set(HEADER_MEDIA, { name: HEADER_MEDIA });
	for (const component of components) {
		if (
			component.component_type === 'header' &&
			MEDIA_HEADER_TYPES.includes(String(component.data_type ?? '').toLowerCase())
		) {
			continue;
		}
		for (const match of String(component.value ?? '').matchAll(LIQUID_VARIABLE)) {
			const name = match[1];
			const example = LIQUID_EXAMPLE.exec(match[2] ?? '')?.[2];
			const known = variables.get(name);
			if (!known) variables.set(name, { name, example });
			else if (!known.example && example) known.example = example;
		}
	}
	return [...variables.values()];
}

/** How a template reads in a picker: "order_confirmation (en) · approved · UTILITY". */
export function templateLabel(template: PeachTemplate): string {
	const name = template.template_name || template.name || template.id;
	const language = template.language ? ` (${template.language})` : '';
	const details = [template.status, template.category].filter(Boolean).join(' · ');
	return `${name}${language}${details ? ` · ${details}` : ''}`;
}

/** Keys an envelope answer of List all templates may carry its templates under. */
const TEMPLATE_LIST_KEYS = ['whats_app_templates', 'templates', 'data'];

/** The templates of one answer of List all templates, and its next page's query if it says one. */
function templatePage(body: unknown): { templates: PeachTemplate[]; next?: IDataObject } | undefined {
	if (Array.isArray(body)) return { templates: body as PeachTemplate[] };
	if (!body || typeof body !== 'object') return undefined;
	const envelope = body as IDataObject;
	const key = TEMPLATE_LIST_KEYS.find((name) => Array.isArray(envelope[name]));
	if (!key) return undefined;
	const next = typeof envelope.next === 'string' && envelope.next ? queryOfLink(envelope.next) : undefined;
	return { templates: envelope[key] as PeachTemplate[], next: next ?? {} };
}

/**
 * Every template of the account, across pages. UNCERTAIN (List all templates): the docs show one
 * bare array and no paging, but Peach's MCP server sends `page`. So both shapes are read: a bare
 * array is followed with page=2, 3, … until a page is empty or brings no template not seen yet (a
 * Peach that ignores `page` answers the same list again: one extra request); an envelope
 * ({whats_app_templates | templates | data: […], next}) is followed through `next` until it is null.
 * `first` is the answer to the first request when the caller already has it.
 */
export async function listAllTemplates(this: PeachRequestContext, first?: unknown): Promise<PeachTemplate[]> {
	const path = '/api/v1/whats_app_templates';
	const templates: PeachTemplate[] = [];
	const seen = new Set<string>();
	let body = first === undefined ? await peachApiRequest.call(this, 'GET', path) : first;
	for (let page = 1; ; page++) {
		const parsed = templatePage(body);
		if (!parsed) {
			const itemIndex = 'getItemIndex' in this ? this.getItemIndex() : undefined;
			throw new NodeOperationError(
				this.getNode(),
				`Peach's answer is not a list of templates${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
				{ itemIndex, description: 'Check that the Base URL in the credential points at the Peach API.' },
			);
		}
		let added = 0;
		for (const template of parsed.templates) {
			const key = template && template.id !== undefined ? String(template.id) : JSON.stringify(template);
			if (seen.has(key)) continue;
			seen.add(key);
			templates.push(template);
			added++;
		}
		if (!added) return templates;
		let qs: IDataObject;
		if (parsed.next === undefined) qs = { page: page + 1 };
		else if (Object.keys(parsed.next).length) qs = parsed.next;
		else return templates;
		if (page >= MAX_PAGES) return templates;
		body = await peachApiRequest.call(this, 'GET', path, { qs });
	}
}

export async function fetchTemplate(
	this: PeachRequestContext,
	templateId: string,
): Promise<PeachTemplate> {
	// Read once per run: a thousand sends of one template cost one read.
	return await lookupOncePerRun(this, `template:${templateId}`, async () =>
		(await peachApiRequest.call(
			this,
			'GET',
			`/api/v1/whats_app_templates/${encodeURIComponent(templateId)}`,
		)) as PeachTemplate,
	);
}

/** The fields a picked template's variables appear as (the "Template Variables" resource mapper). */
export function variableFields(template: PeachTemplate, required: boolean): ResourceMapperField[] {
	const media = mediaHeaderType(template);
	const fields: ResourceMapperField[] = templateVariables(template).map(({ name, example }) => ({
		id: name,
		displayName:
			name === HEADER_MEDIA
				? `Header ${media ? media.charAt(0).toUpperCase() + media.slice(1) : 'Media'} (URL or media://…)`
				: example
					? `${name} (e.g. ${example})`
					: name,
		required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
	}));
	if (media === 'document') {
		fields.push({
			id: HEADER_MEDIA_FILENAME,
			displayName: 'Header Document File Name (e.g. invoice.pdf)',
			required: false,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		});
	}
	return fields;
}

function isUnsetValue(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** `header_media` + the node-only file name field become `{link, filename}`, as Peach expects. */
function foldHeaderMedia(values: IDataObject): IDataObject {
	const result = { ...values };
	const filename = result[HEADER_MEDIA_FILENAME];
	delete result[HEADER_MEDIA_FILENAME];
	if (!isUnsetValue(filename) && typeof result[HEADER_MEDIA] === 'string' && result[HEADER_MEDIA]) {
		result[HEADER_MEDIA] = { link: result[HEADER_MEDIA], filename };
	}
	return result;
}

/**
 * The names of the variables the template needs: the fields the editor loaded for the picked
 * template (`loaded`), or, when none were loaded (JSON, or a template given by expression), the
 * template's own variables as Peach returns it. Every loaded field counts, whatever its required
 * flag says (it may be stale).
 */
export async function neededVariableNames(
	context: IExecuteSingleFunctions,
	templateId: string,
	loaded: ResourceMapperField[],
): Promise<string[]> {
	if (loaded.length) {
		return loaded.map((field) => field.id).filter((id) => id !== HEADER_MEDIA_FILENAME);
	}
	return templateVariables(await fetchTemplate.call(context, templateId)).map(({ name }) => name);
}

/** The Template Variables fields the editor loaded; `withRemoved` keeps the ones the user removed. */
export function loadedVariableFields(
	context: IExecuteSingleFunctions,
	withRemoved: boolean,
): ResourceMapperField[] {
	if (context.getNodeParameter(VARIABLES_INPUT, 'fields') !== 'fields') return [];
	const mapped = context.getNodeParameter(VARIABLES_MAPPER, {}) as Partial<ResourceMapperValue>;
	return (mapped?.schema ?? []).filter((field) => withRemoved || !field.removed);
}

/** The parameter names of the template-variables block, shared by every operation that shows it. */
export const VARIABLES_INPUT = 'variablesInput';
export const VARIABLES_MAPPER = 'templateVariables';
export const VARIABLES_JSON = 'variablesJson';

/**
 * The template's variables as the user gave them (mapped fields or JSON), ready to send as
 * `liquid_values`: empty fields are left out, and a document header's file name is folded in.
 * With `requireAll`, a variable the template uses but the user left empty is an input error that
 * names it; the picked template's fields say which ones are needed, and when they are not known
 * (JSON, or a template given by expression) the template is read from Peach first.
 */
export async function readTemplateVariables(
	context: IExecuteSingleFunctions,
	templateId: string,
	requireAll: boolean,
): Promise<IDataObject> {
	const input = context.getNodeParameter(VARIABLES_INPUT, 'fields') as string;
	let values: IDataObject = {};
	let known: ResourceMapperField[] = [];
	if (input === 'json') {
		values =
			parseJsonParameter(
				context,
				context.getNodeParameter(VARIABLES_JSON, ''),
				'Template Variables (JSON)',
				'object',
			) ?? {};
	} else {
		const mapped = context.getNodeParameter(VARIABLES_MAPPER, {}) as Partial<ResourceMapperValue>;
		known = loadedVariableFields(context, false);
		if (mapped?.mappingMode === 'autoMapInputData') {
			// "Map Automatically": each variable takes the input item's field of the same name.
			const item = context.getInputData()?.json ?? {};
			for (const field of known) values[field.id] = item[field.id];
		} else {
			values = { ...((mapped?.value as IDataObject | null) ?? {}) };
		}
	}
	for (const [key, value] of Object.entries(values)) if (isUnsetValue(value)) delete values[key];

	if (requireAll) {
		const parameter =
			input === 'json' ? 'Template Variables (JSON)' : 'Template Variables';
		const missing = (await neededVariableNames(context, templateId, known)).filter((name) =>
			isUnsetValue(values[name]),
		);
		if (missing.length) {
			const names = missing.map((name) => `"${name}"`).join(', ');
			throw inputError(
				context,
				parameter,
				`the template needs a value for ${names}`,
				input === 'json'
					? `Add ${names} to the JSON object, e.g. {"${missing[0]}": "value"}.`
					: `Fill in ${names} under Template Variables (map a field from the input or type a value).`,
			);
		}
	}
	return foldHeaderMedia(values);
}
