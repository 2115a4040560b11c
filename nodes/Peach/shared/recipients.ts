/** The contact list of Broadcast → Launch, read the same way by the launch and by the tool's guard rails. */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { inputError, normalizePhoneNumber, parseJsonParameter } from '../../shared/validation';

export interface Recipient extends IDataObject {
	phone_number: string;
	name?: string;
	liquid_values?: IDataObject;
}

/** One contact of the list, as given in the fields or in the JSON array, in Peach's shape. */
function toRecipient(
	context: IExecuteSingleFunctions,
	entry: unknown,
	label: string,
	skipPhoneValidation: boolean,
): Recipient {
	const given: IDataObject =
		typeof entry === 'string' || typeof entry === 'number'
			? { phone_number: String(entry) }
			: entry && typeof entry === 'object' && !Array.isArray(entry)
				? (entry as IDataObject)
				: {};
	if (!Object.keys(given).length) {
		throw inputError(
			context,
			label,
			`is not a contact (${JSON.stringify(entry)})`,
			'Each contact is an object like {"phone_number": "+919988776655", "name": "John", "liquid_values": {"first_name": "John"}}, or just the phone number.',
		);
	}
	const phone = given.phone_number;
	const recipient: Recipient = {
		...given,
		phone_number: skipPhoneValidation
			? String(phone ?? '').trim()
			: normalizePhoneNumber(context, phone, `${label} → phone_number`),
	};
	if (!recipient.phone_number) {
		throw inputError(
			context,
			`${label} → phone_number`,
			'is empty',
			'Give every contact a phone number with country code, e.g. +919988776655.',
		);
	}
	if (given.liquid_values !== undefined) {
		recipient.liquid_values = parseJsonParameter(
			context,
			given.liquid_values,
			`${label} → liquid_values`,
			'object',
		);
	}
	return recipient;
}

export function readRecipients(context: IExecuteSingleFunctions, skipPhoneValidation: boolean): Recipient[] {
	const input = context.getNodeParameter('contactsInput', 'fields') as string;
	if (input === 'json') {
		const list =
			parseJsonParameter<unknown[]>(
				context,
				context.getNodeParameter('contactsJson', ''),
				'Contacts (JSON)',
				'array',
			) ?? [];
		return list.map((entry, index) =>
			toRecipient(context, entry, `Contacts (JSON) [${index}]`, skipPhoneValidation),
		);
	}
	const rows = ((context.getNodeParameter('contacts', {}) as IDataObject).contact ?? []) as IDataObject[];
	return rows.map((row, index) =>
		toRecipient(
			context,
			{
				phone_number: row.phoneNumber,
				name: row.name,
				// An empty object (the field's default) is the same as no variables of its own.
				liquid_values: /^\s*(\{\s*\})?\s*$/.test(String(row.variablesJson ?? '')) ? undefined : row.variablesJson,
			},
			`Contacts → Contact ${index + 1}`,
			skipPhoneValidation,
		),
	);
}

/** The numbers a contact-list launch would message, checked and in E.164. */
export function readRecipientPhones(context: IExecuteSingleFunctions): string[] {
	return readRecipients(context, false).map((recipient) => recipient.phone_number);
}
