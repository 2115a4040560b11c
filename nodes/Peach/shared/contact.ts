import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { inputError, keyValuePairs, requireInteger } from '../../shared/validation';

/** Body key of each contact field the node shows (parameter name → Peach field). */
const CONTACT_BODY_KEYS: Record<string, string> = {
	age: 'age',
	communicationPreference: 'communication_preference',
	email: 'email',
	gender: 'gender',
	language: 'language',
	name: 'name',
	nickname: 'nickname',
	optedOut: 'opted_out',
	tags: 'tags',
	timezone: 'timezone',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Tags typed as "a, b" or mapped as a list from an expression. */
export function parseList(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	return entries.map((entry) => String(entry ?? '').trim()).filter((entry) => entry !== '');
}

/**
 * Turns a contact field collection (Additional Fields / Update Fields) into Peach's body keys.
 * Only the fields the user added are present, so opt-out and preference are never sent unasked.
 */
export function contactFieldsBody(
	context: IExecuteSingleFunctions,
	fields: IDataObject,
	collectionName: string,
): IDataObject {
	const body: IDataObject = {};
	for (const [parameter, value] of Object.entries(fields)) {
		const key = CONTACT_BODY_KEYS[parameter];
		if (key) body[key] = value;
	}
	if (fields.tags !== undefined) body.tags = parseList(fields.tags);
	if (fields.metadata !== undefined) body.metadata = keyValuePairs(fields.metadata);
	if (typeof body.email === 'string' && body.email.trim() !== '') {
		body.email = requireEmail(context, body.email, `${collectionName} → Email`);
	}
	if (body.age !== undefined && body.age !== '' && body.age !== null) {
		body.age = requireInteger(context, body.age, `${collectionName} → Age`, 'Enter the age in whole years, e.g. 34.', 0);
	}
	return body;
}

/** Checks an email address given outside a collection (e.g. the agent of an assignment). */
export function requireEmail(context: IExecuteSingleFunctions, value: unknown, parameter: string): string {
	const email = String(value ?? '').trim();
	if (!EMAIL.test(email)) {
		throw inputError(
			context,
			parameter,
			email ? `"${email}" is not an email address` : 'is empty',
			'Enter an address like name@example.com.',
		);
	}
	return email;
}
