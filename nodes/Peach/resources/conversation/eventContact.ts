import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { conversationLocator, recipientPhoneField } from '../../shared/descriptions';
import { readConversationId } from '../../shared/ids';
import { lookupOncePerRun, peachApiRequest } from '../../../shared/transport';
import { inputError, normalizePhoneNumber } from '../../../shared/validation';

/** Whose conversation an inbox event (assign, close) acts on: a contact, or a conversation picked in the inbox. */
export const eventContactFields: INodeProperties[] = [
	{
		displayName: 'Find Conversation By',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		default: 'contact',
		options: [
			{
				name: 'Contact',
				value: 'contact',
				description: "The contact's phone number and name",
			},
			{
				name: 'Conversation',
				value: 'conversation',
				description: 'A conversation of the inbox; its contact is looked up from its messages',
			},
		],
	},
	conversationLocator({ displayOptions: { show: { target: ['conversation'] } } }),
	{ ...recipientPhoneField, displayOptions: { show: { target: ['contact'] } } },
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. John Doe',
		description: "The contact's name (Peach requires it for inbox events)",
		displayOptions: { show: { target: ['contact'] } },
	},
];

interface MessagePage {
	messages?: Array<{ author?: { type?: string; name?: string | null; phone_number?: string | null } }>;
}

/** The contact of a conversation, from the latest message the contact sent in it. */
async function contactOfConversation(context: IExecuteSingleFunctions): Promise<IDataObject> {
	const id = readConversationId(context);
	// The events API names contacts, not conversations: MessageResponse carries the contact as the author.
	// Once per conversation per run: several items about one conversation share the read.
	const page = (await lookupOncePerRun(context, `conversation-contact:${id}`, async () =>
		await peachApiRequest.call(context, 'GET', '/api/v1/messages', {
			qs: { conversation_id: id, direction: 'inbound', page: 1, per: 1 },
		}),
	)) as MessagePage;
	const author = page.messages?.[0]?.author;
	if (!author?.phone_number) {
		throw inputError(
			context,
			'Conversation',
			`conversation ${id} has no message from the contact to read their phone number from`,
			'Set Find Conversation By to Contact and enter the phone number and name.',
		);
	}
	return {
		name: author.name || author.phone_number,
		phone_number: normalizePhoneNumber(context, author.phone_number, 'Conversation'),
	};
}

/** `{name, phone_number}` of the event's contact, checked before the event is sent. */
export async function readEventContact(this: IExecuteSingleFunctions): Promise<IDataObject> {
	if (this.getNodeParameter('target', 'contact') === 'conversation') {
		return await contactOfConversation(this);
	}
	const phoneNumber = normalizePhoneNumber(this, this.getNodeParameter('phoneNumber', ''), 'Phone Number');
	const name = String(this.getNodeParameter('contactName', '') ?? '').trim();
	if (!name) {
		throw inputError(
			this,
			'Contact Name',
			'is empty',
			"Enter the contact's name, e.g. map it from the previous node; Peach requires it for this event.",
		);
	}
	return { name, phone_number: phoneNumber };
}
