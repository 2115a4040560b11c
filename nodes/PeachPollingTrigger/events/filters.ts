import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { normalizePhoneNumbers } from '../../shared/validation';

/** The event's Filters collection as set in the editor (unset filters are absent). */
export function readFilters(context: IPollFunctions): IDataObject {
	return (context.getNodeParameter('filters', {}) as IDataObject) ?? {};
}

/** A multi-select's values; empty means "any". */
export function selected(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter(Boolean);
	if (typeof value === 'string' && value) return [value];
	return [];
}

/** A comma-separated list of phone numbers, each checked and put in E.164 before anything is sent. */
export function phoneNumbersFilter(context: IPollFunctions, value: unknown, parameter: string): string[] {
	const entries = String(value ?? '')
		.split(/[,;\n]/)
		.map((entry) => entry.trim())
		.filter(Boolean);
	return entries.length ? normalizePhoneNumbers(context, entries, parameter) : [];
}

/** Digits only, so +91 99887-76655, 919988776655 and +919988776655 compare equal. */
export const phoneDigits = (value: unknown): string => String(value ?? '').replace(/\D/g, '');

/** A trimmed text filter, or undefined when it is not set. */
export function textFilter(filters: IDataObject, name: string): string | undefined {
	const value = filters[name];
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text || undefined;
}
