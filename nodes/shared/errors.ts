import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What each path segment of the API is, in the words of the node's parameters. */
const OBJECT_BY_PATH_SEGMENT: Record<string, { label: string; parameter: string; idHint: string }> = {
	broadcasts: { label: 'broadcast', parameter: 'Broadcast', idHint: 'Broadcast IDs start with cmp_' },
	whats_app_templates: {
		label: 'WhatsApp template',
		parameter: 'Template',
		idHint: 'Template IDs start with wat_',
	},
	events: { label: 'event', parameter: 'Event ID', idHint: 'use the event_id a send or launch returned' },
	orders: { label: 'order', parameter: 'Order ID', idHint: "Peach order IDs start with wa_ord_" },
	medias: { label: 'media', parameter: 'Media ID', idHint: 'use the numeric id from Media → Get Many' },
	contacts: { label: 'contact', parameter: 'Phone Number', idHint: 'use the full number with country code, e.g. +919988776655' },
	conversations: {
		label: 'conversation',
		parameter: 'Conversation ID',
		idHint: 'use the numeric id from Conversation → Get Many',
	},
	streams: { label: 'automation', parameter: 'Automation', idHint: 'Automation IDs start with strm_' },
	triggers: {
		label: 'automation trigger',
		parameter: 'Trigger ID',
		idHint: 'Trigger IDs start with trig_; Automation Trigger → Get Many lists them',
	},
};

/**
 * Peach's machine-readable error codes (the `code` key of an error body) and what the user must do
 * about each, mostly in the Peach dashboard. beyond-the-36.md, "Create a trigger" → Errors: these four
 * are documented for trigger creation; any endpoint that returns one gets the same advice.
 */
const ADVICE_BY_ERROR_CODE: Record<string, { message: string; description: string }> = {
	event_source_not_connected: {
		message: "The condition's integration is not connected to this Peach account",
		description:
			'Connect the integration (for example Shopify) in the Peach dashboard (app.trypeach.ai, Integrations), then run again. The API cannot connect it for you.',
	},
	condition_ambiguous: {
		message: 'More than one connected integration has a condition with this name',
		description:
			'Set Additional Fields → Source to the integration to use (for example peach_shopify). Condition → Get Many, or the condition library in the Peach dashboard, shows the source of each condition.',
	},
	condition_not_found: {
		message: 'Peach has no condition with this name or ID',
		description:
			'Pick the condition from the list, or copy its exact name from Condition → Get Many (the condition library in the Peach dashboard). An Expression ID starts with exp_.',
	},
	missing_variables: {
		message: 'The condition needs variables that were not given',
		description:
			'Add every variable the condition lists (Condition → Get Many shows them under variables, for example key_path and value) under Variables, with a value each.',
	},
};

/** The `code` of an error body ({code: "condition_ambiguous", ...}), parsed from text when needed. */
function errorCode(body: unknown): string | undefined {
	let data = body;
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return undefined;
		}
	}
	const code = data && typeof data === 'object' ? (data as IDataObject).code : undefined;
	return typeof code === 'string' ? code : undefined;
}

/** Flattens Peach's nested `reason` objects ({contact: {phone_number: ["is invalid"]}}) into readable text. */
function flattenReason(reason: unknown, path: string[] = []): string[] {
	if (reason === null || reason === undefined || reason === '') return [];
	if (typeof reason === 'string' || typeof reason === 'number' || typeof reason === 'boolean') {
		return [path.length ? `${path.join('.')} ${String(reason)}` : String(reason)];
	}
	if (Array.isArray(reason)) {
		if (reason.every((entry) => typeof entry !== 'object' || entry === null)) {
			const text = reason.map(String).join(', ');
			return text ? [path.length ? `${path.join('.')} ${text}` : text] : [];
		}
		return reason.flatMap((entry, index) => flattenReason(entry, [...path, String(index)]));
	}
	return Object.entries(reason as IDataObject).flatMap(([key, value]) =>
		flattenReason(value, [...path, key]),
	);
}

/** Peach's own words from an error body, whatever shape it came in (JSON or text). */
export function peachReason(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (Buffer.isBuffer(body)) return peachReason(body.toString('utf8'));
	if (typeof body === 'string') {
		const text = body.trim();
		try {
			return peachReason(JSON.parse(text));
		} catch {
			return text.length > 300 ? `${text.slice(0, 300)}…` : text;
		}
	}
	if (typeof body !== 'object') return String(body);
	const data = body as IDataObject;
	const parts = [data.reason, data.errors, data.error, data.message, data.detail]
		.flatMap((value) => flattenReason(value))
		.filter((part, index, all) => all.indexOf(part) === index);
	if (parts.length) return parts.join('; ');
	return JSON.stringify(data).slice(0, 300);
}

function describeTarget(path: string): { segment?: string; id?: string } {
	const parts = path.split('?')[0].split('/').filter(Boolean);
	const apiIndex = parts.indexOf('v1');
	const segment = parts[apiIndex + 1];
	const id = parts[apiIndex + 2];
	return { segment, id: id ? decodeURIComponent(id) : undefined };
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key ? String(headers[key]) : undefined;
}

