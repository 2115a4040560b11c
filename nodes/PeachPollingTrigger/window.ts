import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import {
	oldestFirst,
	previousStates,
	remember,
	stamp,
	stepWindow,
	storePrevious,
	toInstant,
	type PollState,
	type Stamped,
} from './cursor';
import { readPages } from './fetch';

/** What an event asks Peach for and how it turns a record into an item, for one poll. */
export interface WindowPlan {
	/** Filters Peach applies (the time filter is added by the poll). */
	qs: IDataObject;
	/** The item for a record that passes every filter, or undefined. `previous` is its remembered state. */
	select(record: IDataObject, previous: string | undefined): IDataObject | undefined;
	/** A record's state to remember, for events that compare it with the previous one. */
	snapshot?(record: IDataObject): string;
}

/** A list that can be asked for what changed after an instant. */
export interface WindowEvent {
	event: string;
	path: string;
	itemsKey: string;
	/** The record's field that `sinceParam` filters on. */
	timestampField: string;
	sinceParam: string;
	pageSizeParams: string[];
	/** Reads and checks the parameters before anything is sent. */
	plan(this: IPollFunctions, cursorMs: number): WindowPlan;
}

export interface PollOutcome {
	items: IDataObject[];
	state: PollState;
}

/**
 * How far before the cursor the time filter asks from. Whether `updated_since` (or `from`) includes
 * the instant given, and at what precision Peach compares, is not documented (List conversations,
 * List messages; Poll template messages status): asking a second earlier and dropping what was
 * already handled client-side is right either way.
 */
const SINCE_MARGIN_MS = 1000;

/** Records remembered for change detection on windowed lists (a conversation's status, say). */
const MAX_REMEMBERED = 5000;

/**
 * How far behind the present the cursor always stays. A record dated after now minus this margin
 * (a clock ahead, a record dated in the future, or one Peach is still saving) is held back and
 * emitted by a later poll, once its time has come; the cursor never jumps past it.
 */
export const HOLD_BACK_MS = 2000;

/** Leaves out records that cannot be placed in time, saying so in n8n's log. */
export function placeInTime(context: IPollFunctions, spec: WindowEvent, records: IDataObject[]): Stamped[] {
	const stamped = stamp(records, spec.timestampField);
	const skipped = records.length - stamped.length;
	if (skipped > 0) {
		context.logger.warn(
			`Peach Polling Trigger skipped ${skipped} of Peach's ${spec.itemsKey} with no readable "${spec.timestampField}": a record without a time cannot be placed before or after the cursor`,
		);
	}
	return stamped;
}

export async function pollWindow(
	context: IPollFunctions,
	spec: WindowEvent,
	state: PollState | undefined,
	cap: number,
	deadline?: number,
): Promise<PollOutcome> {
	const horizonMs = Date.now() - HOLD_BACK_MS;
	const cursorMs = state ? Date.parse(state.cursor) : horizonMs;
	const plan = spec.plan.call(context, cursorMs);
	if (!state) {
		// First activation: start from now, so nothing that happened before is emitted.
		return {
			items: [],
			state: { event: spec.event, cursor: toInstant(horizonMs), seenAtCursor: [], ...(plan.snapshot ? { previous: [] } : {}) },
		};
	}

	const sinceMs = cursorMs - SINCE_MARGIN_MS;
	const records = await readPages(
		context,
		{
			path: spec.path,
			itemsKey: spec.itemsKey,
			qs: { ...plan.qs, [spec.sinceParam]: toInstant(sinceMs) },
			pageSizeParams: spec.pageSizeParams,
		},
		{ deadline, olderThan: { field: spec.timestampField, ms: sinceMs } },
	);

	const previous = previousStates(state);
	const items = new Map<string, IDataObject>();
	const accept = (entry: Stamped) => {
		const item = plan.select(entry.record, previous.get(entry.id));
		if (item) items.set(entry.id, item);
		return item !== undefined;
	};
	const step = stepWindow(state, placeInTime(context, spec, records), cap, accept, horizonMs);
	if (plan.snapshot) {
		for (const entry of step.handled) remember(previous, entry.id, plan.snapshot(entry.record));
	}
	return {
		items: step.emitted.map((entry) => items.get(entry.id) as IDataObject),
		state: {
			event: spec.event,
			cursor: step.cursor,
			seenAtCursor: step.seenAtCursor,
			...(plan.snapshot ? { previous: storePrevious(previous, MAX_REMEMBERED) } : {}),
		},
	};
}

/** Pages read for "Fetch Test Event": enough to find a recent match without reading a whole account. */
export const TEST_EVENT_PAGES = 3;
export const TEST_EVENT_PAGE_SIZE = 100;

/** The newest record that passes the filters, for "Fetch Test Event"; the stored state is not touched. */
export async function latestInWindow(
	context: IPollFunctions,
	spec: WindowEvent,
): Promise<IDataObject | undefined> {
	const plan = spec.plan.call(context, Date.now());
	// The order of /messages and /conversations is not documented (List messages, List conversations):
	// the pages read are sorted here.
	const records = await readPages(
		context,
		{ path: spec.path, itemsKey: spec.itemsKey, qs: plan.qs, pageSizeParams: spec.pageSizeParams },
		{ maxPages: TEST_EVENT_PAGES, perPage: TEST_EVENT_PAGE_SIZE },
	);
	const newestFirst = stamp(records, spec.timestampField, 0).sort(oldestFirst).reverse();
	for (const entry of newestFirst) {
		const item = plan.select(entry.record, undefined);
		if (item) return item;
	}
	return undefined;
}
