import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { checkBaseUrl, connectionFailureKind, describeConnectionFailure } from './baseUrl';
import type { ConnectionFailureKind } from './baseUrl';
import {
	alreadyAccepted,
	baseUrlError,
	mayHaveBeenProcessed,
	peachApiError,
	rateLimitError,
	scrubSecrets,
} from './errors';
import type { AcceptedChange } from './errors';
import { limiterFor, retryAfterMs, sleepUnlessAborted } from './limiter';

/** Where a request to Peach can start: an operation's item, a picker, or a poll. */
export type PeachRequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface PeachCredential {
	apiKey?: string;
	baseUrl?: string;
	/** Optional cap (requests/s) for accounts whose limit other systems share. */
	maxRequestsPerSecond?: number;
}

/** How a run sends: the user's Request Options, read once per run. */
export interface SendSettings {
	/** Per request, in ms: the node's Request Options → Timeout. */
	timeoutMs: number;
	/** How many times one request may be refused with 429 before the item fails. */
	rateLimitRetries: number;
	/**
	 * The longest one item may spend waiting because of Peach's rate limit, in ms, over all its
	 * requests: its turns in the account's pace, Retry-After waits and the requests Peach refused.
	 */
	rateLimitMaxWaitMs: number;
	proxy?: IHttpRequestOptions['proxy'];
	skipSslCertificateValidation?: boolean;
	/** A moment (Date.now()) past which no request of this call may run, tries again included. */
	deadline?: number;
}

export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_RATE_LIMIT_RETRIES = 20;
export const DEFAULT_RATE_LIMIT_MAX_WAIT_S = 300;
/** Reads that failed on Peach's side (5xx), timed out or lost their connection are tried this often. */
const READ_ATTEMPTS = 4;

export const DEFAULT_SEND_SETTINGS: SendSettings = {
	timeoutMs: DEFAULT_TIMEOUT_MS,
	rateLimitRetries: DEFAULT_RATE_LIMIT_RETRIES,
	rateLimitMaxWaitMs: DEFAULT_RATE_LIMIT_MAX_WAIT_S * 1000,
};

/**
 * What one run of a node shares between its items: the credential (read once), the send settings,
 * lookups already made (a template read once serves every item) and what Peach accepted so far.
 */
export interface PeachRun {
	credential: PeachCredential;
	settings: SendSettings;
	lookups: Map<string, Promise<unknown>>;
	signal?: AbortSignal;
}

const runOfContext = new WeakMap<object, PeachRun>();

export function attachRun(context: object, run: PeachRun): void {
	runOfContext.set(context, run);
}

export function runOf(context: object): PeachRun | undefined {
	return runOfContext.get(context);
}

/** What one item of a run has been through so far, over all its requests. */
interface ItemProgress {
	/** Time spent because of Peach's rate limit, in ms: waiting for a turn, after 429s, and the refused requests. */
	rateLimitWaitedMs: number;
	/** A change of this item Peach already accepted: a later failure must not invite running it again. */
	accepted?: AcceptedChange;
}

const progressOfRun = new WeakMap<PeachRun, Map<number, ItemProgress>>();

/** The item's progress in its run; a request outside a run's item (a picker, a poll) counts alone. */
function progressOf(context: PeachRequestContext): ItemProgress {
	const run = runOf(context);
	const itemIndex = itemIndexOf(context);
	if (!run || itemIndex === undefined) return { rateLimitWaitedMs: 0 };
	let items = progressOfRun.get(run);
	if (!items) {
		items = new Map();
		progressOfRun.set(run, items);
	}
	let progress = items.get(itemIndex);
	if (!progress) {
		progress = { rateLimitWaitedMs: 0 };
		items.set(itemIndex, progress);
	}
	return progress;
}

/**
 * A lookup made once per run: the first item asks Peach, the others share its answer (or its
 * error). Outside a run (pickers) it just asks.
 */
