import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { rememberRequest, throwOnPeachError } from '../../shared/errors';
import { dropUnsetFields, inputError, MAX_ID_LENGTH, parseJsonParameter, quote } from '../../shared/validation';

/** Name of the "Additional Body Fields (JSON)" parameter every body-sending operation offers. */
export const ADDITIONAL_BODY_FIELDS = 'additionalBodyFields';

/** Name of the "Additional Query Parameters (JSON)" parameter every list operation offers. */
export const ADDITIONAL_QUERY_PARAMETERS = 'additionalQueryParameters';

function isPlainObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** Merges `extra` into `target` key by key, descending into objects, so extra fields extend nested ones. */
export function deepMerge(target: IDataObject, extra: IDataObject): IDataObject {
	const result: IDataObject = { ...target };
	for (const [key, value] of Object.entries(extra)) {
		result[key] =
			isPlainObject(result[key]) && isPlainObject(value)
				? deepMerge(result[key] as IDataObject, value)
				: value;
	}
	return result;
}

/** The Additional Body Fields (JSON) the user gave, parsed (undefined when left empty or `{}`). */
export function additionalBodyFields(context: IExecuteSingleFunctions): IDataObject | undefined {
	const extra = parseJsonParameter(
		context,
		context.getNodeParameter(ADDITIONAL_BODY_FIELDS, ''),
		'Additional Body Fields (JSON)',
		'object',
	);
	return extra && Object.keys(extra).length ? extra : undefined;
}

/** The first field of `extra` that would replace a value the node set in `body` (e.g. "contact.phone_number"). */
function firstOverride(body: IDataObject, extra: IDataObject, path = ''): string | undefined {
	for (const [key, value] of Object.entries(extra)) {
		if (!Object.prototype.hasOwnProperty.call(body, key)) continue;
		if (isPlainObject(body[key]) && isPlainObject(value)) {
			const nested = firstOverride(body[key] as IDataObject, value, `${path}${key}.`);
			if (nested) return nested;
		} else {
			return `${path}${key}`;
		}
	}
	return undefined;
}

/**
 * Additional Body Fields (JSON) add fields; they never replace one the node set from its own
 * (checked) fields, such as the recipient's phone number or an amount: that would skip the checks.
 */
function mergeAdditionalBodyFields(context: IExecuteSingleFunctions, body: unknown): unknown {
	const extra = additionalBodyFields(context);
	if (!extra) return body;
	const base = isPlainObject(body) ? body : {};
	const overridden = firstOverride(base, extra);
	if (overridden) {
		throw inputError(
			context,
			'Additional Body Fields (JSON)',
			`"${overridden}" is a field this node already sets from its own parameters`,
			`Set it with the node's own field (it is checked there), and remove "${overridden}" from Additional Body Fields, which only adds fields the node does not show.`,
		);
	}
	return deepMerge(base, extra);
}

/** The query parameters of the Additional Query Parameters (JSON), checked: plain values of a sane length. */
function additionalQueryParameters(context: IExecuteSingleFunctions): IDataObject | undefined {
	const parameter = 'Additional Query Parameters (JSON)';
	const extra = parseJsonParameter(context, context.getNodeParameter(ADDITIONAL_QUERY_PARAMETERS, ''), parameter, 'object');
	for (const [key, value] of Object.entries(extra ?? {})) {
		const values = Array.isArray(value) ? value : [value];
		if (values.some((entry) => entry !== null && typeof entry === 'object')) {
			throw inputError(
				context,
				parameter,
				`the value of "${key}" is an object`,
				'Give each query parameter a text, number or true/false value, e.g. {"template_name": "order_confirmation"}.',
			);
		}
		const longest = Math.max(key.length, ...values.map((entry) => String(entry ?? '').length));
		if (longest > MAX_ID_LENGTH) {
			throw inputError(
				context,
				parameter,
				`"${key}" is ${longest} characters long, more than a query parameter takes (at most ${MAX_ID_LENGTH})`,
				'Shorten the value; a filter this long is a mistake, and servers refuse URLs this long.',
			);
		}
	}
	return extra;
}

/**
 * The last check on every path the node built: no segment may be empty, `.` or `..`, which would
 * send the request to another endpoint. Each ID reader refuses these first, with its own parameter.
 */
