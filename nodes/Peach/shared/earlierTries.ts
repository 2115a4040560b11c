import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { mayHaveBeenProcessed } from '../../shared/errors';
import { connectionFailure } from '../../shared/transport';

/**
 * Retry On Fail runs the whole node again, with the same execution, node, run index and input
 * items, when the node fails. Without a memory of the earlier try, every item would be sent again:
 * messages, broadcasts, refunds and automation runs that Peach had already accepted. So each
 * create an item sends is remembered by its place among the item's creates (an upload, then its
 * finalize), with a fingerprint of the request and its outcome, and a later try of the same run
 * answers from it instead of sending: with Peach's earlier answer if Peach accepted it, with an
 * error if its outcome is unknown or the request changed. Requests Peach did not process (429, a
 * 4xx refusal, never sent) are not remembered and go out on the next try. An item that finished
 * is given again as it was.
 *
 * n8n runs every try of a node in the same process (in queue mode, on the same worker), so this
 * process's memory sees all of them. Nothing secret is kept: no API key, no headers, only a
 * fingerprint of each request, and the status and body of what Peach accepted and the finished
 * items' output (what the output is made from).
 */

/** What an earlier try of one create request came to. */
export type EarlierOutcome =
	{ accepted: true; statusCode: number; body: unknown } | { accepted: false; why: string };

/** One create of an item as an earlier try sent it: a fingerprint of the request, and its outcome. */
interface SentCreate {
	fingerprint: string;
	outcome: EarlierOutcome;
}

/** An item an earlier try finished: its output, given again without running it. */
interface FinishedItem {
	output: IDataObject[];
}

interface RunRecord {
	outcomes: Map<string, SentCreate | FinishedItem>;
	touchedAt: number;
}

/**
 * Bounds (creates and finished items, over all runs): a retry follows its failure within seconds,
 * since n8n waits at most 5 s between tries.
 */
const MAX_REMEMBERED_ENTRIES = 50_000;
const MAX_AGE_MS = 6 * 60 * 60 * 1000;
const MAX_FORGOTTEN_RUNS = 10_000;

/** Oldest first (a run touched again moves to the end). */
const runs = new Map<string, RunRecord>();
let rememberedEntries = 0;
/**
 * Runs whose record was dropped for space or age before a retry came: such a retry cannot tell
 * which items Peach already has, so it sends none of their creates.
 */
const forgottenRuns = new Set<string>();

function drop(runKey: string, record: RunRecord): void {
	runs.delete(runKey);
	rememberedEntries -= record.outcomes.size;
}

function evictBeyondBounds(now: number): void {
	for (const [runKey, record] of runs) {
		if (rememberedEntries <= MAX_REMEMBERED_ENTRIES && now - record.touchedAt <= MAX_AGE_MS) break;
		drop(runKey, record);
		forgottenRuns.add(runKey);
		if (forgottenRuns.size > MAX_FORGOTTEN_RUNS) {
			forgottenRuns.delete(forgottenRuns.values().next().value as string);
		}
	}
}

function hashOf(value: unknown): string {
	return createHash('sha256')
		.update(JSON.stringify(value) ?? '')
		.digest('base64');
}

/** Requests that create or change something in Peach; reads may repeat, storage uploads are idempotent. */
export function isPeachWrite(options: IHttpRequestOptions): boolean {
	// sendToPeach sets baseURL on every Peach request; a storage upload goes to an absolute URL.
	return !!options.baseURL && (options.method ?? 'GET').toUpperCase() !== 'GET';
}

/** One try of one node run: what earlier tries of the same run sent, and what this one sends. */
export class EarlierTries {
	private constructor(private readonly runKey: string) {}

	/**
	 * The record of this node run, or undefined when n8n will not run the node again (Retry On
	 * Fail off) or the run cannot be told apart from another (no execution ID).
	 */
	static of(exec: IExecuteFunctions): EarlierTries | undefined {
		const node = exec.getNode();
		const executionId = exec.getExecutionId();
		if (node.retryOnFail !== true || !executionId) return undefined;
		// An AI tool's every try gets a new run index; its one input item (the tool's arguments)
		// tells its tries apart from other calls instead.
		const run = node.type.endsWith('Tool')
			? `tool\u0000${hashOf(exec.getInputData()[0]?.json ?? {})}`
			: String(exec.getWorkflowDataProxy(0).$runIndex);
		const tries = new EarlierTries([executionId, node.id || node.name, run].join('\u0000'));
		tries.touch();
		return tries;
	}

	/** A new try of the run: drop what is past the bounds first, then keep this run's record fresh. */
	private touch(): void {
		const now = Date.now();
		evictBeyondBounds(now);
		const record = runs.get(this.runKey);
		if (record) {
			runs.delete(this.runKey);
			record.touchedAt = now;
			runs.set(this.runKey, record);
		}
	}

	/** The n-th create an item sends (an upload then its finalize: 0, 1). */
	private static keyOf(itemIndex: number, ordinal: number): string {
		return `${itemIndex}\u0000${ordinal}`;
	}

	private static fingerprintOf(options: IHttpRequestOptions): string {
		return hashOf([options.method, options.url, options.qs, options.body]);
	}

	/** Keys an item's finished output by its input, so another input at that index is not confused. */
	private static finishedKeyOf(itemIndex: number, input: INodeExecutionData | undefined): string {
		const files = Object.entries(input?.binary ?? {}).map(([field, file]) => [
			field,
			file.id ?? file.data?.length,
			file.fileName,
			file.mimeType,
		]);
		return `${itemIndex}\u0000done\u0000${hashOf([input?.json, files])}`;
	}

