import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { inputError, MAX_ID_LENGTH, quote } from '../../shared/validation';

/**
 * Refuses what must never become a path segment, whatever the ID's format: nothing (after
 * trimming), `.` or `..` (they move the request to another endpoint: Refund with `..` would post to
 * /api/v1/refunds), and more than MAX_ID_LENGTH characters (a 100 KB ID ends in a 431 from the
 * server). Every reader of an ID that goes into a path calls it. Returns the value as text, trimmed.
 */
export function checkPathSegment(
	context: IExecuteSingleFunctions,
	value: unknown,
	displayName: string,
	fix: string,
): string {
	const id = String(value ?? '').trim();
	if (!id) throw inputError(context, displayName, 'is empty', fix);
	if (id === '.' || id === '..') throw inputError(context, displayName, `${quote(id)} is not an ID`, fix);
	if (id.length > MAX_ID_LENGTH) {
		throw inputError(
			context,
			displayName,
			`is ${id.length} characters long, more than any ID (at most ${MAX_ID_LENGTH})`,
			fix,
		);
	}
	return id;
}

/** Reads a resource locator (or plain field) that holds one of Peach's integer IDs. */
export function readNumericId(
	context: IExecuteSingleFunctions,
	parameterName: string,
	displayName: string,
	fix: string,
): string {
	const raw = context.getNodeParameter(parameterName, '', { extractValue: true });
	return checkNumericId(context, raw, displayName, fix);
}

/** Reads the Conversation picker (From List or By ID): a conversation ID is a whole number. */
export function readConversationId(context: IExecuteSingleFunctions): string {
	return readNumericId(
		context,
		'conversation',
		'Conversation',
		'Pick the conversation from the list, or enter its numeric ID (the "id" of Conversation → Get Many), e.g. 1024.',
	);
}

/** Checks one of Peach's integer IDs the caller already read (e.g. a filter); returns it trimmed. */
export function checkNumericId(
	context: IExecuteSingleFunctions,
	value: unknown,
	displayName: string,
	fix: string,
): string {
	const id = checkPathSegment(context, value, displayName, fix);
	if (!/^\d+$/.test(id)) throw inputError(context, displayName, `${quote(id)} is not a valid ID`, fix);
	return id;
}

/**
 * Reads an ID with no documented format that goes into a path: only what cannot be a path
 * segment (spaces, slashes, ? and #) is refused.
 */
export function readPathSegmentId(
	context: IExecuteSingleFunctions,
	parameterName: string,
	displayName: string,
	what: string,
	fix: string,
): string {
	const id = checkPathSegment(context, context.getNodeParameter(parameterName, ''), displayName, fix);
	if (/[\s/?#]/.test(id)) throw inputError(context, displayName, `${quote(id)} is not ${what}`, fix);
	return id;
}

/** Reads Peach's order ID (for Order → Get and Refund). */
export function readOrderId(context: IExecuteSingleFunctions): string {
	// UNCERTAIN (Find order by ID): whether your own reference_id is accepted here too; it is passed as is.
	return readPathSegmentId(
		context,
		'orderId',
		'Order ID',
		'an order ID',
		"Enter only Peach's order ID (it starts with wa_ord_), e.g. wa_ord_1234abcd from the output of Order → Create.",
	);
}

/**
 * preSend of the operations on one object: the ID `readId` checks goes into `path` at `{id}`,
 * URL-encoded, e.g. pathWithId('/api/v1/broadcasts/{id}/cancel', readBroadcastId).
 */
export function pathWithId(path: string, readId: (context: IExecuteSingleFunctions) => string) {
	return async function setPathWithId(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.url = path.replace('{id}', encodeURIComponent(readId(this)));
		return requestOptions;
	};
}
