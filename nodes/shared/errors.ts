import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { BASE_URL_FIELD } from './baseUrl';

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

/** What a create may have done, and how to check it without sending it again, by request path. */
function createdAndCheck(path: string, body: unknown): [string, string] {
	const eventType = (body as IDataObject | undefined)?.event_type;
	if (/\/streams\/[^/]+\/events/.test(path)) {
		return [
			'started the automation for this contact',
			"check the automation's runs in the Peach dashboard",
		];
	}
	if (path.includes('/triggers'))
		return ['added the trigger', 'check with Automation Trigger → Get Many'];
	if (path.includes('/streams'))
		return ['created the automation', 'check with Automation → Get Many'];
	if (path.includes('/events')) {
		if (eventType === 'send_broadcast')
			return ['launched the broadcast', 'check with Broadcast → Get Many'];
		if (eventType === 'assign_agent' || eventType === 'close_conversation') {
			return ['applied the change', 'check the conversation with Conversation → Get Many'];
		}
		return ['sent the message', 'check with Template Message → Get Status / Get Many'];
	}
	if (path.includes('/refunds')) return ['created the refund', 'check with Order → Get'];
	if (path.includes('/orders')) return ['created the order', 'check with Order → Get'];
	if (path.includes('/contacts')) return ['saved the contact', 'check with Contact → Get'];
	if (path.includes('/medias')) return ['stored the media', 'check with Media → Get Many'];
	if (path.includes('/whats_app_templates'))
		return ['saved the template', 'check with WhatsApp Template → Get Many'];
	return ['processed the request', 'check in Peach'];
}

/** The sentence every "may have been processed" error ends with: what to check, and what not to do. */
export function mayHaveBeenProcessed(path: string, body?: unknown): string {
	const [created, check] = createdAndCheck(path, body);
	return `Peach may have ${created}: ${check} before sending again. This node did not resend it, and does not on Retry On Fail either.`;
}

/**
 * Every string inside `value` with each secret replaced by ***: error bodies, messages and headers
 * are scrubbed before n8n can store or log them, whatever Peach echoed back.
 */
export function scrubSecrets<T>(value: T, secrets: string[]): T {
	const real = secrets.filter((secret) => secret && secret.length >= 4);
	if (!real.length) return value;
	const scrub = (input: unknown, depth: number): unknown => {
		if (typeof input === 'string') {
			return real.reduce((text, secret) => text.split(secret).join('***'), input);
		}
		if (depth > 20 || input === null || typeof input !== 'object' || Buffer.isBuffer(input))
			return input;
		if (Array.isArray(input)) return input.map((entry) => scrub(entry, depth + 1));
		const result: IDataObject = {};
		for (const [key, entry] of Object.entries(input as IDataObject)) {
			result[key] = (
				/^(authorization|x-api-key|api[-_]?key)$/i.test(key) ? '***' : scrub(entry, depth + 1)
			) as IDataObject[string];
		}
		return result;
	};
	return scrub(value, 0) as T;
}

/** A change Peach accepted for an item: the request's path and body. */
export interface AcceptedChange {
	path: string;
	body?: unknown;
}

/** Said of a request Peach did not process, when Peach had accepted an earlier change of the same item. */
export function alreadyAccepted(accepted: AcceptedChange): string {
	const [created, check] = createdAndCheck(accepted.path, accepted.body);
	return `Peach did not process this request, but it had already ${created} for this item, and running the item again would do that again: ${check} instead.`;
}

/**
 * A Base URL that cannot be right, refused before anything is sent: which field, what is wrong
 * with it and how to fix it. The key is scrubbed in case it was pasted into the wrong field.
 */
export function baseUrlError(
	node: INode,
	check: { problem: string; fix: string },
	itemIndex: number | undefined,
	secrets: string[],
): NodeOperationError {
	let message = scrubSecrets(`${BASE_URL_FIELD}: ${check.problem}`, secrets);
	if (itemIndex !== undefined) message = `${message} [item ${itemIndex}]`;
	return new NodeOperationError(node, message, {
		description: `Nothing was sent. ${scrubSecrets(check.fix, secrets)}`,
		itemIndex,
	});
}

/**
 * The error of an item that waited for Peach's rate limit as long as Request Options allow: the
 * last request was refused with 429 (`response`), or no turn came for it in time (never sent).
 * Either way Peach did not process that request; whether the item may simply run again depends on
 * whether Peach had accepted an earlier change of it (a send followed by Wait for Delivery).
 */
