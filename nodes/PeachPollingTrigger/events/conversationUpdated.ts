import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { conversationStatusOptions } from '../../shared/options';
import type { WindowEvent, WindowPlan } from '../window';
import { readFilters, selected } from './filters';

export const CONVERSATION_UPDATED = 'conversationUpdated';

export const CONVERSATION_CHANGES = ['opened', 'closed', 'escalated', 'assigned'] as const;

export const conversationUpdatedProperties: INodeProperties[] = [
	{
		displayName: 'Changes',
		name: 'changes',
		type: 'multiOptions',
		options: [
			{ name: 'Assigned', value: 'assigned', description: 'An agent was assigned, or the assignee changed' },
			{ name: 'Closed', value: 'closed', description: 'The conversation was closed' },
			{ name: 'Escalated', value: 'escalated', description: 'The conversation was escalated to a human' },
			{ name: 'Opened', value: 'opened', description: 'The conversation started, or was reopened' },
		],
		default: [],
		displayOptions: { show: { event: [CONVERSATION_UPDATED] } },
		description:
			'Which changes start the workflow. None selected means any update. Each item lists what changed in "changes".',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: [CONVERSATION_UPDATED] } },
		options: [
			{
				displayName: 'Escalated',
				name: 'escalated',
				type: 'options',
				options: [
					{ name: 'Escalated Only', value: 'true' },
					{ name: 'Not Escalated Only', value: 'false' },
				],
				default: 'true',
				description: 'Only conversations that are (or are not) escalated after the change',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: conversationStatusOptions,
				default: [],
				description: 'Only conversations with one of these statuses after the change. None selected means any status.',
			},
		],
	},
];

interface ConversationState {
	status: string | null;
	escalated: boolean;
	assignee: string | null;
}

/** Who a conversation is assigned to, as one comparable value. */
function assigneeOf(record: IDataObject): string | null {
	// The conversation object is NOT FOUND in the docs (conversations-contacts-orders-medias-webhooks.md,
	// List conversations): an `assignee` object (email or id) or an `assignee_id` are both read.
	const assignee = record.assignee as IDataObject | string | null | undefined;
	if (assignee && typeof assignee === 'object') {
		const key = assignee.email ?? assignee.id ?? assignee.name;
		return key === undefined || key === null ? null : String(key);
	}
	if (typeof assignee === 'string' && assignee) return assignee;
	const id = record.assignee_id ?? record.agent_email;
	return id === undefined || id === null || id === '' ? null : String(id);
}

function stateOf(record: IDataObject): ConversationState {
	return {
		status: record.status === undefined || record.status === null ? null : String(record.status),
		escalated: record.escalated === true,
		assignee: assigneeOf(record),
	};
}

const encode = (state: ConversationState): string => JSON.stringify([state.status, state.escalated, state.assignee]);

function decode(value: string | undefined): ConversationState | undefined {
	if (!value) return undefined;
	try {
		const [status, escalated, assignee] = JSON.parse(value) as [string | null, boolean, string | null];
		return { status, escalated, assignee };
	} catch {
		return undefined;
	}
}

/**
 * What changed since the conversation was last seen. For a conversation this trigger has not seen
 * since it was activated, the change is read from `last_activity_type` (message, escalation,
 * status_change, assignment: the values of the list's activity_type filter in Peach's n8n node;
 * whether each conversation carries it is UNCERTAIN, List conversations) and from created_at.
 */
export function conversationChanges(
	record: IDataObject,
	previous: ConversationState | undefined,
	cursorMs: number,
): string[] {
	const now = stateOf(record);
	const changes: string[] = [];
	if (previous) {
		if (now.status === 'open' && previous.status !== 'open') changes.push('opened');
		if (now.status === 'closed' && previous.status !== 'closed') changes.push('closed');
		if (now.escalated && !previous.escalated) changes.push('escalated');
		if (now.assignee && now.assignee !== previous.assignee) changes.push('assigned');
		return changes;
	}
	const activity = String(record.last_activity_type ?? '');
	const created = Date.parse(String(record.created_at ?? ''));
	const isNew = !Number.isNaN(created) && created >= cursorMs;
	if (now.status === 'open' && (isNew || activity === 'status_change')) changes.push('opened');
	if (now.status === 'closed' && activity === 'status_change') changes.push('closed');
	if (now.escalated && activity === 'escalation') changes.push('escalated');
	if (now.assignee && activity === 'assignment') changes.push('assigned');
	return changes;
}

/**
 * "Conversation Updated": GET /api/v1/conversations?updated_since=, with the changes computed by
 * comparing each conversation with how this trigger last saw it.
 */
export const conversationUpdated: WindowEvent = {
	event: CONVERSATION_UPDATED,
	path: '/api/v1/conversations',
	itemsKey: 'conversations',
	timestampField: 'updated_at',
	sinceParam: 'updated_since',
	// `per` on /conversations comes from the brief's copy of the docs only (List conversations).
	pageSizeParams: ['per'],
	plan(this: IPollFunctions, cursorMs: number): WindowPlan {
		const wanted = new Set(selected(this.getNodeParameter('changes', [])));
		const filters = readFilters(this);
		const statuses = new Set(selected(filters.statuses));
		const escalated = filters.escalated === undefined ? undefined : String(filters.escalated) === 'true';
		const qs: IDataObject = {};
		if (statuses.size === 1) qs.status = [...statuses][0];
		if (escalated !== undefined) qs.escalated = escalated;
		return {
			qs,
			select(record, previous) {
				const before = decode(previous);
				const after = stateOf(record);
				if (statuses.size && !statuses.has(after.status ?? '')) return undefined;
				if (escalated !== undefined && after.escalated !== escalated) return undefined;
				const changes = conversationChanges(record, before, cursorMs);
				if (wanted.size && !changes.some((change) => wanted.has(change))) return undefined;
				return { ...record, changes, previous: before ?? null };
			},
			snapshot: (record) => encode(stateOf(record)),
		};
	},
};
