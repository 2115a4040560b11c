import { ECHO_LIMIT, quote } from './validation';

/**
 * The Peach API credential's Base URL: its expected form, checked before anything is sent, and the
 * words for a connection that could not be made to it. The nodes' requests and the credential's
 * Test button share these, so both say the same thing about the same mistake.
 */

export const DEFAULT_BASE_URL = 'https://app.trypeach.ai';

/** Where the field lives, as the user finds it in n8n. */
export const BASE_URL_FIELD = 'Peach API credential → Base URL';

export type BaseUrlCheck =
	| {
			ok: true;
			/** The address requests start from: no trailing slash. */
			url: string;
			/** host:port a connection goes to, e.g. app.trypeach.ai:443. */
			hostPort: string;
	  }
	| { ok: false; problem: string; fix: string };

/** The sentence every fix ends with: what a right value looks like. */
const EXPECTED_FORM = `The Base URL is the address only, starting with https:// (or http:// for a local server), e.g. ${DEFAULT_BASE_URL}.`;

/** host:port, with the scheme's default port said out loud. */
function hostPortOf(url: URL): string {
	const port = url.port || (url.protocol === 'http:' ? '80' : '443');
	return `${url.hostname}:${port}`;
}

/**
 * Checks the Base URL as the credential holds it. Empty means the default address. Spaces around
 * it and trailing slashes are dropped; anything that would send requests somewhere unintended (no
 * scheme, another scheme, a query, /api/v1 typed in, a user name or password) is refused.
 */
export function checkBaseUrl(value: unknown): BaseUrlCheck {
	if (value === undefined || value === null || value === '') {
		return checkBaseUrl(DEFAULT_BASE_URL);
	}
	if (typeof value !== 'string') {
		return {
			ok: false,
			problem: `is not text but ${Array.isArray(value) ? 'a list' : typeof value}`,
			fix: EXPECTED_FORM,
		};
	}
	const text = value.trim();
	if (text === '') return checkBaseUrl(DEFAULT_BASE_URL);
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1];
	if (!scheme) {
		const guess = `https://${text.replace(/^[/:]+/, '')}`.replace(/\/+$/, '');
		return {
			ok: false,
			problem: `${quote(text)} has no https:// in front`,
			fix:
				text.length > ECHO_LIMIT
					? EXPECTED_FORM
					: `Write it with its scheme: ${guess}. ${EXPECTED_FORM}`,
		};
	}
	if (!/^https?$/i.test(scheme)) {
		return {
			ok: false,
			problem: `${quote(text)} starts with ${scheme}://, which is not a web address Peach answers on`,
			fix: EXPECTED_FORM,
		};
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, problem: `${quote(text)} is not a valid web address`, fix: EXPECTED_FORM };
	}
	if (/\s/.test(text) || !url.hostname) {
		return { ok: false, problem: `${quote(text)} is not a valid web address`, fix: EXPECTED_FORM };
	}
	if (url.username || url.password) {
		// The value is not repeated: what stands before @ may be a password.
		return {
			ok: false,
			problem: 'contains a user name or password (something@ before the host)',
			fix: `Remove everything between :// and @. The API key goes in the API Key field. ${EXPECTED_FORM}`,
		};
	}
	const origin = `${url.protocol}//${url.host}`;
	if (url.search || url.hash || /[?#]/.test(text)) {
		return {
			ok: false,
			problem: `${quote(text)} has ${url.hash && !url.search ? 'a #fragment' : 'a ?query'} after the address, which would break every request path`,
			fix: `Remove everything from the ${url.hash && !url.search ? '#' : '?'} on: ${origin}${url.pathname.replace(/\/+$/, '')}.`,
		};
	}
	const path = url.pathname.replace(/\/+$/, '');
	const apiAt = path.search(/\/api(\/|$)/i);
	if (apiAt >= 0) {
		return {
			ok: false,
			problem: `${quote(text)} ends in ${path.slice(apiAt)}, which the node adds to every request itself (it would ask for /api/v1/api/v1/…)`,
			fix: `Remove ${path.slice(apiAt)}: use ${origin}${path.slice(0, apiAt)}.`,
		};
	}
	// A path that is not /api (a reverse proxy's prefix) is kept: requests go below it.
	return { ok: true, url: `${origin}${path}`, hostPort: hostPortOf(url) };
}

/** Failures that happen before a request leaves n8n: the request was never sent. */
const REFUSED = new Set(['ECONNREFUSED']);
const DNS_FAILED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);

export type ConnectionFailureKind = 'refused' | 'dns' | 'noRoute';

/** Which connection failure a network error code is, if it is one that never sends the request. */
export function connectionFailureKind(code: string): ConnectionFailureKind | undefined {
	if (REFUSED.has(code)) return 'refused';
	if (DNS_FAILED.has(code)) return 'dns';
	if (NO_ROUTE.has(code)) return 'noRoute';
	return undefined;
}

/**
 * What a failed connection to the Base URL means, in words: `problem` names the host and port
 * tried, `fix` what to check. Neither says whether anything was sent; the caller adds that.
 */
export function describeConnectionFailure(
	kind: ConnectionFailureKind,
	hostPort: string,
	code: string,
): { problem: string; fix: string } {
	const host = hostPort.replace(/:\d+$/, '');
	if (kind === 'refused') {
		return {
			problem: `Nothing answers at ${hostPort}, the Base URL's host and port (connection refused)`,
			fix: `Check ${BASE_URL_FIELD}: the host and port must be where Peach answers (${DEFAULT_BASE_URL} unless Peach gave you another address; a port is only needed for a local or proxy server).`,
		};
	}
	if (kind === 'dns') {
		return {
			problem: `The Base URL's host ${host} could not be found (DNS lookup failed: ${code})`,
			fix: `Check the spelling of ${BASE_URL_FIELD} (${DEFAULT_BASE_URL} unless Peach gave you another address), and that the n8n host can resolve names.`,
		};
	}
	return {
		problem: `No network route to ${hostPort}, the Base URL's host and port (${code})`,
		fix: `Check ${BASE_URL_FIELD} and the network of the n8n host (firewall, VPN, proxy).`,
	};
}
