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
 * The longest ID (or query parameter) the node sends. Peach's IDs are a few dozen characters; a
 * value far past this is a mistake, and in a URL it ends in a 431 instead of a readable error.
 */
export const MAX_ID_LENGTH = 256;

/** How much of a value an error message repeats: enough to recognise it, never a whole 100 KB paste. */
export const ECHO_LIMIT = 80;

/** A value as an error message quotes it, cut at ECHO_LIMIT characters with its full length said. */
export function quote(value: unknown, limit = ECHO_LIMIT): string {
	const text = typeof value === 'string' ? value : String(value);
	return text.length > limit ? `"${text.slice(0, limit)}…" (${text.length} characters)` : `"${text}"`;
}

/** Quoted values longer than ECHO_LIMIT, in messages that quote them as "…". */
const LONG_QUOTE = new RegExp(`"([^"]{${ECHO_LIMIT + 1},})"`, 'g');

/** Caps every quoted value of a message, so no message repeats an oversized input whole. */
function capEchoes(text: string): string {
	const capped = text.replace(LONG_QUOTE, (_match, inner: string) => quote(inner));
	// A value echoed without quotes is cut with the whole text, still past anything useful to read.
	return capped.length > 600 ? `${capped.slice(0, 600)}…` : capped;
}

/**
 * An input error raised before anything is sent: it names the parameter, says what is wrong and
 * how to fix it, and carries the item it came from (a poll has none). Values quoted in the
 * problem are capped.
 */
export function inputError(
	context: ValidationContext,
	parameter: string,
	problem: string,
	fix: string,
): NodeOperationError {
	if (!('getItemIndex' in context)) {
		return new NodeOperationError(context.getNode(), `${parameter}: ${capEchoes(problem)}`, {
			description: capEchoes(fix),
		});
	}
	const itemIndex = context.getItemIndex();
	const message = `${parameter}: ${capEchoes(problem)}`;
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description: capEchoes(fix),
	});
}

/** Where the first line break or other control character (U+0000 to U+001F, U+007F) is, or -1. */
function controlCharacterIndex(value: string): number {
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return index;
	}
	return -1;
}

