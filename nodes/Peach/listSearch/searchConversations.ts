import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { peachApiRequest } from '../../shared/transport';

const PAGE_SIZE = 100;

interface ConversationContact {
	name?: string | null;
	phone_number?: string | null;
}

interface Conversation {
	id: number;
	status?: string;
	/** The contact, as a conversation shows it (List conversations). */
	subscriber?: ConversationContact | null;
	/** The same, under the name older answers used. */
	contact?: ConversationContact | null;
}

interface ConversationPage {
	next?: string | null;
	conversations?: Conversation[];
}

const contactOf = (conversation: Conversation): ConversationContact =>
	conversation.subscriber ?? conversation.contact ?? {};

/**
 * Conversations for the Conversation picker, most recently updated first, named by their contact
 * (subscriber). A search that looks like a phone number asks Peach for that contact's
 * conversations; other text filters by name.
 */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const text = (filter ?? '').trim();
	const digits = text.replace(/[\s\-().]/g, '');
	const qs: IDataObject = { page, per: PAGE_SIZE };
	if (/^\+?\d{8,15}$/.test(digits)) qs.phone_number = digits.startsWith('+') ? digits : `+${digits}`;
	const body = await peachApiRequest.call(this, 'GET', '/api/v1/conversations', { qs }) as ConversationPage;
	const needle = qs.phone_number ? '' : text.toLowerCase();
	const results = (body.conversations ?? [])
		.filter((conversation) =>
			!needle ||
			String(contactOf(conversation).name ?? '').toLowerCase().includes(needle) ||
			String(conversation.id).includes(needle),
		)
		.map((conversation) => {
			const { name, phone_number: phoneNumber } = contactOf(conversation);
			const who = [name, phoneNumber].filter(Boolean).join(' ');
			return {
				name: `${who || 'Conversation'} (#${conversation.id}${conversation.status ? `, ${conversation.status.replace(/_/g, ' ')}` : ''})`,
				value: String(conversation.id),
			};
		});
	return { results, paginationToken: body.next ? String(page + 1) : undefined };
}