export async function lookupOncePerRun<T>(
	context: object,
	key: string,
	load: () => Promise<T>,
): Promise<T> {
	const run = runOf(context);
	if (!run) return await load();
	let pending = run.lookups.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = load();
		run.lookups.set(key, pending);
	}
	return await pending;
}

async function credentialOf(context: PeachRequestContext): Promise<PeachCredential> {
	return runOf(context)?.credential ?? (await context.getCredentials<PeachCredential>('peachApi'));
}

function itemIndexOf(context: PeachRequestContext): number | undefined {
	return 'getItemIndex' in context && typeof context.getItemIndex === 'function'
		? context.getItemIndex()
		: undefined;
}

/** Requests that change or create something in Peach: never resent unless Peach said it did not process them. */
function isRead(method: string | undefined): boolean {
	return (method ?? 'GET').toUpperCase() === 'GET';
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Whether a failed request ran out of time (n8n's HTTP helpers report it by code or message). */
export function isTimeout(error: unknown): boolean {
	return TIMEOUT_CODES.has(errorCode(error)) || /timeout/i.test(String((error as Error)?.message));
}

/** The network error code of a failed request (ECONNREFUSED, ENOTFOUND, …), or ''. */
export function errorCode(error: unknown): string {
	const candidate = error as { code?: unknown; cause?: { code?: unknown } };
	return String(candidate?.code ?? candidate?.cause?.code ?? '');
}

/**
 * How a request that got no answer failed: it timed out, it was never sent (the host could not be
 * reached), or the connection broke; with the code that says so.
 */
export function connectionFailure(error: unknown): {
	code: string;
	timedOut: boolean;
	notSent: ConnectionFailureKind | undefined;
} {
	const code = errorCode(error);
	return { code, timedOut: isTimeout(error), notSent: connectionFailureKind(code) };
}

function transportError(
	context: PeachRequestContext,
	error: unknown,
	request: IHttpRequestOptions,
	timeoutMs: number,
	hostPort: string,
	attempts: number,
	secrets: string[],
): NodeApiError {
	const itemIndex = itemIndexOf(context);
	const { code, timedOut, notSent } = connectionFailure(error);
	const path = String(request.url ?? '');
	const read = isRead(request.method);
	let message: string;
	let description: string;
	if (notSent) {
		// No connection was made, so this request never left n8n: Peach cannot have processed it.
		const { problem, fix } = describeConnectionFailure(notSent, hostPort, code);
		const accepted = progressOf(context).accepted;
		message = problem;
		description = [
			fix,
			request.proxy ? 'A proxy is set in Request Options: the connection went to it, so check it too.' : '',
			accepted
				? alreadyAccepted(accepted)
				: read
					? `Tried ${attempts} time${attempts === 1 ? '' : 's'}; a read changes nothing in Peach, so running it again is safe.`
					: 'This request was never sent, so Peach did not process it: running the item again sends it once.',
		]
			.filter(Boolean)
			.join(' ');
	} else if (timedOut) {
		message = `Peach did not answer within ${timeoutMs < 1000 ? (timeoutMs / 1000).toFixed(1) : Math.round(timeoutMs / 1000)} s`;
		description = read
			? 'Tried several times. Raise Timeout in the node’s Request Options, or try again later.'
			: mayHaveBeenProcessed(path, request.body);
	} else {
		message = 'The connection to Peach broke before it answered';
		description = read
			? 'Tried several times. Try again later.'
			: mayHaveBeenProcessed(path, request.body);
	}
	// The host named may be anything typed into the Base URL, the API key included.
	return noAnswerError(context.getNode(), {
		message: scrubSecrets(message, secrets),
		description: scrubSecrets(description, secrets),
		itemIndex,
		code,
		path,
	});
}

/**
 * The error of a request that got no answer (a timeout, a reset, a host not reached), in the shape
 * of every such error of the package: the message with [item N], what may have happened and what
 * to do in the description, and only the cause's code in the details.
 */
export function noAnswerError(
	node: INode,
	failure: { message: string; description: string; itemIndex: number | undefined; code: string; path?: string },
): NodeApiError {
	const { itemIndex, code, path } = failure;
	// Only the code travels: the original error holds the request, and with it the API key. It is
	// not under `code`, nor in the message, where n8n would swap our words for its generic ones.
	const body = (path === undefined ? { errorCode: code || 'unknown' } : { errorCode: code || 'unknown', path }) as JsonObject;
	return new NodeApiError(node, body, {
		message: itemIndex === undefined ? failure.message : `${failure.message} [item ${itemIndex}]`,
		description: failure.description,
		itemIndex,
		httpCode: 'none',
	});
}

function cancelled(context: PeachRequestContext): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		'The execution was cancelled before Peach was asked',
		{
			itemIndex: itemIndexOf(context),
		},
	);
}