/** What a control character is, in words a user recognises. */
function describeControlCharacter(character: string): string {
	if (character === '\r') return 'a line break (CR)';
	if (character === '\n') return 'a line break (LF)';
	if (character === '\t') return 'a tab';
	return `a control character (U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Refuses a line break (CR or LF) or any other control character in `value`, wherever it is. A
 * name, an ID or a filter never holds one; a value mapped from a file or a form often ends in one
 * unnoticed, and it would reach Peach as part of the value.
 */
export function refuseControlCharacters(
	context: ValidationContext,
	value: string,
	parameter: string,
	fix: string,
): void {
	const index = controlCharacterIndex(value);
	if (index === -1) return;
	// JSON escapes show the character (\r, \n) instead of breaking the message's line.
	throw inputError(
		context,
		parameter,
		`${quote(JSON.stringify(value).slice(1, -1))} contains ${describeControlCharacter(value[index])} at character ${index + 1}`,
		`${fix} Remove the line break or control character; for a mapped value, .trim() in the expression removes one at either end, e.g. {{ $json.name.trim() }}.`,
	);
}

/**
 * The check of every value the node puts into a URL, as a path segment or a query value: at most
 * MAX_ID_LENGTH characters (a 100 KB value ends in a 431 from the server instead of a readable
 * error) and no line breaks or other control characters. Returns the value as text.
 */
export function checkUrlValue(
	context: ValidationContext,
	value: unknown,
	parameter: string,
	fix: string,
): string {
	const text = String(value ?? '');
	if (text.length > MAX_ID_LENGTH) {
		throw inputError(
			context,
			parameter,
			`is ${text.length} characters long, more than a value in a URL may be (at most ${MAX_ID_LENGTH})`,
			fix,
		);
	}
	refuseControlCharacters(context, text, parameter, fix);
	return text;
}

const E164 = /^\+[1-9]\d{7,14}$/;

/** Why a value is not a phone number, when it is a number or has a minus sign in front. */
function numberProblem(value: unknown, raw: string): string | undefined {
	// The minus sign must be caught here: below, dashes are dropped as separators, which would turn
	// -919988776655 into the valid-looking +919988776655.
	if (typeof value === 'number' ? value < 0 : /^\+?\s*-/.test(raw)) return 'a negative number';
	if (typeof value === 'number' && !Number.isSafeInteger(value)) return 'not a whole number';
	return undefined;
}

/** A number as typed or mapped, its E.164 form when it has one, and why it is not one if that is known. */
function toE164(value: unknown): { raw: string; phone: string; valid: boolean; problem?: string } {
	const raw = typeof value === 'number' ? (value < 0 ? String(value) : `+${value}`) : String(value ?? '').trim();
	const problem = numberProblem(value, raw);
	const phone = raw.replace(/[\s\-.()]/g, '').replace(/^00/, '+');
	return { raw, phone, valid: !problem && E164.test(phone), problem };
}

/** How to write a phone number ("it") or each of a list ("each"), and where a negative one usually comes from. */
function phoneFix(problem: string | undefined, subject: 'it' | 'each'): string {
	const format = `Write ${subject} as + then the country code and number, 8 to 15 digits in all, e.g. +919988776655.`;
	if (!problem) return format;
	return `A phone number has no minus sign, decimals or exponent. ${format} If it is mapped, map it as text: a formula or a spreadsheet column that holds it as a number can change it.`;
}

/** Peach wants E.164: '+' then 8 to 15 digits. Spaces, dashes, dots and brackets people type are dropped. */
export function normalizePhoneNumber(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
): string {
	const { raw, phone, valid, problem } = toE164(value);
	if (!phone) {
		throw inputError(context, parameter, 'is empty', 'Enter the full phone number with country code, e.g. +919988776655.');
	}
	if (!valid) {
		throw inputError(
			context,
			parameter,
			problem
				? `${quote(raw)} is not a phone number: it is ${problem}`
				: `"${raw}" is not a phone number in international format`,
			phoneFix(problem, 'it'),
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
	let problem: string | undefined;
	const phones = values.map((value, index) => {
		const entry = toE164(value);
		if (!entry.valid) {
			const why = entry.problem ? ` (${entry.problem})` : '';
			bad.push(entry.raw ? `index ${index}: "${entry.raw}"${why}` : `index ${index}: none given`);
			problem ??= entry.problem;
		}
		return entry.phone;
	});
	if (bad.length) {
		const shown = bad.slice(0, 5).join('; ') + (bad.length > 5 ? `; and ${bad.length - 5} more` : '');
		throw inputError(
			context,
			parameter,
			`${bad.length} of ${values.length} phone numbers are not in international format (${shown})`,
			`${phoneFix(problem, 'each')} Indexes count from 0, in the order of the list.`,
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
	context: ValidationContext,
	value: unknown,
	parameter: string,
	fix = 'Amounts are whole numbers in minor units: 12000 means 120.00.',
	min?: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		throw inputError(context, parameter, `${quote(typeof value === 'object' ? safeJson(value) : value)} is not a whole number`, fix);
	}
	// Past 2^53 a number is no longer exact: 2^53 + 2 would reach Peach as another amount.
	if (!Number.isSafeInteger(number)) {
		throw inputError(context, parameter, `${quote(value)} is too large (at most ${Number.MAX_SAFE_INTEGER})`, fix);
	}
	if (min !== undefined && number < min) {
		throw inputError(context, parameter, `${number} is below ${min}`, fix);
	}
	return number;
}

/** An amount of money: a whole, non-negative number of minor units (12000 = 120.00). */
export function requireAmount(
	context: ValidationContext,
	value: unknown,
	parameter: string,
	fix = 'Amounts are whole numbers from 0, in minor units: 12000 means 120.00.',
): number {
	return requireInteger(context, value, parameter, fix, 0);
}

/** A value as JSON for an error message, or as text when it cannot be (a cycle). */
export function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

// ---------------------------------------------------------------------------------------------
// Dates and times
// ---------------------------------------------------------------------------------------------

/** ISO 8601 as people and n8n's date picker write it: date, optional time, optional zone. */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The offset (ms) of `timeZone` from UTC at the instant `utc`. */
function zoneOffset(timeZone: string, utc: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(utc));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wallClock - (utc - (((utc % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time (given as if it were UTC) stands for in `timeZone`. */
function wallClockToInstant(wallClock: number, timeZone: string): number {
	const first = wallClock - zoneOffset(timeZone, wallClock);
	const second = wallClock - zoneOffset(timeZone, first);
	return first === second ? first : second;
}

/** The workflow's time zone (Settings → Timezone), the one n8n's date picker values are in. */
function workflowTimeZone(context: ValidationContext): string {
	const zone = context.getTimezone?.();
	try {
		if (zone) new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone || 'UTC';
	} catch {
		return 'UTC';
	}
}

/**
 * A date-time as Peach wants it: ISO 8601 in UTC with Z, e.g. 2026-12-02T09:43:25.000Z. A value without
 * a zone (what n8n's date picker gives) is a wall-clock time in the workflow's time zone; a value
 * with Z or an offset is kept as that instant; n8n date objects ($now, DateTime) are taken as they
 * are. Anything else is an input error naming the parameter. Returns undefined when left empty.
 */
export function toUtcDateTime(
	context: ValidationContext,
	value: unknown,
	parameter: string,
): { iso: string; time: number } | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let time: number | undefined;
	if (value instanceof Date) {
		time = value.getTime();
	} else if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		time = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (!text) return undefined;
		const match = ISO_DATE_TIME.exec(text);
		if (match) {
			const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
			const wallClock = Date.UTC(
				Number(year),
				Number(month) - 1,
				Number(day),
				Number(hour),
				Number(minute),
				Number(second),
				Number(fraction.slice(0, 3).padEnd(3, '0')),
			);
			const check = new Date(wallClock);
			const real =
				check.getUTCFullYear() === Number(year) &&
				check.getUTCMonth() === Number(month) - 1 &&
				check.getUTCDate() === Number(day) &&
				Number(hour) < 24 &&
				Number(minute) < 60 &&
				Number(second) < 60;
			if (real) {
				if (!zone) {
					time = wallClockToInstant(wallClock, workflowTimeZone(context));
				} else if (zone.toUpperCase() === 'Z') {
					time = wallClock;
				} else {
					const sign = zone.startsWith('-') ? -1 : 1;
					const digits = zone.slice(1).replace(':', '');
					const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
					time = wallClock - sign * offset;
				}
			}
		}
	}
	if (time === undefined || !Number.isFinite(time) || time < 0) {
		throw inputError(
			context,
			parameter,
			`${quote(typeof value === 'object' ? safeJson(value) : value)} is not a date and time`,
			"Pick a date and time, or give one in ISO 8601 format, e.g. 2030-04-01T17:30:00Z. Without Z or an offset, it is read in the workflow's time zone.",
		);
	}
	return { iso: new Date(time).toISOString(), time };
}

/**
 * Objects the user wrote as a whole (e.g. an automation's step graph), where null and {} mean
 * something, and empty objects Peach requires (liquid_values: {} of Connect to AI Agent).
 */
const verbatimValues = new WeakSet<object>();

/** Marks a JSON value the user wrote as a whole: dropUnsetFields keeps it exactly as it is. */
export function keepAsIs<T extends object>(value: T): T {
	verbatimValues.add(value);
	return value;
}

function isUnset(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (typeof value === 'object' && verbatimValues.has(value)) return false;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object' && !Buffer.isBuffer(value)) return Object.keys(value).length === 0;
	return false;
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
