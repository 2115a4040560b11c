import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import type { WindowEvent, WindowPlan } from '../window';
import { phoneDigits, phoneNumbersFilter, readFilters, selected } from './filters';

export const NEW_INBOUND_MESSAGE = 'newInboundMessage';

export const newInboundMessageProperties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: [NEW_INBOUND_MESSAGE] } },
		options: [
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				// Peach's full list of content types is not documented
				// (conversations-contacts-orders-medias-webhooks.md, List messages): these are WhatsApp's.
				options: [
					{ name: 'Audio', value: 'audio' },
					{ name: 'Button Reply', value: 'button' },
					{ name: 'Contacts', value: 'contacts' },
					{ name: 'Document', value: 'document' },
					{ name: 'Image', value: 'image' },
					{ name: 'Interactive Reply', value: 'interactive' },
					{ name: 'Location', value: 'location' },
					{ name: 'Reaction', value: 'reaction' },
					{ name: 'Sticker', value: 'sticker' },
					{ name: 'Text', value: 'text' },
					{ name: 'Video', value: 'video' },
				],
				default: [],
				description: "Only messages of these types (the message's content_type). None selected means any type.",
			},
			{
				displayName: 'Phone Numbers',
				name: 'phoneNumbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. +919988776655, +13309106536',
				description:
					'Only messages from these contacts. Separate several numbers with commas; write each with its country code.',
			},
		],
	},
];

/**
 * "New Inbound Message": GET /api/v1/messages, customers' messages created after the cursor. The
 * item is the message plus the contact's phone and name, so a reply needs no extra lookup.
 */
export const newInboundMessage: WindowEvent = {
	event: NEW_INBOUND_MESSAGE,
	path: '/api/v1/messages',
	itemsKey: 'messages',
	timestampField: 'created_at',
	// `from` is sent only by Peach's MCP server (conversations-contacts-orders-medias-webhooks.md,
	// List messages). If Peach ignores it, created_at is checked here, and a newest-first list
	// stops being read at the first page older than the cursor (fetch.ts).
	sinceParam: 'from',
	// No doc names the page size on /messages; the only source that sets one, Peach's MCP server,
	// sends per_page (beyond-the-36.md, The paging parameter question).
	pageSizeParams: ['per_page'],
	plan(this: IPollFunctions): WindowPlan {
		const filters = readFilters(this);
		const phones = phoneNumbersFilter(this, filters.phoneNumbers, 'Filters → Phone Numbers');
		const digits = new Set(phones.map(phoneDigits));
		const types = new Set(selected(filters.messageTypes));
		// direction=inbound is sent by Peach's n8n node and MCP server but not documented
		// (List messages): it is checked here as well.
		const qs: IDataObject = { direction: 'inbound' };
		if (phones.length === 1) qs.phone_number = phones[0];
		return {
			qs,
			select(record) {
				if (record.direction !== 'inbound') return undefined;
				const author = (record.author ?? {}) as IDataObject;
				// The author of an inbound message is the contact (MessageResponse example): its
				// phone_number is the filter's key. Its exact fields are UNCERTAIN (List messages).
				const contactPhone = (author.phone_number as string | undefined) ?? null;
				if (digits.size && !digits.has(phoneDigits(contactPhone))) return undefined;
				if (types.size && !types.has(String(record.content_type ?? ''))) return undefined;
				return {
					...record,
					contact: { phone_number: contactPhone, name: (author.name as string | undefined) ?? null },
					conversation_id: record.conversation_id ?? null,
				};
			},
		};
	},
};
