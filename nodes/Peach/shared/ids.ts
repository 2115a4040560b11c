import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { inputError } from './validation';

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

/** Checks one of Peach's integer IDs the caller already read (e.g. a filter); returns it trimmed. */
export function checkNumericId(
	context: IExecuteSingleFunctions,
	value: unknown,
	displayName: string,
	fix: string,
): string {
	const id = String(value ?? '').trim();
	if (!/^\d+$/.test(id)) {
		throw inputError(context, displayName, id ? `"${id}" is not a valid ID` : 'is empty', fix);
	}
	return id;
}

/** Reads Peach's order ID for a path: trimmed and URL-encoded. */
export function readOrderId(context: IExecuteSingleFunctions): string {
	const id = String(context.getNodeParameter('orderId', '') ?? '').trim();
	if (!id) {
		throw inputError(
			context,
			'Order ID',
			'is empty',
			"Enter Peach's order ID (it starts with wa_ord_), e.g. from the output of Order → Create.",
		);
	}
	if (/[\s/?#]/.test(id)) {
		throw inputError(
			context,
			'Order ID',
			`"${id}" is not an order ID`,
			"Enter only Peach's order ID, e.g. wa_ord_1234abcd, without spaces or slashes.",
		);
	}
	// UNCERTAIN (Find order by ID): whether your own reference_id is accepted here too; it is passed as is.
	return encodeURIComponent(id);
}
