/**
 * Bodies the trigger refuses before anything runs. n8n saves every execution's data as JSON, and
 * `JSON.stringify` throws on a value nested a few thousand levels deep, so such a body would start
 * an execution that can never be saved. Peach's own payloads are a few KB and at most 5 levels deep
 * (body → data → message → reply → author), so both limits leave ample room.
 */

/** The largest body accepted, in bytes (1 MiB). Larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The deepest nesting of objects and arrays accepted. Deeper bodies get 400. */
export const MAX_BODY_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, read in one pass over the
 * bytes without parsing (so a hostile body costs no recursion and no allocation). Brackets inside
 * strings do not count. Text that is not JSON is left for the parser to refuse.
 */
export function jsonTextIsTooDeep(bytes: Uint8Array, maxDepth: number = MAX_BODY_DEPTH): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i];
		if (inString) {
			if (byte === BACKSLASH) i++;
			else if (byte === QUOTE) inString = false;
			continue;
		}
		if (byte === QUOTE) inString = true;
		else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
			if (++depth > maxDepth) return true;
		} else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
	}
	return false;
}

/** The same check on a value already parsed (when n8n kept no raw body), without recursion. */
export function valueIsTooDeep(value: unknown, maxDepth: number = MAX_BODY_DEPTH): boolean {
	const pending: Array<[unknown, number]> = [[value, 1]];
	while (pending.length > 0) {
		const [current, depth] = pending.pop() as [unknown, number];
		if (typeof current !== 'object' || current === null) continue;
		if (depth > maxDepth) return true;
		for (const child of Object.values(current)) pending.push([child, depth + 1]);
	}
	return false;
}
