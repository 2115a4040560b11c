import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How many recent events the trigger remembers at most; the oldest are forgotten first. */
export const MAX_REMEMBERED_EVENTS = 1000;

/** Where, inside the node's static data, the recent events are kept. */
export const SEEN_EVENTS_KEY = 'recentEvents';

/**
 * Recent events as two parallel lists in arrival order: a fixed-size fingerprint and the time it
 * was first seen. Lists keep their order through any JSON store, and arrival order is time order,
 * so the oldest entries are always at the front.
 */
interface SeenEvents {
	keys: string[];
	times: number[];
}

/** The stored form of a key: a short fixed-length hash, so memory stays bounded whatever Peach sends. */
export function fingerprint(key: string): string {
	return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function loadSeenEvents(store: IDataObject): SeenEvents {
	const value = store[SEEN_EVENTS_KEY] as Partial<SeenEvents> | undefined;
	if (
		typeof value === 'object' &&
		value !== null &&
		Array.isArray(value.keys) &&
		Array.isArray(value.times) &&
		value.keys.length === value.times.length
	) {
		return value as SeenEvents;
	}
	const fresh: SeenEvents = { keys: [], times: [] };
	store[SEEN_EVENTS_KEY] = fresh as unknown as IDataObject;
	return fresh;
}

function remove(seen: SeenEvents, start: number, count: number): void {
	seen.keys.splice(start, count);
	seen.times.splice(start, count);
}

/**
 * Whether `key` was already seen less than `windowMs` ago. A first sighting is remembered with the
 * time it was first seen (a repeat does not extend its window). Entries older than the window are
 * dropped on every call and, past `maxEntries`, the oldest go first, so the store never holds more
 * than `maxEntries` entries of fixed size. `store` is the node's workflow static data, which n8n
 * saves after each call of an active workflow.
 */
export function isRepeatDelivery(
	store: IDataObject,
	key: string,
	windowMs: number,
	now: number,
	maxEntries: number = MAX_REMEMBERED_EVENTS,
): boolean {
	const seen = loadSeenEvents(store);
	// Also refuse times further in the future than a clock adjustment explains.
	const isRecent = (time: unknown) =>
		typeof time === 'number' && now - time < windowMs && time - now <= windowMs;

	let expired = 0;
	while (expired < seen.times.length && !isRecent(seen.times[expired])) expired++;
	if (expired > 0) remove(seen, 0, expired);

	const stored = fingerprint(key);
	const index = seen.keys.indexOf(stored);
	if (index !== -1) {
		if (isRecent(seen.times[index])) return true;
		// Only possible if the clock went back: an expired entry behind a newer one.
		remove(seen, index, 1);
	}

	const excess = seen.keys.length - Math.max(maxEntries, 1) + 1;
	if (excess > 0) remove(seen, 0, excess);
	seen.keys.push(stored);
	seen.times.push(now);
	return false;
}

/** How many workflow triggers this process keeps a memory for; the least recently used go first. */
const MAX_PROCESS_STORES = 1000;

const processStores = new Map<string, IDataObject>();

/**
 * The same memory, kept in this n8n process for one trigger (workflow and node). The static data
 * alone is not enough: n8n 2.41 was seen saving a webhook trigger's static data after the first
 * event only, so later repeats reached the workflow. This memory catches every repeat that reaches
 * the same process; the static data still carries what n8n saves across restarts and processes.
 */
export function processStore(triggerKey: string): IDataObject {
	let store = processStores.get(triggerKey);
	if (store) {
		processStores.delete(triggerKey);
	} else {
		store = {};
		if (processStores.size >= MAX_PROCESS_STORES) {
			processStores.delete(processStores.keys().next().value as string);
		}
	}
	processStores.set(triggerKey, store);
	return store;
}
