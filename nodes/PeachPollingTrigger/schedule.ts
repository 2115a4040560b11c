import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, toCronExpression } from 'n8n-workflow';

/** The longest a poll may take, however rarely it runs: a stuck poll must not block the next one for hours. */
export const MAX_POLL_MS = 10 * 60_000;

/** n8n refuses Poll Times under a minute, so this is the shortest interval when it cannot be read. */
const SHORTEST_INTERVAL_MS = 60_000;

/** Share of the interval a poll may use, leaving the rest before the next tick. */
const SHARE_OF_INTERVAL = 0.9;

/** A cron field's allowed values, or undefined when the field is not in a form read here (names, `L`, `?`). */
function cronField(text: string, min: number, max: number): Set<number> | undefined {
	const values = new Set<number>();
	for (const part of text.split(',')) {
		const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
		if (!match) return undefined;
		const [, range, start, end, stepText] = match;
		const step = stepText ? Number(stepText) : 1;
		const from = range === '*' ? min : Number(start);
		// `5` alone is one value; `*`, `5/10` run to the field's end; `5-20` (with or without a step) to 20.
		const to = end !== undefined ? Number(end) : range === '*' || stepText ? max : from;
		if (step < 1 || from < min || to > max) return undefined;
		for (let value = from; value <= to; value += step) values.add(value);
	}
	return values;
}

/** Epoch ms of every tick of a cron expression within two days from `startMs` (a whole minute, UTC). */
function cronTicks(expression: string, startMs: number): number[] | undefined {
	const fields = expression.trim().split(/\s+/);
	if (fields.length === 5) fields.unshift('0');
	if (fields.length !== 6) return undefined;
	const [seconds, minutes, hours, days, months, weekdays] = [
		cronField(fields[0], 0, 59),
		cronField(fields[1], 0, 59),
		cronField(fields[2], 0, 23),
		cronField(fields[3], 1, 31),
		cronField(fields[4], 1, 12),
		cronField(fields[5], 0, 7),
	];
	if (!seconds || !minutes || !hours || !days || !months || !weekdays) return undefined;
	if (weekdays.has(7)) weekdays.add(0);
	// Standard cron: when both day fields are restricted, either one matching is enough.
	const eitherDay = fields[3] !== '*' && fields[5] !== '*';
	const ticks: number[] = [];
	for (let minute = 0; minute < 2 * 24 * 60; minute++) {
		const at = new Date(startMs + minute * 60_000);
		if (!minutes.has(at.getUTCMinutes()) || !hours.has(at.getUTCHours()) || !months.has(at.getUTCMonth() + 1)) continue;
		const dayOfMonth = days.has(at.getUTCDate());
		const dayOfWeek = weekdays.has(at.getUTCDay());
		if (eitherDay ? !(dayOfMonth || dayOfWeek) : !(dayOfMonth && dayOfWeek)) continue;
		for (const second of seconds) ticks.push(at.getTime() + second * 1000);
	}
	return ticks;
}

/**
 * The shortest time between two polls on the node's Poll Times (all entries together), read from
 * the cron expressions n8n schedules. n8n starts each poll on its tick without waiting for the one
 * before (n8n-core ActiveWorkflowTriggers: `void executePollTrigger()`).
 */
export function shortestPollIntervalMs(pollTimes: IDataObject | undefined, nowMs: number): number {
	const entries = (pollTimes?.item as IDataObject[] | undefined) ?? [];
	const startMs = Math.floor(nowMs / 60_000) * 60_000;
	const ticks: number[] = [];
	for (const entry of entries) {
		let expression: string;
		try {
			expression = toCronExpression(entry as unknown as Parameters<typeof toCronExpression>[0]);
		} catch {
			return SHORTEST_INTERVAL_MS;
		}
		const entryTicks = cronTicks(expression, startMs);
		if (!entryTicks) return SHORTEST_INTERVAL_MS;
		ticks.push(...entryTicks);
	}
	const sorted = [...new Set(ticks)].sort((a, b) => a - b);
	let shortest = Infinity;
	for (let index = 1; index < sorted.length; index++) shortest = Math.min(shortest, sorted[index] - sorted[index - 1]);
	return shortest;
}

/** How long one poll may run: below the interval to the next poll, and never more than MAX_POLL_MS. */
export function pollTimeBoundMs(context: IPollFunctions, nowMs: number): number {
	const pollTimes = context.getNodeParameter('pollTimes', {}) as IDataObject;
	return Math.min(MAX_POLL_MS, Math.floor(shortestPollIntervalMs(pollTimes, nowMs) * SHARE_OF_INTERVAL));
}

function outOfTimeError(context: IPollFunctions, boundMs: number, cause?: Error): NodeOperationError {
	const last = cause?.message ? ` Last answer: ${cause.message}.` : '';
	return new NodeOperationError(
		context.getNode(),
		`This poll stopped after ${Number((boundMs / 1000).toFixed(1))} seconds, before the next scheduled poll: Peach answered too slowly`,
		{
			description: `Nothing was emitted and the stored position was kept: the next poll reads the same records again, so none is lost or repeated. If this keeps happening, poll less often (Poll Times) or narrow the Filters.${last}`,
		},
	);
}

/**
 * What a poll that failed reports: past its deadline, that it ran out of time (a request cut short
 * by the deadline fails once it has passed); otherwise its own error.
 */
export function pollFailure(context: IPollFunctions, error: Error, deadline: number, boundMs: number): Error {
	if (Date.now() >= deadline) return outOfTimeError(context, boundMs, error);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error);
}

/** Polls under way in this n8n process, by workflow and node. */
const pollsRunning = new Set<string>();

/**
 * Runs `poll` unless a poll of the same trigger (same workflow, same node) is still running, in
 * which case nothing runs and undefined comes back: the running poll owns the stored state, and
 * emitting from both would emit the same records twice.
 */
export async function unlessAlreadyPolling<T>(context: IPollFunctions, poll: () => Promise<T>): Promise<T | undefined> {
	const node = context.getNode();
	const key = `${context.getWorkflow().id ?? ''}\u0000${node.id ?? node.name}`;
	if (pollsRunning.has(key)) {
		context.logger.warn(
			`Peach Polling Trigger "${node.name}": the previous poll is still running, so this one emits nothing and leaves the position to it`,
		);
		return undefined;
	}
	pollsRunning.add(key);
	try {
		return await poll();
	} finally {
		pollsRunning.delete(key);
	}
}