function checkRequestPath(context: IExecuteSingleFunctions, url: string | undefined): void {
	const path = (url ?? '').split(/[?#]/)[0];
	const segments = path.split('/').slice(1);
	const bad = segments.find((segment, index) => {
		const decoded = safeDecode(segment);
		return decoded === '.' || decoded === '..' || (decoded.trim() === '' && index < segments.length - 1);
	});
	if (bad !== undefined) {
		throw inputError(
			context,
			'ID',
			`a value in the request path is empty, "." or ".." (${quote(path)})`,
			'Check the ID fields of this operation: each must be the ID of one object.',
		);
	}
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * Stops an Update that would change nothing (no Update Field set, no Additional Body Fields) before
 * anything is sent; `example` names a field to suggest, e.g. "Name".
 */
export function requireChange(context: IExecuteSingleFunctions, body: IDataObject, example: string): void {
	if (Object.keys(body).length > 0 || additionalBodyFields(context)) return;
	throw inputError(
		context,
		'Update Fields',
		'no field to change was set',
		`Add at least one field under Update Fields (e.g. ${example}) with the new value.`,
	);
}

/**
 * Runs last before every request: drops what the user left empty, merges the Additional Body Fields
 * (JSON) and Additional Query Parameters (JSON) escape hatches, and leaves no body on requests that
 * have nothing to send. Pagination starts from the query built here, so extra parameters stay on
 * every page.
 */
export async function finalizePeachRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const options = { ...requestOptions };
	checkRequestPath(this, options.url);
	const extraQuery = additionalQueryParameters(this);
	if (options.qs || extraQuery) options.qs = dropUnsetFields({ ...options.qs, ...extraQuery });
	let body = options.body as unknown;
	if (Array.isArray(body) || isPlainObject(body)) body = dropUnsetFields(body);
	body = mergeAdditionalBodyFields(this, body);
	const empty = body === undefined || (isPlainObject(body) && Object.keys(body).length === 0);
	if (empty) delete options.body;
	else options.body = body as IDataObject;
	rememberRequest(this, options);
	return options;
}

/**
 * Hidden parameters that attach the shared request hooks to every operation: the error check must
 * run before any other postReceive, and the finalizer after every operation's own preSend, so one
 * sits first in the node's properties and the other last.
 */
export const responseCheckProperty: INodeProperties = {
	displayName: 'Response Check',
	name: 'peachResponseCheck',
	type: 'hidden',
	default: '',
	routing: { output: { postReceive: [throwOnPeachError] } },
};

export const requestFinalizerProperty: INodeProperties = {
	displayName: 'Request Finalizer',
	name: 'peachRequestFinalizer',
	type: 'hidden',
	default: '',
	routing: { send: { preSend: [finalizePeachRequest] } },
};

/** The escape hatch for fields this node does not know yet: merged into the body as it is. */
export const additionalBodyFieldsProperty: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: ADDITIONAL_BODY_FIELDS,
	type: 'json',
	// An empty JSON editor is marked invalid in the editor; an empty object means the same: nothing extra.
	default: '{}',
	placeholder: 'e.g. {"template_message": {"new_field": "value"}}',
	description:
		'Extra fields added to the request body as they are, for fields Peach supports that this node does not show yet. Nested objects are merged. They cannot replace a field the node sets from its own parameters (those are checked): such a run stops with an error before sending.',
};

/** The escape hatch for list filters this node does not show: added to the query of every page. */
export const additionalQueryParametersProperty: INodeProperties = {
	displayName: 'Additional Query Parameters (JSON)',
	name: ADDITIONAL_QUERY_PARAMETERS,
	type: 'json',
	// An empty JSON editor is marked invalid in the editor; an empty object means the same: nothing extra.
	default: '{}',
	placeholder: 'e.g. {"template_name": "order_confirmation"}',
	description:
		'Extra query parameters sent with every page, for filters Peach supports that this node does not show yet. Each a text, number or true/false value of at most 256 characters.',
};

/**
 * The node's Request Options (the same name and fields n8n gives declarative nodes, so existing
 * workflows keep their settings), plus the bounds of waiting on Peach's rate limit.
 */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			description:
				'Not needed for Peach’s rate limit, which the node follows by itself. Use it to spread the work out on purpose.',
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: -1 },
							default: 50,
							description:
								'Input will be split in batches to throttle requests. -1 for disabled. 0 will be treated as 1.',
						},
						{
							displayName: 'Batch Interval (Ms)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1000,
							description: 'Time (in milliseconds) between each batch of requests. 0 for disabled.',
						},
					],
				},
			],
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://myproxy:3128',
			description:
				'HTTP proxy to use. If authentication is required it can be defined as follow: http://username:password@myproxy:3128.',
		},
		{
			displayName: 'Rate Limit Max Wait (Seconds)',
			name: 'rateLimitMaxWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description:
				'The longest each item may spend waiting for Peach’s rate limit, over all its requests: for its turn in the pace the node keeps for the account, and after a 429 (too many requests), when it waits as Peach asks and sends that request again. Each item fails after at most this much rate-limit waiting, plus the Timeout of one request, with an error saying whether Peach processed anything of it.',
		},
		{
			displayName: 'Rate Limit Retries',
			name: 'rateLimitRetries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 20,
			description:
				'How many times one request is sent again after Peach answered 429 (too many requests) before its item fails. Peach does not process a request it answers 429 to, so this never sends anything twice.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10000,
			description:
				'Time in ms to wait for Peach to start answering each request, and the longest any request of the node may take. An item held up by Peach’s rate limit fails after at most Rate Limit Max Wait plus this Timeout.',
		},
	],
};
