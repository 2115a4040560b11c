import { createHash } from 'crypto';
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

/** A record placed in time: `at` in milliseconds since the epoch, `id` its key for deduplication. */
export interface Stamped {
	id: string;
	at: number;
	record: IDataObject;
}

/** A date and time with no zone ("2026-12-04 10:00:00", "2026-12-04T10:00:00.123"). */
const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Milliseconds since the epoch of a Peach timestamp, or undefined when it cannot be read. Peach
 * writes UTC; a timestamp without a zone is read as UTC too, not in the zone of the n8n host.
 */
export function parseInstant(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	const ms = Date.parse(WITHOUT_ZONE.test(text) ? `${text.replace(' ', 'T')}Z` : text);
	return Number.isNaN(ms) ? undefined : ms;
}

/** JSON with object keys sorted, so the same content always gives the same text. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as IDataObject)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${stableJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The key a record is remembered by: its `id`, or for a record without one a hash of its content,
 * so two different records without id stay two, and the same one read again stays one.
 */
export function recordKey(record: IDataObject): string {
	const id = record.id;
	if (id !== undefined && id !== null && String(id) !== '') return String(id);
	return `content:${createHash('sha256').update(stableJson(record)).digest('hex').slice(0, 32)}`;
}

/**
 * Places records in time by `field`. A record without a readable timestamp is placed at
 * `undatedAt` when given (lists compared by state, where time only orders the changes), and
 * otherwise left out: it cannot be placed before or after a cursor.
 */
export function stamp(records: IDataObject[], field: string, undatedAt?: number): Stamped[] {
	const stamped: Stamped[] = [];
	for (const record of records) {
		const at = parseInstant(record[field]) ?? undatedAt;
		if (at !== undefined) stamped.push({ id: recordKey(record), at, record });
	}
	return stamped;
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
 * One step through what is new since the cursor: records after it (or at it and not seen yet) and
 * not after `horizonMs`, oldest first, until `cap` records pass `accept`. The cursor moves to the
 * last record handled, so what the cap left over comes first on the next poll and nothing is
 * skipped; records after the horizon (dated in the future) are held back, not handled, so the
 * cursor never passes the horizon and they come out once their time has come.
 */
export function stepWindow(
	state: Pick<PollState, 'cursor' | 'seenAtCursor'>,
	records: Stamped[],
	cap: number,
	accept: (entry: Stamped) => boolean,
	horizonMs = Infinity,
): WindowStep {
	const cursorMs = Date.parse(state.cursor);
	const seen = new Set(state.seenAtCursor);
	const fresh = newestVersionPerId(records)
		.filter((entry) => entry.at > cursorMs || (entry.at === cursorMs && !seen.has(entry.id)))
		.filter((entry) => entry.at <= horizonMs)
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
