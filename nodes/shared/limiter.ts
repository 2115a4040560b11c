import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * Paces the requests of one Peach account (API key + base URL), shared by every item, every
 * execution and every node of the package in this n8n process.
 *
 * Peach does not publish its rate limit, so the limiter learns it from Peach's answers:
 * - until Peach first answers 429 it sends freely, bounded only by MAX_IN_FLIGHT;
 * - a 429 for a request sent after the last adjustment sets the pace to what Peach really accepted
 *   over the last moments (a rate limiter at its limit accepts exactly its rate), a little under it;
 * - while nothing is refused, the pace creeps up slowly, so a raised limit is found again;
 * - `RateLimit-*` / `X-RateLimit-*` headers that say nothing is left pause it until the reset;
 * - a long `Retry-After` (a closed window rather than a full bucket) pauses the whole account.
 * An optional maximum from the credential caps the pace for accounts that share their limit.
 */

/** Requests to one account in flight at once: enough for 100+ requests/s at 100 ms latency. */
export const MAX_IN_FLIGHT = 16;

/** Below this the account is never paced: Peach answering 429 at 0.5/s means something else is wrong. */
const MIN_RATE = 0.5;

/** The pace sits this far under the measured limit, which keeps 429s rare. */
const HEADROOM = 0.96;

/** How fast the pace creeps up when nothing is refused (per second). */
const PROBE_GROWTH = 0.01;

/** A learned pace is forgotten after this long without requests (the limit may have changed). */
const FORGET_AFTER_MS = 5 * 60_000;

/** A Retry-After at least this long is taken as "the window is closed": everyone waits. */
const PAUSE_ALL_AFTER_MS = 5_000;

export interface RateLimitSignal {
	statusCode: number;
	/** When the request was given its slot (Date.now()). */
	sentAt: number;
	headers?: Record<string, unknown>;
}

/** Why `acquire` gave no slot: the execution was cancelled, or the slot came too late for the caller. */
export type NoSlot = 'cancelled' | 'tooLate';

export interface LimiterSnapshot {
	rate: number;
	inFlight: number;
	waiting: number;
	limited: boolean;
}

