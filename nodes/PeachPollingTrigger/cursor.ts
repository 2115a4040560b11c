import type { IDataObject } from 'n8n-workflow';

/**
 * Where a trigger stopped, kept in the workflow's static data (`getWorkflowStaticData('node')`).
 *
 * n8n persists that object between polls; n8n 2.41 can also stage it per poll and commit it together
 * with the execution the poll starts (`poll-cursor-hooks`), so a poll that fails leaves the stored
 * state as it was. Either way the state is written only once a poll has completed: a poll that
 * throws halfway never moves the cursor.
 */
export interface PollState {
	/** The event the state belongs to: picking another event starts over, as a new activation would. */
	event: string;
	/** UTC ISO instant of the newest record handled (or of the activation, before any record). */
	cursor: string;
	/** IDs of the records handled whose timestamp equals the cursor, so they are not emitted again. */
	seenAtCursor: string[];
	/** Last known state per record ([id, state] pairs, oldest first), to tell what changed. */
	previous?: Array<[string, string]>;
}

/** IDs remembered at the cursor's timestamp; only records sharing one exact instant count. */
export const MAX_SEEN_IDS = 5000;

export function readState(staticData: IDataObject, event: string): PollState | undefined {
	const state = staticData.peachPoll as unknown as PollState | undefined;
	if (!state || state.event !== event || typeof state.cursor !== 'string') return undefined;
	if (Number.isNaN(Date.parse(state.cursor))) return undefined;
	return {
		...state,
		seenAtCursor: Array.isArray(state.seenAtCursor) ? state.seenAtCursor.map(String) : [],
		previous: Array.isArray(state.previous) ? state.previous : undefined,
	};
}

/** Replaces the stored state in one assignment (n8n notices the change and saves it). */
export function writeState(staticData: IDataObject, state: PollState): void {
	staticData.peachPoll = state as unknown as IDataObject;
}

export const toInstant = (ms: number): string => new Date(ms).toISOString();

/** A record placed in time: `at` in milliseconds since the epoch. */
export interface Stamped {
	id: string;
	at: number;
	record: IDataObject;
}

/**
 * Places records in time by `field`. A record without a readable timestamp is placed at the cursor
 * (the seen IDs keep it from being emitted twice while the cursor stays there).
 */
export function stamp(records: IDataObject[], field: string, cursorMs: number): Stamped[] {
	return records.map((record) => {
		const at = Date.parse(String(record[field] ?? ''));
		return { id: String(record.id ?? ''), at: Number.isNaN(at) ? cursorMs : at, record };
	});
}

function compareIds(a: string, b: string): number {
	if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; ties in a stable order so a cap splits them the same way every time. */
export function oldestFirst(a: Stamped, b: Stamped): number {
	return a.at - b.at || compareIds(a.id, b.id);
}

/**
 * The same record can come back twice in one poll (it changed while the pages were read and moved
 * to another page): the newest version wins.
 */
function newestVersionPerId(records: Stamped[]): Stamped[] {
	const byId = new Map<string, Stamped>();
	for (const entry of records) {
		const known = byId.get(entry.id);
		if (!known || entry.at >= known.at) byId.set(entry.id, entry);
	}
	return [...byId.values()];
}

export interface WindowStep {
	/** The records to emit, oldest first, at most `cap`. */
	emitted: Stamped[];
	/** Every record handled this poll (emitted or filtered out), oldest first. */
	handled: Stamped[];
	cursor: string;
	seenAtCursor: string[];
}

/**
 * One step through what is new since the cursor: records after it (or at it and not seen yet),
 * oldest first, until `cap` records pass `accept`. The cursor moves to the last record handled, so
 * what the cap left over comes first on the next poll and nothing is skipped.
 */
export function stepWindow(
	state: Pick<PollState, 'cursor' | 'seenAtCursor'>,
	records: Stamped[],
	cap: number,
	accept: (entry: Stamped) => boolean,
): WindowStep {
	const cursorMs = Date.parse(state.cursor);
	const seen = new Set(state.seenAtCursor);
	const fresh = newestVersionPerId(records)
		.filter((entry) => entry.at > cursorMs || (entry.at === cursorMs && !seen.has(entry.id)))
		.sort(oldestFirst);

	const emitted: Stamped[] = [];
	const handled: Stamped[] = [];
	for (const entry of fresh) {
		if (emitted.length >= cap) break;
		handled.push(entry);
		if (accept(entry)) emitted.push(entry);
	}
	const last = handled[handled.length - 1];
	if (!last) return { emitted, handled, cursor: state.cursor, seenAtCursor: state.seenAtCursor };

	const atLast = handled.filter((entry) => entry.at === last.at).map((entry) => entry.id);
	const seenAtCursor = last.at === cursorMs ? [...state.seenAtCursor, ...atLast] : atLast;
	return {
		emitted,
		handled,
		cursor: toInstant(last.at),
		seenAtCursor: seenAtCursor.slice(-MAX_SEEN_IDS),
	};
}

/** The remembered states as a map, and a way to store them back bounded to the newest entries. */
export function previousStates(state: PollState | undefined): Map<string, string> {
	return new Map(state?.previous ?? []);
}

export function storePrevious(previous: Map<string, string>, max: number): Array<[string, string]> {
	return [...previous.entries()].slice(-max);
}

/** Records a state as the newest entry (re-inserted so bounding drops the least recently changed). */
export function remember(previous: Map<string, string>, id: string, value: string): void {
	previous.delete(id);
	previous.set(id, value);
}
