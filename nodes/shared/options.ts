import type { INodePropertyOptions } from 'n8n-workflow';

/** A shared-inbox conversation's statuses: the values Update Status sets and the lists and triggers filter on. */
export const conversationStatusOptions: INodePropertyOptions[] = [
	{
		name: 'Awaiting Customer Response',
		value: 'awaiting_customer_response',
		description: 'Waiting for the contact to reply',
	},
	{ name: 'Closed', value: 'closed', description: 'Done; a new message from the contact reopens it' },
	{ name: 'Open', value: 'open', description: 'Needs attention from the team' },
	{ name: 'Pending', value: 'pending', description: 'Parked until someone picks it up' },
];