/** A growing wait with jitter: about 0.25 s, 0.5 s, 1 s … up to 30 s. */
function backoffMs(attempt: number): number {
	const base = Math.min(30_000, 500 * 2 ** attempt);
	return base / 2 + Math.random() * (base / 2);
}

/**
 * The one way a request reaches Peach. Every request of the package goes through here, paced by
 * the account's limiter. A 429 means Peach did not process the request, so that request alone
 * waits as Peach says and goes again, within the run's bounds. Reads are also tried again after a
 * 5xx, a timeout or a broken connection; anything else is sent once, whatever happens, because
 * Peach may have processed it. Answers of 400 and above are returned for the caller to explain.
 */
export async function sendToPeach(
	context: PeachRequestContext,
	request: IHttpRequestOptions,
	overrides: Partial<SendSettings> = {},
): Promise<IN8nHttpFullResponse> {
	const run = runOf(context);
	const credential = await credentialOf(context);
	const settings = {
		...(run?.settings ?? DEFAULT_SEND_SETTINGS),
		...overrides,
	};
	const secrets = [credential.apiKey ?? ''];
	const baseUrl = checkBaseUrl(credential.baseUrl);
	if (!baseUrl.ok) throw baseUrlError(context.getNode(), baseUrl, itemIndexOf(context), secrets);
	const limiter = limiterFor(
		credential.apiKey ?? '',
		baseUrl.url,
		Number(credential.maxRequestsPerSecond) || undefined,
	);
	const options: IHttpRequestOptions = {
		...request,
		baseURL: baseUrl.url,
		// The credential's scheme (the raw key in Authorization), applied here from the credential
		// read once per run: n8n's authenticated request would read and decrypt it for every request.
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/json',
			...request.headers,
			Authorization: credential.apiKey ?? '',
		},
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	if (settings.proxy) options.proxy = settings.proxy;
	if (settings.skipSslCertificateValidation) options.skipSslCertificateValidation = true;
	const read = isRead(options.method);
	const signal = run?.signal;
	const progress = progressOf(context);
	let refusals = 0;
	const deadline = settings.deadline ?? Infinity;
	const hasTimeLeft = (waitMs: number) => Date.now() + waitMs < deadline;
	/**
	 * Rate-limit waiting the item may still do: what Max Wait leaves, and never past the deadline
	 * (a read due at the deadline itself, the last poll of a wait, still goes if its turn is now).
	 */
	const waitLeftMs = () =>
		Math.min(
			settings.rateLimitMaxWaitMs - progress.rateLimitWaitedMs,
			Math.max(0, deadline - Date.now()),
		);
	const giveUp = (response?: IN8nHttpFullResponse) =>
		rateLimitError(context.getNode(), {
			itemIndex: itemIndexOf(context),
			waitedMs: progress.rateLimitWaitedMs,
			response,
			accepted: progress.accepted,
			secrets,
		});
	for (let attempt = 0; ; attempt++) {
		// Each try gets the node's Timeout, but never more than what is left before the deadline.
		options.timeout = Math.max(250, Math.min(settings.timeoutMs, deadline - Date.now()));
		const asked = Date.now();
		const sentAt = await limiter.acquire(signal, waitLeftMs());
		progress.rateLimitWaitedMs += Date.now() - asked;
		if (sentAt === 'cancelled') throw cancelled(context);
		if (sentAt === 'tooLate') throw giveUp();
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequest(options)) as IN8nHttpFullResponse;
		} catch (error) {
			limiter.release();
			const pause = backoffMs(attempt);
			if (read && attempt + 1 < READ_ATTEMPTS && !signal?.aborted && hasTimeLeft(pause)) {
				if (!(await sleepUnlessAborted(pause, signal))) throw cancelled(context);
				continue;
			}
			throw transportError(context, error, options, options.timeout, baseUrl.hostPort, attempt + 1, secrets);
		}
		const headers = (response.headers ?? {}) as Record<string, unknown>;
		limiter.release({ statusCode: response.statusCode, sentAt, headers });
		if (response.statusCode === 429) {
			// A refused request's own time was lost to the rate limit too.
			progress.rateLimitWaitedMs += Date.now() - sentAt;
			const wait = retryAfterMs(headers) ?? backoffMs(refusals);
			refusals++;
			if (refusals > settings.rateLimitRetries || wait > waitLeftMs()) throw giveUp(response);
			progress.rateLimitWaitedMs += wait;
			if (!(await sleepUnlessAborted(wait, signal))) throw cancelled(context);
			continue;
		}
		if (!read && response.statusCode < 400) {
			progress.accepted ??= { path: String(options.url ?? ''), body: options.body };
		}
		const pause = backoffMs(attempt);
		if (response.statusCode >= 500 && read && attempt + 1 < READ_ATTEMPTS && hasTimeLeft(pause)) {
			if (!(await sleepUnlessAborted(pause, signal))) throw cancelled(context);
			continue;
		}
		checkBodyIsJson(context, response, options, secrets);
		return response;
	}
}

