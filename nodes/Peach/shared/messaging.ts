/**
 * Input readers shared by template messages, broadcasts and WhatsApp templates: each checks one
 * parameter before anything is sent and says what is wrong and how to fix it.
 */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { requireEmail } from './contact';
import { checkPathSegment, readPathSegmentId } from './ids';
import { inputError, keyValuePairs, quote, toUtcDateTime } from '../../shared/validation';

/**
 * Checks an ID that carries one of Peach's prefixes (wat_, cmp_, aiflw_, flw_) before anything is
 * sent; the editor checks a picker's By ID mode too, but not expressions. Returns it trimmed.
 */
export function checkPrefixedId(
	context: IExecuteSingleFunctions,
	value: unknown,
	displayName: string,
	prefix: string,
	what: string,
	fix = `Pick the ${what} from the list, or enter its ID: ${what} IDs start with ${prefix}, e.g. ${prefix}1234abcd.`,
): string {
	const id = checkPathSegment(context, value, displayName, fix);
	if (!new RegExp(`^${prefix}\\w+$`).test(id)) {
		const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
		throw inputError(context, displayName, `${quote(id)} is not ${article} ${what} ID`, fix);
	}
	return id;
}

/** Reads a picker or text field holding a prefixed ID (see checkPrefixedId). */
export function readPrefixedId(
	context: IExecuteSingleFunctions,
	parameterName: string,
	displayName: string,
	prefix: string,
	what: string,
	fix?: string,
): string {
	const raw = context.getNodeParameter(parameterName, '', { extractValue: true });
	return checkPrefixedId(context, raw, displayName, prefix, what, fix);
}

/** Checks a template ID the caller already read (e.g. from a collection); returns it trimmed. */
export function checkTemplateId(
	context: IExecuteSingleFunctions,
	value: unknown,
	displayName: string,
): string {
	return checkPrefixedId(context, value, displayName, 'wat_', 'template');
}

export function readTemplateId(
	context: IExecuteSingleFunctions,
	parameterName = 'templateId',
	displayName = 'Template',
): string {
	return readPrefixedId(context, parameterName, displayName, 'wat_', 'template');
}

/** Checks a broadcast ID the routing already read (e.g. a filter); returns it trimmed. */
export function checkBroadcastId(
	context: IExecuteSingleFunctions,
	value: unknown,
	displayName: string,
): string {
	return checkPrefixedId(context, value, displayName, 'cmp_', 'broadcast');
}

export function readBroadcastId(
	context: IExecuteSingleFunctions,
	parameterName = 'broadcastId',
	displayName = 'Broadcast',
): string {
	return readPrefixedId(context, parameterName, displayName, 'cmp_', 'broadcast');
}

/** Event IDs have no documented format; only what cannot be a path segment is refused. */
export function readEventId(context: IExecuteSingleFunctions): string {
	return readPathSegmentId(
		context,
		'eventId',
		'Event ID',
		'an event ID',
		'Map the event_id that Send, Connect to AI Agent or Launch returned, e.g. {{ $json.event_id }}.',
	);
}

/**
 * The business number to send from, as a WA ID: country code and number, digits only
 * (e.g. 919876543222). A leading + and spaces people type are dropped.
 */
export function readBusinessNumber(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
): string | undefined {
	const raw = String(value ?? '').trim();
	if (!raw) return undefined;
	const digits = raw.replace(/[\s\-.()]/g, '').replace(/^\+/, '');
	if (!/^[1-9]\d{7,14}$/.test(digits)) {
		throw inputError(
			context,
			parameter,
			`"${raw}" is not a business phone number`,
			'Enter the WhatsApp business number you send from, with country code and no +, e.g. 919876543222.',
		);
	}
	return digits;
}

/**
 * A date and time as Peach wants it (ISO 8601 in UTC, see toUtcDateTime); `future` refuses one
 * that has passed.
 */
export function readDateTime(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
	future = false,
): string | undefined {
	const date = toUtcDateTime(context, value, parameter);
	if (!date) return undefined;
	if (future && date.time <= Date.now()) {
		throw inputError(context, parameter, `${date.iso} has already passed`, 'Pick a date and time in the future.');
	}
	return date.iso;
}

/** A time of day as Peach's retry window wants it: HH:MM, 24-hour clock. */
export function readTimeOfDay(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
		throw inputError(
			context,
			parameter,
			`"${text}" is not a time of day`,
			'Use the 24-hour clock as HH:MM, e.g. 08:00 or 20:30.',
		);
	}
	return `${match[1].padStart(2, '0')}:${match[2]}`;
}

/** Where to find an AI agent's ID, for every field that takes one. */
export const AI_AGENT_ID_FIX =
	'Copy the AI agent ID from the Peach dashboard (AI Agents); it starts with aiflw_, e.g. aiflw_1234abcd.';

/** reply_automation for a Peach AI agent (its ID checked), or undefined when no agent was given. */
export function replyAutomation(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
): { ai_agent_id: string } | undefined {
	if (String(value ?? '').trim() === '') return undefined;
	const id = checkPrefixedId(context, value, parameter, 'aiflw_', 'AI agent', AI_AGENT_ID_FIX);
	// UNCERTAIN (Send a pre-approved template message): Peach's n8n node sends ai_agent_id, its agent skills app_id.
	return { ai_agent_id: id };
}

/**
 * The `contact` of an event: the checked phone number plus the optional details of the
 * collection (Contact Name, Contact Email, Contact Language, Contact Metadata).
 */
export function messageContact(
	context: IExecuteSingleFunctions,
	phoneNumber: string,
	fields: IDataObject,
	collection: string,
): IDataObject {
	const email = String(fields.contactEmail ?? '').trim();
	return {
		phone_number: phoneNumber,
		name: fields.contactName,
		email: email ? requireEmail(context, email, `${collection} → Contact Email`) : undefined,
		language: fields.contactLanguage,
		metadata: keyValuePairs(fields.contactMetadata),
	};
}
