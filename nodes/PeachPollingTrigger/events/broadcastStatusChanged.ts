import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	oldestFirst,
	previousStates,
	recordKey,
	remember,
	stamp,
	storePrevious,
	toInstant,
	type PollState,
} from '../cursor';
import { readPages } from '../fetch';
import type { PollOutcome } from '../window';
import { TEST_EVENT_PAGES, TEST_EVENT_PAGE_SIZE } from '../window';
import { selected } from './filters';

export const BROADCAST_STATUS_CHANGED = 'broadcastStatusChanged';

/** Broadcasts whose status is remembered; an account with more has its oldest forgotten. */
const MAX_BROADCASTS = 20000;

export const broadcastStatusChangedProperties: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'broadcastStatuses',
		type: 'multiOptions',
		required: true,
		// A broadcast's status values are not documented (messaging-broadcasts-templates.md, List
		// broadcasts: Peach's n8n node filters on draft, queued, sending, sent, archived); the others
		// are the lifecycle Peach's dashboard shows. They are compared here and never sent to Peach.
		options: [
			{ name: 'Archived', value: 'archived' },
			{ name: 'Canceled', value: 'canceled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Draft', value: 'draft' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Processing', value: 'processing' },
			{ name: 'Queued', value: 'queued' },
			{ name: 'Scheduled', value: 'scheduled' },
			{ name: 'Sending', value: 'sending' },
			{ name: 'Sent', value: 'sent' },
		],
		default: [],
		displayOptions: { show: { event: [BROADCAST_STATUS_CHANGED] } },
		description: 'Start the workflow when a broadcast moves to one of these statuses',
	},
];

function wantedStatuses(context: IPollFunctions): Set<string> {
	const statuses = selected(context.getNodeParameter('broadcastStatuses', []));
	if (!statuses.length) {
		throw new NodeOperationError(context.getNode(), 'Statuses: pick at least one status', {
			description: 'Choose the broadcast statuses that should start the workflow, e.g. Sent and Failed.',
		});
	}
	return new Set(statuses);
}

// The list's envelope and page size are not documented (messaging-broadcasts-templates.md, List
// broadcasts: Peach's n8n node sends page only); `broadcasts` and `per` follow the other lists.
const listBroadcasts = { path: '/api/v1/broadcasts', itemsKey: 'broadcasts', qs: {}, pageSizeParams: ['per'] };

/** When a broadcast last changed; its fields are NOT FOUND in the docs (Get broadcast details): only orders the changes. */
const CHANGED_AT = 'updated_at';

/**
 * "Broadcast Status Changed". GET /api/v1/broadcasts has no "changed since" filter, so each poll
 * reads the list and compares every broadcast's status with the one remembered from the last poll:
 * a broadcast that moved to a chosen status (or appeared in one) is emitted once.
 */
export async function pollBroadcasts(
	context: IPollFunctions,
	state: PollState | undefined,
	cap: number,
	deadline?: number,
): Promise<PollOutcome> {
	const wanted = wantedStatuses(context);
	const broadcasts = await readPages(context, listBroadcasts, { deadline });
	const previous = previousStates(state);
	const now = toInstant(Date.now());

	if (!state) {
		// First activation: remember where every broadcast stands, emit nothing.
		for (const broadcast of broadcasts) remember(previous, recordKey(broadcast), String(broadcast.status ?? ''));
		return {
			items: [],
			state: { event: BROADCAST_STATUS_CHANGED, cursor: now, seenAtCursor: [], previous: storePrevious(previous, MAX_BROADCASTS) },
		};
	}

	const changed = stamp(broadcasts, CHANGED_AT, Date.parse(state.cursor))
		.filter((entry) => previous.get(entry.id) !== String(entry.record.status ?? ''))
		.sort(oldestFirst);
	const items: IDataObject[] = [];
	for (const entry of changed) {
		if (items.length >= cap) break; // the rest stay "changed" and come first on the next poll
		const status = String(entry.record.status ?? '');
		if (wanted.has(status)) items.push({ ...entry.record, previous_status: previous.get(entry.id) ?? null });
		remember(previous, entry.id, status);
	}
	return {
		items,
		state: { event: BROADCAST_STATUS_CHANGED, cursor: now, seenAtCursor: [], previous: storePrevious(previous, MAX_BROADCASTS) },
	};
}

/** The most recently changed broadcast in a chosen status, for "Fetch Test Event". */
export async function latestBroadcast(context: IPollFunctions): Promise<IDataObject | undefined> {
	const wanted = wantedStatuses(context);
	const broadcasts = await readPages(context, listBroadcasts, { maxPages: TEST_EVENT_PAGES, perPage: TEST_EVENT_PAGE_SIZE });
	const newest = stamp(
		broadcasts.filter((broadcast) => wanted.has(String(broadcast.status ?? ''))),
		CHANGED_AT,
		0,
	).sort(oldestFirst);
	const last = newest[newest.length - 1];
	return last ? { ...last.record, previous_status: null } : undefined;
}
