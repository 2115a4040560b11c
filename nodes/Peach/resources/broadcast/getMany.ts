import { filtersCollection } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { returnAllOrLimit } from '../../../shared/pagination';
import { additionalQueryParametersProperty } from '../../shared/request';

export const getManyBroadcasts: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many broadcasts',
	description: 'List broadcasts, newest first, optionally only those with one status',
	routing: {
		// UNCERTAIN (List broadcasts): the envelope {count, next, prev, broadcasts} is inferred from the other lists.
		request: { method: 'GET', url: '/api/v1/broadcasts' },
	},
	properties: [
		...returnAllOrLimit('broadcasts', 'broadcasts'),
		filtersCollection([
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'sent',
				// UNCERTAIN (List broadcasts): Peach's n8n node lists draft, queued, sending, sent and archived; scheduled and canceled are what Cancel and scheduling lead to.
				options: [
					{ name: 'Archived', value: 'archived' },
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Scheduled', value: 'scheduled' },
					{ name: 'Sending', value: 'sending' },
					{ name: 'Sent', value: 'sent' },
				],
				description: 'Only broadcasts with this status',
				routing: { send: { type: 'query', property: 'status' } },
			},
		]),
		additionalQueryParametersProperty,
	],
};
