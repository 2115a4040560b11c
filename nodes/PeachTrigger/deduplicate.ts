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

/** The recent events a store holds, or undefined when it holds none (or something else). */
function readSeenEvents(store: IDataObject): SeenEvents | undefined {
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
	return undefined;
}

function loadSeenEvents(store: IDataObject): SeenEvents {
	const seen = readSeenEvents(store);
	if (seen) return seen;
	const fresh: SeenEvents = { keys: [], times: [] };
	store[SEEN_EVENTS_KEY] = fresh as unknown as IDataObject;
	return fresh;
}

/** Seen less than `windowMs` ago; times further in the future than a clock adjustment explains are refused too. */
function isWithinWindow(time: unknown, windowMs: number, now: number): boolean {
	return typeof time === 'number' && now - time < windowMs && time - now <= windowMs;
}

function remove(seen: SeenEvents, start: number, count: number): void {
	seen.keys.splice(start, count);
	seen.times.splice(start, count);
}

/**
 * Whether `key` was already seen less than `windowMs` ago. A first sighting is remembered with the
 * time it was first seen (a repeat does not extend its window). Entries older than the window are
 * dropped on every call and, past `maxEntries`, the oldest go first, so the store never holds more
 * than `maxEntries` entries of fixed size. `store` is this process's memory of one trigger
 * (processStore), written to the workflow's static data by writeToStaticData.
 */
export function isRepeatDelivery(
	store: IDataObject,
	key: string,
	windowMs: number,
	now: number,
	maxEntries: number = MAX_REMEMBERED_EVENTS,
): boolean {
	const seen = loadSeenEvents(store);
	const isRecent = (time: unknown) => isWithinWindow(time, windowMs, now);

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

/** Whether `key` was seen less than `windowMs` ago in `store`, which this call does not change. */
export function wasSeenRecently(
	store: IDataObject,
	key: string,
	windowMs: number,
	now: number,
): boolean {
	const value = readSeenEvents(store);
	if (!value) return false;
	const index = value.keys.indexOf(fingerprint(key));
	if (index === -1) return false;
	const time = value.times[index];
	return isWithinWindow(time, windowMs, now);
}

/**
 * How often at most a process writes its memory into the workflow's static data. n8n saves the
 * whole static data to its database on every request that changes it; one write a second instead
 * of one per event keeps a burst of events from paying a database write each.
 */
export const STATIC_DATA_WRITE_INTERVAL_MS = 1000;

/** Where, inside a process memory, the time of its last write to static data is kept. */
const WRITTEN_AT_KEY = 'writtenToStaticDataAt';

/**
 * Writes what this process remembers into the static data, merged with what the static data
 * already holds (from other processes or earlier runs), when the last write is at least
 * STATIC_DATA_WRITE_INTERVAL_MS old. Returns whether it wrote. The entry is replaced as a whole,
 * which is what makes n8n see the change and save it.
 */
export function writeToStaticData(
	memory: IDataObject,
	store: IDataObject,
	windowMs: number,
	now: number,
	maxEntries: number = MAX_REMEMBERED_EVENTS,
): boolean {
	const writtenAt = memory[WRITTEN_AT_KEY];
	if (
		typeof writtenAt === 'number' &&
		now - writtenAt < STATIC_DATA_WRITE_INTERVAL_MS &&
		writtenAt <= now
	) {
		return false;
	}
	const firstSeen = new Map<string, number>();
	for (const seen of [readSeenEvents(store), readSeenEvents(memory)]) {
		if (!seen) continue;
		seen.keys.forEach((key, index) => {
			const time = seen.times[index];
			if (typeof key !== 'string' || typeof time !== 'number') return;
			if (!isWithinWindow(time, windowMs, now)) return;
			const known = firstSeen.get(key);
			if (known === undefined || time < known) firstSeen.set(key, time);
		});
	}
	const entries = [...firstSeen].sort((a, b) => a[1] - b[1]).slice(-Math.max(maxEntries, 1));
	store[SEEN_EVENTS_KEY] = {
		keys: entries.map(([key]) => key),
		times: entries.map(([, time]) => time),
	} as unknown as IDataObject;
	memory[WRITTEN_AT_KEY] = now;
	return true;
}

/** How many workflow triggers this process keeps a memory for; the least recently used go first. */
const MAX_PROCESS_STORES = 1000;

const processStores = new Map<string, IDataObject>();

/**
 * The memory of one trigger (workflow and node) in this n8n process. It catches every repeat that
 * reaches the same process; the workflow's static data, written from it at most once a second,
 * carries it across restarts and to other processes.
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
