import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { rememberRequestPath, throwOnPeachError } from '../../shared/errors';
import { dropUnsetFields, inputError, parseJsonParameter } from '../../shared/validation';

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
	const extraQuery = parseJsonParameter(
		this,
		this.getNodeParameter(ADDITIONAL_QUERY_PARAMETERS, ''),
		'Additional Query Parameters (JSON)',
		'object',
	);
	if (options.qs || extraQuery) options.qs = dropUnsetFields({ ...options.qs, ...extraQuery });
	let body = options.body as unknown;
	if (Array.isArray(body) || isPlainObject(body)) body = dropUnsetFields(body);
	const extra = additionalBodyFields(this);
	if (extra) body = deepMerge(isPlainObject(body) ? body : {}, extra);
	const empty = body === undefined || (isPlainObject(body) && Object.keys(body).length === 0);
	if (empty) delete options.body;
	else options.body = body as IDataObject;
	rememberRequestPath(this, options.url);
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
		'Extra fields merged into the request body as they are, for fields Peach supports that this node does not show yet. Nested objects are merged, not replaced.',
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
		'Extra query parameters sent with every page, for filters Peach supports that this node does not show yet',
};
