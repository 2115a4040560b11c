import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeParameters,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { inputError, quote, safeJson, toUtcDateTime } from './validation';

/**
 * What a parameter's value must be, checked once for every operation from the node's own
 * description, before any operation reads it. An expression can return anything: an object would
 * reach Peach as "[object Object]", a list as "a,b", "yes" as a boolean, a value outside a
 * dropdown as itself. The node's operations read their parameters with String(), so this check is
 * what keeps those values out.
 */
export interface ParameterTypeCheckOptions {
	/** Text parameters that also take a list from an expression (e.g. tags, phone numbers). */
	listParameters?: string[];
}

type Problem = { problem: string; fix: string } | undefined;

function describe(value: unknown): string {
	if (Array.isArray(value)) return `a list (${quote(JSON.stringify(value))})`;
	if (value === null) return 'null';
	if (typeof value === 'object') return `an object (${quote(safeJson(value))})`;
	if (typeof value === 'string') return `the text ${quote(value)}`;
	return `${typeof value} ${quote(String(value))}`;
}

function isDateLike(value: unknown): boolean {
	return (
		value instanceof Date ||
		(!!value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function')
	);
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function checkText(value: unknown, acceptsList: boolean): Problem {
	if (isEmpty(value) || typeof value === 'string') return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return undefined;
	if (acceptsList && Array.isArray(value) && value.every((entry) => ['string', 'number'].includes(typeof entry))) {
		return undefined;
	}
	if (isDateLike(value)) return undefined;
	return {
		problem: `must be text, got ${describe(value)}`,
		fix: acceptsList
			? 'Map a text value or a list of texts, e.g. {{ $json.tags }} holding ["vip", "newsletter"].'
			: 'Map a single text value, e.g. {{ $json.name }} rather than {{ $json }}, or join a list first with .join(", ").',
	};
}

/** A number, within the field's own minValue/maxValue (the editor enforces them only on typed values). */
function checkNumber(value: unknown, property: INodeProperties): Problem {
	if (isEmpty(value)) return undefined;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || Number.isNaN(number)) {
		return { problem: `must be a number, got ${describe(value)}`, fix: 'Map a number, e.g. {{ $json.quantity }}.' };
	}
	const { minValue, maxValue } = property.typeOptions ?? {};
	const range =
		typeof maxValue === 'number' ? `from ${String(minValue ?? '-∞')} to ${maxValue}` : `of at least ${String(minValue)}`;
	if (typeof minValue === 'number' && number < minValue) {
		return { problem: `${number} is below ${minValue}`, fix: `Enter a number ${range}.` };
	}
	if (typeof maxValue === 'number' && number > maxValue) {
		return { problem: `${number} is above ${maxValue}`, fix: `Enter a number ${range}.` };
	}
	return undefined;
}

function checkBoolean(value: unknown): Problem {
	if (value === undefined || value === null || typeof value === 'boolean') return undefined;
	return {
		problem: `must be true or false, got ${describe(value)}`,
		fix: 'Turn the switch on or off, or map an expression that returns true or false, e.g. {{ $json.opted_out === "yes" }}.',
	};
}

function checkOption(value: unknown, options: INodePropertyOptions[]): Problem {
	if (isEmpty(value)) return undefined;
	if (options.some((option) => option.value === value)) return undefined;
	const allowed = options.map((option) => String(option.value));
	const shown = allowed.slice(0, 12).join(', ') + (allowed.length > 12 ? ', …' : '');
	return {
		problem: `${describe(value)} is not one of the choices`,
		fix: `Pick one from the list, or map one of: ${shown}.`,
	};
}

function checkMultiOptions(value: unknown, options: INodePropertyOptions[]): Problem {
	if (isEmpty(value)) return undefined;
	if (!Array.isArray(value)) {
		return { problem: `must be a list of choices, got ${describe(value)}`, fix: 'Pick the values from the list.' };
	}
	for (const entry of value) {
		const problem = checkOption(entry, options);
		if (problem) return problem;
	}
	return undefined;
}

function staticOptions(property: INodeProperties): INodePropertyOptions[] | undefined {
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	const options = (property.options ?? []) as INodePropertyOptions[];
	return options.every((option) => option && 'value' in option) ? options : undefined;
}

interface Walk {
	context: IExecuteSingleFunctions;
	lists: Set<string>;
	root: IDataObject;
	node: ReturnType<IExecuteSingleFunctions['getNode']>;
	request: IHttpRequestOptions;
}

/**
 * A date-time the routing sends as it was typed goes as ISO 8601 UTC instead (see toUtcDateTime);
 * dates an operation reads itself go through the same conversion there.
 */
function sendDateTime(walk: Walk, property: INodeProperties, iso: string | undefined): void {
	const send = property.routing?.send;
	if (!iso || !send?.property || send.value !== undefined || send.property.startsWith('=')) return;
	if (send.type === 'query') walk.request.qs = { ...walk.request.qs, [send.property]: iso };
	else if (send.type === 'body' && walk.request.body && typeof walk.request.body === 'object') {
		(walk.request.body as IDataObject)[send.property] = iso;
	}
}

/** Checks one value against its property; throws an input error naming `label` at the first problem. */
function checkValue(walk: Walk, property: INodeProperties, value: unknown, label: string): void {
	let found: Problem;
	switch (property.type) {
		case 'string':
			found = checkText(value, walk.lists.has(property.name));
			break;
		case 'number':
			found = checkNumber(value, property);
			break;
		case 'boolean':
			found = checkBoolean(value);
			break;
		case 'dateTime':
			sendDateTime(walk, property, toUtcDateTime(walk.context, value, label)?.iso);
			break;
		case 'options': {
			const options = staticOptions(property);
			found = options ? checkOption(value, options) : undefined;
			break;
		}
		case 'multiOptions': {
			const options = staticOptions(property);
			found = options ? checkMultiOptions(value, options) : undefined;
			break;
		}
		case 'resourceLocator': {
			const inner =
				value && typeof value === 'object' && (value as IDataObject).__rl
					? (value as IDataObject).value
					: value;
			found = checkText(inner, false);
			break;
		}
		case 'collection':
			checkCollection(walk, property, value, label);
			break;
		case 'fixedCollection':
			checkFixedCollection(walk, property, value, label);
			break;
		default:
			// json, resourceMapper, hidden, notice: read (and checked) by the operation itself.
			break;
	}
	if (found) throw inputError(walk.context, label, found.problem, found.fix);
}

function displayed(walk: Walk, values: IDataObject, property: INodeProperties): boolean {
	return NodeHelpers.displayParameter(values as INodeParameters, property, walk.node, null, walk.root as INodeParameters);
}

function checkCollection(walk: Walk, property: INodeProperties, value: unknown, label: string): void {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return;
	const values = value as IDataObject;
	const options = (property.options ?? []) as INodeProperties[];
	for (const [name, entry] of Object.entries(values)) {
		const child =
			options.find((option) => option.name === name && displayed(walk, values, option)) ??
			options.find((option) => option.name === name);
		if (child) checkValue(walk, child, entry, `${label} → ${child.displayName}`);
	}
}

function checkFixedCollection(walk: Walk, property: INodeProperties, value: unknown, label: string): void {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return;
	const groups = (property.options ?? []) as INodePropertyCollection[];
	for (const group of groups) {
		const entries = (value as IDataObject)[group.name];
		if (entries === undefined || entries === null) continue;
		const list = Array.isArray(entries) ? entries : [entries];
		const multiple = Array.isArray(entries);
		list.forEach((entry, index) => {
			if (!entry || typeof entry !== 'object') return;
			const where = multiple ? `${label} → ${group.displayName} ${index + 1}` : `${label} → ${group.displayName}`;
			for (const child of group.values) {
				const childValue = (entry as IDataObject)[child.name];
				if (childValue !== undefined) checkValue(walk, child, childValue, `${where} → ${child.displayName}`);
			}
		});
	}
}

/**
 * A hidden parameter whose preSend checks every parameter shown for the chosen operation against
 * its declared type. It must sit first in the node's properties, so it runs before any operation
 * reads a value. `properties` is read lazily: the node's property list includes this parameter.
 */
export function parameterTypeCheckProperty(
	properties: () => INodeProperties[],
	options: ParameterTypeCheckOptions = {},
): INodeProperties {
	const lists = new Set(options.listParameters ?? []);
	async function checkParameterTypes(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const node = this.getNode();
		const walk: Walk = { context: this, lists, root: node.parameters, node, request: requestOptions };
		for (const property of properties()) {
			if (property.type === 'hidden' || property.type === 'notice') continue;
			if (!NodeHelpers.displayParameter(node.parameters, property, node, null, node.parameters)) continue;
			if (!(property.name in node.parameters)) continue;
			const value = this.getNodeParameter(property.name, undefined) as unknown;
			checkValue(walk, property, value, property.displayName);
		}
		return requestOptions;
	}
	return {
		displayName: 'Parameter Check',
		name: 'peachParameterCheck',
		type: 'hidden',
		default: '',
		routing: { send: { preSend: [checkParameterTypes] } },
	};
}
