import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Where parameters are checked: for one item of an operation, or in a poll (which has no items). */
export type ValidationContext = IExecuteSingleFunctions | IPollFunctions;

/**
 * An input error raised before anything is sent: it names the parameter, says what is wrong and
 * how to fix it, and carries the item it came from (a poll has none).
 */
export function inputError(
	context: ValidationContext,
	parameter: string,
	problem: string,
	fix: string,
): NodeOperationError {
	if (!('getItemIndex' in context)) {
		return new NodeOperationError(context.getNode(), `${parameter}: ${problem}`, { description: fix });
	}
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(context.getNode(), `${parameter}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: fix,
	});
}

const E164 = /^\+[1-9]\d{7,14}$/;

/** A number as typed or mapped, and its E.164 form when it has one. */
function toE164(value: unknown): { raw: string; phone: string; valid: boolean } {
	const raw = typeof value === 'number' ? `+${value}` : String(value ?? '').trim();
	const phone = raw.replace(/[\s\-.()]/g, '').replace(/^00/, '+');
	return { raw, phone, valid: E164.test(phone) };
}

/** Peach wants E.164: '+' then 8 to 15 digits. Spaces, dashes, dots and brackets people type are dropped. */
export function normalizePhoneNumber(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
): string {
	const { raw, phone, valid } = toE164(value);
	if (!phone) {
		throw inputError(context, parameter, 'is empty', 'Enter the full phone number with country code, e.g. +919988776655.');
	}
	if (!valid) {
		throw inputError(
			context,
			parameter,
			`"${raw}" is not a phone number in international format`,
			'Write it as + then the country code and number, 8 to 15 digits in all, e.g. +919988776655.',
		);
	}
	return phone;
}

/**
 * Checks every number of a list before anything is sent and returns them in E.164; the error gives
 * the index (from 0) of each bad one, the first five of them.
 */
export function normalizePhoneNumbers(
	context: ValidationContext,
	values: unknown[],
	parameter: string,
): string[] {
	const bad: string[] = [];
	const phones = values.map((value, index) => {
		const { raw, phone, valid } = toE164(value);
		if (!valid) bad.push(raw ? `index ${index}: "${raw}"` : `index ${index}: none given`);
		return phone;
	});
	if (bad.length) {
		const shown = bad.slice(0, 5).join('; ') + (bad.length > 5 ? `; and ${bad.length - 5} more` : '');
		throw inputError(
			context,
			parameter,
			`${bad.length} of ${values.length} phone numbers are not in international format (${shown})`,
			'Write each as + then the country code and number, 8 to 15 digits in all, e.g. +919988776655. Indexes count from 0, in the order of the list.',
		);
	}
	return phones;
}

/** preSend of the lists with a Phone Number filter: the number the routing put in the query, checked and normalised. */
export async function checkPhoneNumberFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phone = requestOptions.qs?.phone_number;
	if (phone !== undefined && phone !== '') {
		requestOptions.qs = {
			...requestOptions.qs,
			phone_number: normalizePhoneNumber(this, phone, 'Filters → Phone Number'),
		};
	}
	return requestOptions;
}

/**
 * Reads a JSON parameter that may hold a JSON string (typed in the editor) or an object/array
 * (from an expression), and says which parameter is wrong when it does not parse.
 */
export function parseJsonParameter<T = IDataObject>(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
	expected: 'object' | 'array',
): T | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(
				context,
				parameter,
				`is not valid JSON (${(error as Error).message})`,
				expected === 'array'
					? 'Enter a JSON array, e.g. [{"phone_number": "+919988776655"}], or map an expression that returns a list.'
					: 'Enter a JSON object, e.g. {"key": "value"}, or map an expression that returns an object.',
			);
		}
	}
	const isArray = Array.isArray(parsed);
	if (expected === 'array' ? !isArray : isArray || typeof parsed !== 'object' || parsed === null) {
		throw inputError(
			context,
			parameter,
			`must be a JSON ${expected}, got ${isArray ? 'an array' : typeof parsed}`,
			expected === 'array'
				? 'Wrap the entries in [ ], e.g. [{"phone_number": "+919988776655"}].'
				: 'Use { } with key/value pairs, e.g. {"key": "value"}.',
		);
	}
	return parsed as T;
}

/** Money and counts are whole numbers for Peach (amounts in minor units: 12000 = 120.00). */
export function requireInteger(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
	fix = 'Amounts are whole numbers in minor units: 12000 means 120.00.',
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		throw inputError(context, parameter, `"${String(value)}" is not a whole number`, fix);
	}
	return number;
}

function isUnset(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object' && !Buffer.isBuffer(value)) return Object.keys(value).length === 0;
	return false;
}

/** Objects the user wrote as a whole (e.g. an automation's step graph), where null and {} mean something. */
const verbatimValues = new WeakSet<object>();

/** Marks a JSON value the user wrote as a whole: dropUnsetFields keeps it exactly as it is. */
export function keepAsIs<T extends object>(value: T): T {
	verbatimValues.add(value);
	return value;
}

/**
 * Removes what the user left empty (undefined, null, '', empty objects and lists), at every depth,
 * so that an optional field never reaches Peach unless it was set. false and 0 are values; so is
 * everything inside a value marked with keepAsIs.
 */
export function dropUnsetFields<T>(value: T): T {
	if (value && typeof value === 'object' && verbatimValues.has(value)) return value;
	if (Array.isArray(value)) {
		return value.map((entry) => dropUnsetFields(entry)).filter((entry) => !isUnset(entry)) as T;
	}
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const result: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			const cleaned = dropUnsetFields(entry);
			if (!isUnset(cleaned)) result[key] = cleaned;
		}
		return result as T;
	}
	return value;
}

/** Key/value pairs from a fixedCollection ({ values: [{ key, value }] }) as one object. */
export function keyValuePairs(collection: unknown): IDataObject | undefined {
	const entries = (collection as { values?: Array<{ key?: string; value?: unknown }> })?.values;
	if (!Array.isArray(entries) || entries.length === 0) return undefined;
	const result: IDataObject = {};
	for (const { key, value } of entries) {
		if (key) result[key] = value as IDataObject[string];
	}
	return Object.keys(result).length ? result : undefined;
}
