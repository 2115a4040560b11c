'use strict';
/**
 * Traffic controls of the sandbox: a rate limit like an API gateway's (a token bucket: `rate`
 * requests per second, up to `burst` at once, 429 with Retry-After beyond), a latency added to
 * every API answer, and counts of what got through, per recipient, so a benchmark can see
 * duplicates. The rate limit sends no X-RateLimit-* headers: Peach documents none, so a client has
 * only the 429 and its Retry-After to go by.
 */

function createTraffic() {
	let bucket = null;
	let latencyMs = 0;
	let refused = 0;
	let inFlight = 0;
	let maxInFlight = 0;

	return {
		/** setRateLimit({ rate, burst }) or setRateLimit(null) to lift it. */
		setRateLimit(limit) {
			if (limit === null || limit === undefined) {
				bucket = null;
				return;
			}
			const rate = Number(limit.rate);
			const burst = limit.burst === undefined ? rate : Number(limit.burst);
			if (!(rate > 0) || !(burst >= 1)) throw new Error('rate limit needs rate > 0 and burst >= 1');
			bucket = { rate, burst, tokens: burst, updatedAt: Date.now() };
		},
		setLatency(ms) {
			const value = Number(ms);
			if (!(value >= 0)) throw new Error('latency must be >= 0 ms');
			latencyMs = value;
		},
		get latencyMs() {
			return latencyMs;
		},
		/** Takes a token; null when the request may go, else the seconds to put in Retry-After. */
		take(now = Date.now()) {
			if (!bucket) return null;
			bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.rate);
			bucket.updatedAt = now;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return null;
			}
			refused++;
			// HTTP's Retry-After counts whole seconds.
			return Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.rate));
		},
		/** Around each API request: how many were being answered at once, at most. */
		enter() {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
		},
		leave() {
			inFlight--;
		},
		reset() {
			maxInFlight = inFlight;
			bucket = null;
			latencyMs = 0;
			refused = 0;
		},
		stats(requests) {
			const sends = new Map();
			for (const request of requests) {
				if (request.route !== 'POST /api/v1/events' || !(request.status < 300)) continue;
				if (request.body?.event_type !== 'send_template_message') continue;
				const phone = request.body.contact?.phone_number ?? '(none)';
				sends.set(phone, (sends.get(phone) ?? 0) + 1);
			}
			let duplicates = 0;
			for (const count of sends.values()) duplicates += Math.max(0, count - 1);
			const api = requests.filter((request) => request.path.startsWith('/api/v1/'));
			return {
				requests: api.length,
				refused,
				accepted: api.filter((request) => request.status < 400).length,
				sends: [...sends.values()].reduce((sum, count) => sum + count, 0),
				recipients: sends.size,
				duplicates,
				rateLimit: bucket ? { rate: bucket.rate, burst: bucket.burst } : null,
				latencyMs,
				maxInFlight,
			};
		},
	};
}

module.exports = { createTraffic };