	/**
	 * What an earlier try of this run got for the item's n-th create, if it was sent. A request
	 * that differs from the one sent then (an expression such as $now gives another value on each
	 * try) is not taken for a new one: it would be a second create.
	 */
	find(
		itemIndex: number,
		ordinal: number,
		options: IHttpRequestOptions,
	): EarlierOutcome | undefined {
		if (forgottenRuns.has(this.runKey)) {
			return { accepted: false, why: 'its record was dropped to bound memory' };
		}
		const sent = runs.get(this.runKey)?.outcomes.get(EarlierTries.keyOf(itemIndex, ordinal)) as
			SentCreate | undefined;
		if (!sent) return undefined;
		if (sent.fingerprint !== EarlierTries.fingerprintOf(options)) {
			return {
				accepted: false,
				why: 'this try’s request differs from the one sent then (an expression that gives another value on each try, such as $now, changes it)',
			};
		}
		return sent.outcome;
	}

	remember(
		itemIndex: number,
		ordinal: number,
		options: IHttpRequestOptions,
		outcome: EarlierOutcome,
	): void {
		this.store(EarlierTries.keyOf(itemIndex, ordinal), {
			fingerprint: EarlierTries.fingerprintOf(options),
			outcome,
		});
	}

	/** The output of an item an earlier try of this run finished after creating something. */
	findFinished(
		itemIndex: number,
		input: INodeExecutionData | undefined,
	): IDataObject[] | undefined {
		const entry = runs.get(this.runKey)?.outcomes.get(EarlierTries.finishedKeyOf(itemIndex, input));
		return entry && 'output' in entry ? structuredClone(entry.output) : undefined;
	}

	/**
	 * A finished item is given again as it was, without running its hooks again: no second
	 * storage upload, no second wait for delivery.
	 */
	rememberFinished(
		itemIndex: number,
		input: INodeExecutionData | undefined,
		output: IDataObject[],
	): void {
		this.store(EarlierTries.finishedKeyOf(itemIndex, input), { output: structuredClone(output) });
	}

	private store(key: string, entry: SentCreate | FinishedItem): void {
		let record = runs.get(this.runKey);
		if (!record) {
			record = { outcomes: new Map(), touchedAt: Date.now() };
			runs.set(this.runKey, record);
		}
		if (!record.outcomes.has(key)) rememberedEntries++;
		record.outcomes.set(key, entry);
		evictBeyondBounds(Date.now());
	}

	/** The run ended in a way n8n does not retry: nothing of it is needed any more. */
	forget(): void {
		const record = runs.get(this.runKey);
		if (record) drop(this.runKey, record);
	}
}

function unreadable(response: IN8nHttpFullResponse): boolean {
	if (typeof response.body !== 'string' || !response.body.trim()) return false;
	try {
		JSON.parse(response.body);
		return false;
	} catch {
		return true;
	}
}

/**
 * An item's `httpRequest` that sends each Peach create at most once across the tries of a node
 * run. A create an earlier try already sent is answered with Peach's earlier answer, or, when that
 * try's outcome is unknown, not sent: `notSent` is called and the request fails, and the caller
 * reports the item with `notSentAgainError`.
 */
export function sendingOnceAcrossTries(
	send: (options: IHttpRequestOptions) => Promise<unknown>,
	tries: EarlierTries,
	itemIndex: number,
	notSent: (why: string, options: IHttpRequestOptions) => void,
	wrote: () => void,
): (options: IHttpRequestOptions) => Promise<unknown> {
	// Counts this item's creates in this try; a 429 or 4xx is not counted, so a resend keeps its place.
	let ordinal = 0;
	const remember = (options: IHttpRequestOptions, outcome: EarlierOutcome) =>
		tries.remember(itemIndex, ordinal++, options, outcome);
	return async (options) => {
		if (!isPeachWrite(options)) return await send(options);
		wrote();
		const earlier = tries.find(itemIndex, ordinal, options);
		if (earlier?.accepted) {
			ordinal++;
			return { statusCode: earlier.statusCode, headers: {}, body: structuredClone(earlier.body) };
		}
		if (earlier) {
			notSent(earlier.why, options);
			throw new Error('Sent on an earlier try; not sent again');
		}
		// The request's own error goes on unchanged: sendToPeach explains it.
		const response = (await send(options).catch((error: unknown) => {
			// A request whose connection was never made (refused, no such host, no route) reached no
			// one: it may be sent again.
			const { timedOut, notSent } = connectionFailure(error);
			if (!notSent) {
				remember(options, {
					accepted: false,
					why: timedOut ? 'Peach did not answer in time' : 'the connection broke before Peach answered',
				});
			}
			return Promise.reject(error);
		})) as IN8nHttpFullResponse;
		const status = response.statusCode;
		// 429 and other 4xx: Peach refused the request and did not process it.
		if (status >= 400 && status < 500) return response;
		if (status >= 500) remember(options, { accepted: false, why: `Peach answered ${status}` });
		else if (unreadable(response))
			remember(options, { accepted: false, why: 'Peach’s answer could not be read' });
		else {
			remember(options, {
				accepted: true,
				statusCode: status,
				body: structuredClone(response.body as IDataObject),
			});
		}
		return response;
	};
}

/** The error of an item whose create went out on an earlier try with an unknown outcome. */
export function notSentAgainError(
	node: INode,
	itemIndex: number,
	why: string,
	request: IHttpRequestOptions,
): NodeApiError {
	const path = String(request.url ?? '');
	return new NodeApiError(node, { path } as JsonObject, {
		message: `Not sent again: this item was sent to Peach on an earlier try of this node, and ${why} [item ${itemIndex}]`,
		description: `Retry On Fail ran the node again; the item's request was not sent a second time. ${mayHaveBeenProcessed(path, request.body)}`,
		itemIndex,
		httpCode: 'none',
	});
}
