import { createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * Checks that a webhook request comes from whoever holds the shared secret. Peach documents no
 * signature ("Webhooks: common facts"), so these are the usual schemes a sender or a relay can use.
 */

export type AuthenticationMode = 'none' | 'headerSecret' | 'queryToken' | 'hmacSignature';

export interface VerificationSettings {
	mode: AuthenticationMode;
	secret: string;
	/** Header that carries the secret (headerSecret) or the signature (hmacSignature). */
	headerName?: string;
	/** Query parameter that carries the token (queryToken). */
	queryParameter?: string;
	/** Text before the signature in its header, e.g. `sha256=` (hmacSignature). */
	signaturePrefix?: string;
	signatureEncoding?: 'hex' | 'base64';
}

export interface IncomingRequest {
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
	rawBody: unknown;
}

export type VerificationResult = { ok: true } | { ok: false; reason: string };

/**
 * Compares two values in time that depends on neither their content nor where they first differ.
 * Both sides are hashed to equal-length digests first, so a length mismatch fails without an early exit.
 */
export function constantTimeEquals(actual: string | Buffer, expected: string | Buffer): boolean {
	const actualBytes = Buffer.isBuffer(actual) ? actual : Buffer.from(actual, 'utf8');
	const expectedBytes = Buffer.isBuffer(expected) ? expected : Buffer.from(expected, 'utf8');
	const actualDigest = createHash('sha256').update(actualBytes).digest();
	const expectedDigest = createHash('sha256').update(expectedBytes).digest();
	const sameDigest = timingSafeEqual(actualDigest, expectedDigest);
	return sameDigest && actualBytes.length === expectedBytes.length;
}

/** A header's value by case-insensitive name; the first one when it was sent several times. */
export function getHeader(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const wanted = name.trim().toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

function getQueryValue(query: Record<string, unknown>, name: string): string | undefined {
	const value = query[name];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

export function signBody(rawBody: Buffer, secret: string, encoding: 'hex' | 'base64'): string {
	return createHmac('sha256', secret).update(rawBody).digest(encoding);
}

export function verifyRequest(
	request: IncomingRequest,
	settings: VerificationSettings,
): VerificationResult {
	switch (settings.mode) {
		case 'none':
			return { ok: true };

		case 'headerSecret': {
			const headerName = settings.headerName ?? '';
			const value = getHeader(request.headers, headerName);
			if (value === undefined || value === '') {
				return { ok: false, reason: `Missing header "${headerName}"` };
			}
			return constantTimeEquals(value, settings.secret)
				? { ok: true }
				: { ok: false, reason: `Header "${headerName}" does not hold the shared secret` };
		}

		case 'queryToken': {
			const parameter = settings.queryParameter ?? '';
			const value = getQueryValue(request.query, parameter);
			if (value === undefined || value === '') {
				return { ok: false, reason: `Missing query parameter "${parameter}"` };
			}
			return constantTimeEquals(value, settings.secret)
				? { ok: true }
				: { ok: false, reason: `Query parameter "${parameter}" does not hold the shared secret` };
		}

		case 'hmacSignature': {
			const headerName = settings.headerName ?? '';
			const encoding = settings.signatureEncoding ?? 'hex';
			const prefix = settings.signaturePrefix ?? '';
			const header = getHeader(request.headers, headerName);
			if (header === undefined || header.trim() === '') {
				return { ok: false, reason: `Missing signature header "${headerName}"` };
			}
			if (!Buffer.isBuffer(request.rawBody)) {
				return { ok: false, reason: 'The raw request body is not available to check its signature' };
			}
			let signature = header.trim();
			if (prefix !== '') {
				if (!signature.toLowerCase().startsWith(prefix.toLowerCase())) {
					return { ok: false, reason: `Signature header "${headerName}" does not start with "${prefix}"` };
				}
				signature = signature.slice(prefix.length);
			}
			// Hex digits are case-insensitive; base64 is not.
			if (encoding === 'hex') signature = signature.toLowerCase();
			const expected = signBody(request.rawBody, settings.secret, encoding);
			return constantTimeEquals(signature, expected)
				? { ok: true }
				: { ok: false, reason: 'The signature does not match the request body' };
		}
	}
}
