import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { conversationStatusOptions } from '../../shared/options';
import { parseInstant } from '../cursor';
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

/** A value that identifies someone, or null when absent or blank. */
function identity(value: unknown): string | null {
	return value === undefined || value === null || value === '' ? null : String(value);
}

/**
 * Who a conversation is assigned to, as one comparable value. A conversation shows it as
 * `assigned_to {type, id, name}` (List conversations; UNCERTAIN: the stored copies of that page
 * lack its body), so the older names `assignee` (object or text), `assignee_id` and `agent_email`
 * are still read.
 */
function assigneeOf(record: IDataObject): string | null {
	const assignedTo = record.assigned_to as IDataObject | null | undefined;
	if (assignedTo && typeof assignedTo === 'object') {
		const id = identity(assignedTo.id) ?? identity(assignedTo.name);
		return id === null ? null : `${identity(assignedTo.type) ?? ''}:${id}`;
	}
	const assignee = record.assignee as IDataObject | string | null | undefined;
	if (assignee && typeof assignee === 'object') {
		return identity(assignee.email ?? assignee.id ?? assignee.name);
	}
	if (typeof assignee === 'string' && assignee) return assignee;
	return identity(record.assignee_id ?? record.agent_email);
}

function stateOf(record: IDataObject): ConversationState {
	return {
		status: record.status === undefined || record.status === null ? null : String(record.status),
		escalated: record.escalated === true,
		assignee: assigneeOf(record),
	};
}

/**
 * Marks a stored state that read the agent from `assigned_to`. States stored without it (three
 * entries) come from a version that read only `assignee`: their "no agent" may just be unread.
 */
const READS_ASSIGNED_TO = 'assigned_to';

const encode = (state: ConversationState): string =>
	JSON.stringify([state.status, state.escalated, state.assignee, READS_ASSIGNED_TO]);

interface StoredState {
	state: ConversationState;
	/** Whether `state.assignee` can be compared: false for "no agent" stored by the earlier version. */
	assigneeKnown: boolean;
}

function decode(value: string | undefined): StoredState | undefined {
	if (!value) return undefined;
	try {
		const [status, escalated, assignee, reader] = JSON.parse(value) as [string | null, boolean, string | null, string?];
		return { state: { status, escalated, assignee }, assigneeKnown: reader === READS_ASSIGNED_TO || assignee !== null };
	} catch {
		return undefined;
	}
}

/**
 * What changed since the conversation was last seen. For a conversation this trigger has not seen
 * since it was activated there is nothing to compare with: when the record carries
 * `last_activity_type` (message, escalation, status_change, assignment: the values of the list's
 * activity_type filter; not part of the documented conversation object) it says what happened;
 * otherwise a conversation first seen closed or escalated reports that, one created since the
 * cursor reports "opened", and an assignment is not guessed (most conversations have an agent, so
 * any message would look like one): it is reported once the agent differs from a previous poll.
 */
function conversationChanges(
	record: IDataObject,
	stored: StoredState | undefined,
	cursorMs: number,
): string[] {
	const now = stateOf(record);
	const changes: string[] = [];
	if (stored) {
		const previous = stored.state;
		if (now.status === 'open' && previous.status !== 'open') changes.push('opened');
		if (now.status === 'closed' && previous.status !== 'closed') changes.push('closed');
		if (now.escalated && !previous.escalated) changes.push('escalated');
		if (stored.assigneeKnown && now.assignee && now.assignee !== previous.assignee) changes.push('assigned');
		return changes;
	}
	const activity = identity(record.last_activity_type);
	const created = parseInstant(record.created_at);
	const isNew = created !== undefined && created >= cursorMs;
	if (now.status === 'open' && (isNew || activity === 'status_change')) changes.push('opened');
	if (now.status === 'closed' && (activity === null || activity === 'status_change')) changes.push('closed');
	if (now.escalated && (activity === null || activity === 'escalation')) changes.push('escalated');
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
				return { ...record, changes, previous: before?.state ?? null };
			},
			snapshot: (record) => encode(stateOf(record)),
		};
	},
};
