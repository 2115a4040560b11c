import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { peachReason } from '../../shared/errors';
import { peachApiRequest } from '../../shared/transport';

/** What `GET /api/v1/events/{event_id}` answers. */
export interface PeachEvent extends IDataObject {
	id?: string;
	status?: string;
	result?: IDataObject | null;
}

export async function getEvent(
	this: IExecuteSingleFunctions,
	eventId: string,
	deadline?: number,
): Promise<PeachEvent> {
	return (await peachApiRequest.call(this, 'GET', `/api/v1/events/${encodeURIComponent(eventId)}`, {
		deadline,
	})) as PeachEvent;
}

/** Polling limits in milliseconds, read from the Timeout and Check Every fields (and kept in bounds). */
function waitLimits(context: IExecuteSingleFunctions): { timeoutMs: number; intervalMs: number } {
	const timeout = Number(context.getNodeParameter('waitTimeout', 60));
	const interval = Number(context.getNodeParameter('pollInterval', 2));
	const timeoutMs = Math.min(3600, Math.max(1, Number.isFinite(timeout) ? timeout : 60)) * 1000;
	const intervalMs = Math.min(60, Math.max(0.5, Number.isFinite(interval) ? interval : 2)) * 1000;
	return { timeoutMs, intervalMs };
}

/**
 * Reads the event until `isFinal` says so or the timeout passes, one read per interval; the last
 * read happens no later than the timeout. `initial` is a read already made (the first one is then
 * an interval later). Returns the last event read and whether it is final.
 */
async function pollEvent(
	context: IExecuteSingleFunctions,
	eventId: string,
	isFinal: (event: PeachEvent) => boolean,
	initial?: PeachEvent,
): Promise<{ event: PeachEvent; final: boolean }> {
	const { timeoutMs, intervalMs } = waitLimits(context);
	const deadline = Date.now() + timeoutMs;
	let event = initial;
	for (;;) {
		if (event) {
			if (isFinal(event)) return { event, final: true };
			const remaining = deadline - Date.now();
			if (remaining <= 0) return { event, final: false };
			await sleep(Math.min(intervalMs, remaining));
		}
		// A read never outlives the wait: its Timeout and its tries end with the wait's deadline.
		event = await getEvent.call(context, eventId, deadline);
	}
}

/** Peach's words for why an event or its message failed, wherever the event carries them. */
function failureReason(event: PeachEvent): string {
	const result = event.result ?? {};
	for (const value of [
		result.failure_message,
		result.reason,
		event.failure_message,
		event.reason,
	]) {
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return peachReason(event.reason ?? event.result ?? '') || 'no reason given';
}

function eventIdOf(context: IExecuteSingleFunctions, items: INodeExecutionData[]): string {
	const eventId = items[0]?.json?.event_id;
	if (typeof eventId === 'string' && eventId) return eventId;
	throw new NodeOperationError(
		context.getNode(),
		`Peach's answer has no event_id, so the delivery cannot be followed [item ${context.getItemIndex()}]`,
		{
			itemIndex: context.getItemIndex(),
			description:
				'Turn off Wait for Delivery to get Peach’s answer as it is, and check the message later with Template Message → Get Many.',
		},
	);
}

/** Which message statuses count as "arrived" for each choice of Wait Until. */
const SUCCESS_STATUSES: Record<string, string[]> = {
	sent: ['sent', 'delivered', 'read'],
	delivered: ['delivered', 'read'],
	read: ['read'],
};

/**
 * postReceive of Send with Wait for Delivery on: follows the event until the message reaches the
 * status the user waits for (Sent, Delivered or Read) or fails, and outputs the final event. A
 * failed delivery (or a failed event) is an error carrying Peach's failure message; so is a timeout.
 */
export async function waitForDelivery(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('waitForDelivery', false)) return items;
	const eventId = eventIdOf(this, items);
	const until = String(this.getNodeParameter('waitUntil', 'delivered'));
	const success = SUCCESS_STATUSES[until] ?? SUCCESS_STATUSES.delivered;
	const itemIndex = this.getItemIndex();
	// UNCERTAIN (Poll template message status): result.status values beyond sent/delivered/read/failed are not documented.
	const messageStatus = (event: PeachEvent) => String(event.result?.status ?? '').toLowerCase();
	const { event, final } = await pollEvent(
		this,
		eventId,
		(current) =>
			current.status === 'failed' ||
			messageStatus(current) === 'failed' ||
			success.includes(messageStatus(current)),
	);
	if (event.status === 'failed' || messageStatus(event) === 'failed') {
		throw new NodeApiError(this.getNode(), event as JsonObject, {
			message: `Peach could not deliver the message: ${failureReason(event)} [item ${itemIndex}]`,
			description: `WhatsApp refused this message (event ${eventId}). Check that the number uses WhatsApp and accepts messages from you, and that the template fits the conversation window, then send again.`,
			itemIndex,
		});
	}
	if (!final) {
		const last = messageStatus(event) || event.status || 'unknown';
		throw new NodeOperationError(
			this.getNode(),
			`The message was still "${last}" when the wait for "${until}" timed out [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Raise Timeout (Seconds), wait for an earlier stage under Wait Until, or check later with Template Message → Get Status and event ID ${eventId}.`,
			},
		);
	}
	return [{ json: event }];
}

/**
 * postReceive of Broadcast → Get Status with Wait Until Processed on: reads the event again until
 * Peach has processed the launch (or failed it), and outputs that event.
 */
export async function waitUntilProcessed(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('waitUntilProcessed', false)) return items;
	const first = (items[0]?.json ?? {}) as PeachEvent;
	const eventId = String(first.id ?? this.getNodeParameter('eventId', ''));
	const itemIndex = this.getItemIndex();
	// UNCERTAIN (Poll broadcast status): only processed and failed are documented as event statuses.
	const isFinal = (event: PeachEvent) => event.status === 'processed' || event.status === 'failed';
	const { event, final } = await pollEvent(this, eventId, isFinal, first);
	if (event.status === 'failed') {
		throw new NodeApiError(this.getNode(), event as JsonObject, {
			message: `Peach could not process the broadcast: ${failureReason(event)} [item ${itemIndex}]`,
			description: `Check the broadcast in the Peach dashboard (event ${eventId}); fix what Peach names and launch it again.`,
			itemIndex,
		});
	}
	if (!final) {
		throw new NodeOperationError(
			this.getNode(),
			`The broadcast was still "${event.status ?? 'unknown'}" when the wait timed out [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Raise Timeout (Seconds), or run Broadcast → Get Status again later with event ID ${eventId}.`,
			},
		);
	}
	return [{ json: event }];
}