export interface PeachErrorContext {
	statusCode: number;
	body: unknown;
	headers?: IDataObject;
	/** The request path, e.g. /api/v1/broadcasts/cmp_1/archive: it tells which object a 404 is about. */
	path?: string;
	itemIndex?: number;
	secrets?: string[];
}

/** Turns a non-2xx Peach answer into an error that says what happened and what to do next. */
export function peachApiError(node: INode, context: PeachErrorContext): NodeApiError {
	const { statusCode, body, headers, path = '', itemIndex } = context;
	let reason = peachReason(body);
	let message: string;
	let description: string;
	const { segment, id } = describeTarget(path);
	const target = segment ? OBJECT_BY_PATH_SEGMENT[segment] : undefined;
	const code = errorCode(body);
	const advice =
		code && statusCode !== 429 && Object.prototype.hasOwnProperty.call(ADVICE_BY_ERROR_CODE, code)
			? ADVICE_BY_ERROR_CODE[code]
			: undefined;

	if (advice) {
		message = `${advice.message} (${statusCode} ${code}${reason ? `: ${reason}` : ''})`;
		description = advice.description;
	} else if (statusCode === 401) {
		message = `Peach did not accept the API key (401${reason ? `: ${reason}` : ''})`;
		description =
			'Check the Peach API credential: copy the API key again from the Peach dashboard (Settings → API) with no spaces or "Bearer" prefix, and make sure the Base URL is your Peach address (https://app.trypeach.ai by default).';
	} else if (statusCode === 403) {
		message = `Peach refused this action for this API key (403${reason ? `: ${reason}` : ''})`;
		description = 'Check in the Peach dashboard that the API key may use this part of the API.';
	} else if (statusCode === 404) {
		message =
			target && id
				? `Peach has no ${target.label} with ID "${id}" (404${reason ? `: ${reason}` : ''})`
				: `Peach could not find what was asked for (404${reason ? `: ${reason}` : ''})`;
		description = target
			? `Check the ${target.parameter} parameter: pick it from the list or paste an existing ID (${target.idHint}).`
			: 'Check the IDs in the parameters, and that the Base URL in the credential is your Peach address.';
	} else if (statusCode === 422) {
		message = `Peach rejected the request (422): ${reason || 'invalid parameters'}`;
		description =
			'Peach named the field it did not accept above. Correct the parameter of that name (or the key in Additional Body Fields (JSON)) and run again.';
	} else if (statusCode === 429) {
		const retryAfter = headerValue(headers, 'retry-after');
		message = `Peach is rate limiting requests (429${reason ? `: ${reason}` : ''})`;
		description = `Slow down${retryAfter ? ` (Peach asks to wait ${retryAfter} s)` : ''}: in this node's Request Options turn on Batching (for example 10 items per batch, 1000 ms between batches), or enable Retry On Fail in the node's settings.`;
	} else if (statusCode >= 500) {
		message = `Peach is failing to answer (${statusCode}${reason ? `: ${reason}` : ''})`;
		description =
			'This is a problem on Peach’s side. Retry later; Retry On Fail in the node settings rides out short outages.';
	} else {
		message = `Peach answered ${statusCode}${reason ? `: ${reason}` : ''}`;
		description = 'Check the parameters of this operation against the Peach API documentation.';
	}

	for (const secret of context.secrets ?? []) {
		if (secret && secret.length >= 4) {
			message = message.split(secret).join('***');
			reason = reason.split(secret).join('***');
		}
	}
	if (itemIndex !== undefined) message = `${message} [item ${itemIndex}]`;

	const errorBody: JsonObject =
		body && typeof body === 'object' && !Buffer.isBuffer(body)
			? { ...(body as JsonObject) }
			: { body: reason };
	return new NodeApiError(node, errorBody, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * The full response a postReceive gets does not say which URL was called, but a 404 message needs it.
 * preSend and postReceive of one item share their context object, so the URL is kept per context.
 */
const requestPathByContext = new WeakMap<object, string>();

export function rememberRequestPath(context: object, url: string | undefined): void {
	if (url) requestPathByContext.set(context, url);
}

/** Items whose operation asked for "not found" to be an empty result (e.g. Contact → Get's option). */
const notFoundAsEmptyByContext = new WeakSet<object>();

/** Called from a preSend: a 404 answer to this item's request becomes one empty item instead of an error. */
export function treatNotFoundAsEmpty(context: object): void {
	notFoundAsEmptyByContext.add(context);
}

/** postReceive for every operation: requests are sent with ignoreHttpStatusErrors, so failures surface here. */
export async function throwOnPeachError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode < 400) return items;
	if (response.statusCode === 404 && notFoundAsEmptyByContext.has(this)) return [{ json: {} }];
	let apiKey = '';
	try {
		apiKey = (await this.getCredentials<{ apiKey?: string }>('peachApi')).apiKey ?? '';
	} catch {
		// Without the credential there is no key that could leak into the message.
		apiKey = '';
	}
	throw peachApiError(this.getNode(), {
		statusCode: response.statusCode,
		body: response.body,
		headers: response.headers as IDataObject,
		path: requestPathByContext.get(this) ?? '',
		itemIndex: this.getItemIndex(),
		secrets: [apiKey],
	});
}