function header(
	headers: Record<string, unknown> | undefined,
	...names: string[]
): string | undefined {
	if (!headers) return undefined;
	for (const name of names) {
		for (const key of Object.keys(headers)) {
			if (key.toLowerCase() === name) {
				const value = headers[key];
				return Array.isArray(value) ? String(value[0]) : String(value);
			}
		}
	}
	return undefined;
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable. */
export function retryAfterMs(
	headers: Record<string, unknown> | undefined,
	now = Date.now(),
): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** When rate-limit headers say nothing is left, how long until the window resets (ms). */
function exhaustedForMs(
	headers: Record<string, unknown> | undefined,
	now: number,
): number | undefined {
	const remaining = header(headers, 'ratelimit-remaining', 'x-ratelimit-remaining');
	if (remaining === undefined || Number(remaining) > 0) return undefined;
	const reset = Number(header(headers, 'ratelimit-reset', 'x-ratelimit-reset'));
	if (!Number.isFinite(reset) || reset <= 0) return undefined;
	// Seconds until reset, or (a large number) the epoch second it resets at.
	const ms = reset > 1e9 ? reset * 1000 - now : reset * 1000;
	return ms > 0 ? Math.min(ms, 60 * 60_000) : undefined;
}

export class PeachRateLimiter {
	/** Requests per second; Infinity until Peach has pushed back. */
	private rate = Infinity;

	private nextSlotAt = 0;

	private pausedUntil = 0;

	private lastCutAt = 0;

	private lastGrowthAt = 0;

	private lastUsedAt = 0;

	private inFlight = 0;

	private readonly queue: Array<() => void> = [];

	/** Requests sent since the last adjustment that Peach accepted. */
	private acceptedSinceCut = 0;

	/** Send times of the requests Peach accepted lately, to measure its real rate. */
	private readonly accepted: number[] = [];

	constructor(private readonly maxRate = Infinity) {}

	snapshot(): LimiterSnapshot {
		return {
			rate: Math.min(this.rate, this.maxRate),
			inFlight: this.inFlight,
			waiting: this.queue.length,
			limited: this.rate !== Infinity,
		};
	}

	/**
	 * Waits for a slot: a free place among the requests in flight, then the next moment the pace
	 * allows. Returns the time the request may be sent, `cancelled` when the execution was cancelled
	 * meanwhile, or `tooLate` (at once, or as soon as it is known) when the slot would come more
	 * than `maxWaitMs` from now; only with a time must `release` be called, with Peach's answer.
	 */
	async acquire(signal?: AbortSignal, maxWaitMs = Infinity): Promise<number | NoSlot> {
		const asked = Date.now();
		// Those already waiting for a place go first, each at the pace: a turn past the bound is
		// known now, and not waited for.
		if (this.earliestSlotAt(asked, this.queue.length) - asked > maxWaitMs) return 'tooLate';
		if (this.inFlight >= MAX_IN_FLIGHT) {
			await new Promise<void>((resolve) => this.queue.push(resolve));
		}
		this.inFlight++;
		const now = Date.now();
		if (this.lastUsedAt && now - this.lastUsedAt > FORGET_AFTER_MS) this.rate = Infinity;
		this.lastUsedAt = now;
		const rate = Math.min(this.rate, this.maxRate);
		const sendAt = this.earliestSlotAt(now, 0);
		if (sendAt - asked > maxWaitMs) {
			// Not taken, so the pace of the requests that can wait is not pushed back by it.
			this.release();
			return 'tooLate';
		}
		const interval = rate === Infinity ? 0 : 1000 / rate;
		if (interval) this.nextSlotAt = sendAt + interval;
		if (sendAt > now && !(await sleepUnlessAborted(sendAt - now, signal))) {
			// Handed back, so the next request need not wait for a slot nobody uses.
			if (interval) this.nextSlotAt = Math.max(Date.now(), this.nextSlotAt - interval);
			this.release();
			return 'cancelled';
		}
		return Date.now();
	}

	/** The earliest moment a request could be sent with `ahead` requests queued before it. */
	private earliestSlotAt(now: number, ahead: number): number {
		const earliest = Math.max(now, this.pausedUntil);
		const rate = Math.min(this.rate, this.maxRate);
		if (rate === Infinity) return earliest;
		return Math.max(earliest, this.nextSlotAt + (ahead * 1000) / rate);
	}

	/** Frees the slot; with Peach's answer, learns from it. */
	release(signal?: RateLimitSignal): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.queue.shift()?.();
		if (!signal) return;
		const now = Date.now();
		const pauseMs = exhaustedForMs(signal.headers, now);
		if (pauseMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		if (signal.statusCode === 429) this.onRefused(signal, now);
		else if (signal.statusCode < 500) this.onAccepted(signal.sentAt, now);
	}

	private onAccepted(sentAt: number, now: number): void {
		this.accepted.push(sentAt);
		if (sentAt >= this.lastCutAt) this.acceptedSinceCut++;
		if (this.accepted.length > 4096) this.accepted.splice(0, this.accepted.length - 2048);
		if (this.rate === Infinity) return;
		// Creep up, once a second, only while the pace is actually being used: slowly just after a
		// 429, faster the longer Peach accepts everything, so a cut too deep or a raised limit is
		// made up for within seconds.
		const sinceCut = now - this.lastCutAt;
		if (sinceCut > 1000 && now - this.lastGrowthAt > 1000) {
			this.lastGrowthAt = now;
			const growth = sinceCut > 15_000 ? 0.2 : sinceCut > 5_000 ? 0.05 : PROBE_GROWTH;
			this.rate *= 1 + growth;
		}
	}

	private onRefused(signal: RateLimitSignal, now: number): void {
		const wait = retryAfterMs(signal.headers, now);
		if (wait !== undefined && wait >= PAUSE_ALL_AFTER_MS) {
			this.pausedUntil = Math.max(this.pausedUntil, now + wait);
		}
		// Requests sent before the last adjustment were paced by the old rate: already answered for.
		if (signal.sentAt < this.lastCutAt) return;
		const measured = this.acceptedRate(now);
		// Refusals while nothing is accepted say nothing about the rate (Peach refuses everything, or
		// its window is closed): the refused request waits on its own, and the pace learned so far
		// stays rather than being halved down to the floor, refusal after refusal.
		if (measured <= 0 || (this.rate !== Infinity && this.acceptedSinceCut === 0)) return;
		const current = this.rate === Infinity ? measured * 2 : this.rate;
		// At most halve per adjustment: one short, noisy window must not stall the account.
		const next = Math.max(measured * HEADROOM, current / 2);
		this.rate = Math.max(MIN_RATE, Math.min(next, current));
		this.lastCutAt = now;
		this.lastGrowthAt = now;
		this.acceptedSinceCut = 0;
		// Spread the slots from now on: what was already promised keeps its time.
		this.nextSlotAt = Math.max(this.nextSlotAt, now);
	}

	/** What Peach accepted per second lately, over a window long enough to hold ~20 requests. */
	private acceptedRate(now: number): number {
		const guess = this.rate === Infinity ? 20 : this.rate;
		const windowMs = Math.min(4000, Math.max(1000, (20 / guess) * 1000));
		const since = now - windowMs;
		let count = 0;
		for (let i = this.accepted.length - 1; i >= 0 && this.accepted[i] >= since; i--) count++;
		// A window that reaches back before the first accepted request would understate the rate.
		const oldest = this.accepted.length ? this.accepted[this.accepted.length - count] : now;
		const span = Math.max(250, Math.min(windowMs, now - (count ? oldest : since)));
		return (count / span) * 1000;
	}
}

/** Sleeps; false when the execution was cancelled before the time was up. */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (!signal) {
		await sleep(ms);
		return true;
	}
	if (signal.aborted) return false;
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<boolean>((resolve) => {
		onAbort = () => resolve(false);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([sleep(ms).then(() => true), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

const limiters = new Map<string, PeachRateLimiter>();

/**
 * The limiter of one Peach account. The key is a hash, so the API key itself is never kept here.
 * A changed maximum in the credential takes effect with a new limiter.
 */
export function limiterFor(apiKey: string, baseUrl: string, maxRate?: number): PeachRateLimiter {
	const cap = maxRate && maxRate > 0 ? maxRate : Infinity;
	const key = createHash('sha256').update(`${baseUrl}\n${apiKey}\n${cap}`).digest('hex');
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new PeachRateLimiter(cap);
		limiters.set(key, limiter);
	}
	return limiter;
}