/**
 * A success whose body is not JSON is not a success: the request may have been processed, but
 * what Peach answered cannot be read.
 */
function checkBodyIsJson(
	context: PeachRequestContext,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions,
	secrets: string[],
): void {
	if (response.statusCode >= 300 || typeof response.body !== 'string') return;
	const text = response.body.trim();
	if (text === '') return;
	try {
		JSON.parse(text);
		return;
	} catch {
		const itemIndex = itemIndexOf(context);
		const path = String(request.url ?? '');
		const snippet = scrubSecrets(text.length > 200 ? `${text.slice(0, 200)}…` : text, secrets);
		const processed = isRead(request.method)
			? 'Try again; if it persists, check the Base URL in the credential.'
			: mayHaveBeenProcessed(path, request.body);
		throw new NodeApiError(context.getNode(), { body: snippet } as JsonObject, {
			message: `Peach answered ${response.statusCode} with something that is not JSON: "${snippet}"${itemIndex !== undefined ? ` [item ${itemIndex}]` : ''}`,
			description: processed,
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
}

/**
 * One Peach API call outside an operation's own request (pickers, template checks, status polling,
 * polls). Goes through `sendToPeach`, and a non-2xx answer becomes the same readable error every
 * operation shows.
 */
export async function peachApiRequest<T = unknown>(
	this: PeachRequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject; deadline?: number } = {},
): Promise<T> {
	const request: IHttpRequestOptions = { method, url: path };
	if (options.qs && Object.keys(options.qs).length) request.qs = options.qs;
	if (options.body) request.body = options.body;
	const response = await sendToPeach(this, request, { deadline: options.deadline });
	if (response.statusCode >= 400) {
		const credential = await credentialOf(this);
		throw peachApiError(this.getNode(), {
			statusCode: response.statusCode,
			body: response.body,
			headers: response.headers as IDataObject,
			path,
			itemIndex: itemIndexOf(this),
			secrets: [credential.apiKey ?? ''],
			method,
		});
	}
	return response.body as T;
}