export function rateLimitError(
	node: INode,
	context: {
		itemIndex?: number;
		waitedMs: number;
		response?: { body: unknown };
		accepted?: AcceptedChange;
		secrets: string[];
	},
): NodeApiError {
	const { itemIndex, response, accepted, secrets } = context;
	const waited = `after waiting ${Math.round(context.waitedMs / 1000)} s`;
	const reason = response ? peachReason(response.body) : '';
	let message = response
		? `Peach kept refusing this request for its rate limit (429${reason ? `: ${reason}` : ''}), ${waited}`
		: `Peach’s rate limit gave this request no turn within Rate Limit Max Wait, ${waited}`;
	if (itemIndex !== undefined) message = `${message} [item ${itemIndex}]`;
	const processed = accepted
		? alreadyAccepted(accepted)
		: 'Peach did not process this item, so running it again sends nothing twice.';
	const description = `${processed} The node waits and resends on 429 by itself, within Request Options → Rate Limit Retries and Rate Limit Max Wait: raise those, set a lower Max Requests per Second in the credential if other systems share this account, or run fewer items at once.`;
	return new NodeApiError(node, { body: scrubSecrets(reason, secrets) } as JsonObject, {
		message: scrubSecrets(message, secrets),
		description,
		httpCode: response ? '429' : 'none',
		itemIndex,
	});
}

export interface PeachErrorContext {
	statusCode: number;
	body: unknown;
	headers?: IDataObject;
	/** The request path, e.g. /api/v1/broadcasts/cmp_1/archive: it tells which object a 404 is about. */
	path?: string;
	itemIndex?: number;
	secrets?: string[];
	/** The request's method: a 5xx on anything but a read may have been processed. */
	method?: string;
	/** The request's body, to say what a create may have done. */
	requestBody?: unknown;
}

/** Turns a non-2xx Peach answer into an error that says what happened and what to do next. */
export function peachApiError(node: INode, context: PeachErrorContext): NodeApiError {
	const { statusCode, body, path = '', itemIndex } = context;
	const reason = peachReason(body);
	let message: string;
	let description: string;
	const { segment, id } = describeTarget(path);
	const target = segment ? OBJECT_BY_PATH_SEGMENT[segment] : undefined;
	const code = errorCode(body);
	const advice =
		code && Object.prototype.hasOwnProperty.call(ADVICE_BY_ERROR_CODE, code)
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
	} else if (statusCode >= 500) {
		message = `Peach is failing to answer (${statusCode}${reason ? `: ${reason}` : ''})`;
		description =
			(context.method ?? 'GET').toUpperCase() === 'GET'
				? 'This is a problem on Peach’s side; the node already tried again. Retry later.'
				: `This is a problem on Peach’s side. ${mayHaveBeenProcessed(path, context.requestBody)}`;
	} else {
		message = `Peach answered ${statusCode}${reason ? `: ${reason}` : ''}`;
		description = 'Check the parameters of this operation against the Peach API documentation.';
	}

	const secrets = context.secrets ?? [];
	message = scrubSecrets(message, secrets);
	if (itemIndex !== undefined) message = `${message} [item ${itemIndex}]`;

	const errorBody = scrubSecrets(
		body && typeof body === 'object' && !Buffer.isBuffer(body)
			? { ...(body as JsonObject) }
			: { body: reason },
		secrets,
	) as JsonObject;
	return new NodeApiError(node, errorBody, {
		message,
		description: scrubSecrets(description, secrets),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * The full response a postReceive gets does not say which request was sent, but a 404 message needs
 * its path and a 5xx message its method. preSend and postReceive of one item share their context
 * object, so the request is kept per context.
 */
const requestByContext = new WeakMap<object, { url?: string; method?: string; body?: unknown }>();

export function rememberRequest(
	context: object,
	request: { url?: string; method?: string; body?: unknown },
): void {
	requestByContext.set(context, {
		url: request.url,
		method: request.method,
		body: request.body,
	});
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
	const request = requestByContext.get(this);
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
		path: request?.url ?? '',
		method: request?.method,
		requestBody: request?.body,
		itemIndex: this.getItemIndex(),
		secrets: [apiKey],
	});
}
