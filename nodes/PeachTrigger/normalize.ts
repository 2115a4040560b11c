import type { IDataObject } from 'n8n-workflow';

import { findEvent, findEventByStatus } from './events';

/** Every Peach webhook is `{ "type": "<event>", "data": { … } }` ("Webhooks: common facts"). */
export interface PeachWebhookBody extends IDataObject {
	type: string;
	data: IDataObject;
}

export type ParsedBody = { ok: true; body: PeachWebhookBody } | { ok: false; reason: string };

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the request body. The raw bytes are parsed when n8n kept them, so a body that is not JSON
 * is refused whatever its Content-Type; otherwise n8n's parsed body is used.
 */
export function parseWebhookBody(rawBody: unknown, parsedBody: unknown): ParsedBody {
	let body: unknown = parsedBody;
	if (rawBody instanceof Uint8Array || typeof rawBody === 'string') {
		const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
		if (text.trim() === '') return { ok: false, reason: 'The request body is empty' };
		try {
			body = JSON.parse(text);
		} catch {
			return { ok: false, reason: 'The request body is not valid JSON' };
		}
	}
	if (!isPlainObject(body)) {
		return { ok: false, reason: 'The request body must be a JSON object like {"type": "…", "data": {…}}' };
	}
	if (typeof body.type !== 'string' || body.type.trim() === '') {
		return { ok: false, reason: 'The request body has no "type" text field' };
	}
	if (!isPlainObject(body.data)) {
		return { ok: false, reason: 'The request body has no "data" object' };
	}
	return { ok: true, body: body as PeachWebhookBody };
}

export interface ClassifiedEvent {
	/** The event the workflow sees: the documented type, corrected by the payload's status. */
	event: string;
	/** The `type` exactly as Peach sent it. */
	receivedType: string;
	family: string;
	status: string | null;
	/** Whether `event` is one Peach documents. */
	known: boolean;
}

function text(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

/** An id as Peach sent it: session message ids are integers, the others text. */
function idValue(value: unknown): string | number | null {
	return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function child(data: IDataObject, key: string): IDataObject {
	const value = data[key];
	return isPlainObject(value) ? value : {};
}

export function classifyEvent(body: PeachWebhookBody): ClassifiedEvent {
	const receivedType = body.type;
	const data = body.data;
	const definition = findEvent(receivedType);

	if (definition) {
		// "Message delivery status webhooks": the docs' `delivered` examples are typed
		// `message_delivery.sent`; data.message.status is the reliable part, so it decides.
		// Orders carry the same kind of status in data.status ("Order status webhooks").
		const payloadStatus =
			definition.family === 'message_delivery'
				? child(data, 'message').status
				: definition.family === 'order'
					? data.status
					: undefined;
		const byStatus = findEventByStatus(definition.family, payloadStatus);
		const resolved = byStatus ?? definition;
		// "Flow execution status webhooks" show data.status "created" on every event and
		// "AI Agent Execution Webhooks" carry the agent's draft/published state, so for those
		// two families the status comes from the event type.
		const status =
			byStatus?.status ??
			(definition.family === 'message_delivery' || definition.family === 'order'
				? (text(payloadStatus) ?? definition.status)
				: definition.status);
		return { event: resolved.type, receivedType, family: resolved.family, status, known: true };
	}

	const dot = receivedType.indexOf('.');
	const family = dot > 0 ? receivedType.slice(0, dot) : receivedType;
	const status =
		text(child(data, 'message').status) ??
		text(data.status) ??
		(dot > 0 ? receivedType.slice(dot + 1) : null);
	return { event: receivedType, receivedType, family, status, known: false };
}

export function getContactPhone(data: IDataObject): string | null {
	return text(child(data, 'contact').phone_number);
}

/** `template_message` or `message` (a session message), on message delivery events. */
export function getMessageType(data: IDataObject): string | null {
	return text(child(data, 'message').type);
}

/** The fields workflows join on, always present (null when an event does not carry them). */
export function simplifyEvent(body: PeachWebhookBody, classified: ClassifiedEvent): IDataObject {
	const data = body.data;
	const message = child(data, 'message');
	const family = classified.family;
	const isDelivery = family === 'message_delivery';
	return {
		event: classified.event,
		family,
		status: classified.status,
		receivedType: classified.receivedType,
		messageId: isDelivery ? idValue(message.id) : null,
		messageType: isDelivery ? getMessageType(data) : null,
		reason: isDelivery ? (message.reason ?? null) : null,
		contactPhone: getContactPhone(data),
		orderId: family === 'order' ? idValue(data.id) : null,
		orderReferenceId: family === 'order' ? text(data.reference_id) : null,
		flowExecutionId: family === 'flow_execution' ? idValue(data.id) : null,
		aiAgentId: family === 'ai_flow_execution' ? idValue(data.id) : null,
		data,
	};
}

/**
 * What a repeat delivery is recognised by, or null when the event carries no identity of its own
 * and so is never dropped. An event ID in the envelope identifies the event itself ("Webhooks:
 * common facts" show none today; used if Peach adds one). Otherwise events that name the object
 * they are about (a message, an order, a flow run) repeat when the same object reports the same
 * event and status again, whatever else changed. "AI Agent Execution Webhooks" describe the agent,
 * not the run, so two runs of one agent send the same payload: comparing their data would drop
 * the second run, which is why they (and unknown events without an id) get no key.
 */
export function getDuplicateKey(body: PeachWebhookBody, classified: ClassifiedEvent): string | null {
	const eventId = text(body.id);
	if (eventId !== null) return JSON.stringify([classified.event, 'event', eventId]);
	const data = body.data;
	let objectId: string | null;
	switch (classified.family) {
		case 'message_delivery': {
			const id = text(child(data, 'message').id);
			// Session messages use integer ids, template messages `cmsg_…`: keep them apart.
			objectId = id === null ? null : `${getMessageType(data) ?? ''}:${id}`;
			break;
		}
		case 'order':
		case 'flow_execution':
			objectId = text(data.id);
			break;
		case 'ai_flow_execution':
			// data.id is the agent (aiflw_…), shared by all its runs.
			objectId = null;
			break;
		default:
			objectId = text(data.id) ?? text(child(data, 'message').id);
	}
	return objectId === null ? null : JSON.stringify([classified.event, objectId, classified.status]);
}

/** Digits only, so `+91 99887-76655` and `919988776655` compare equal. */
export function normalizePhone(phone: string): string {
	return phone.replace(/\D/g, '');
}

/** The numbers in a comma- or newline-separated list, normalised; blanks dropped. */
export function parsePhoneList(value: string): string[] {
	return value
		.split(/[,;\n]/)
		.map(normalizePhone)
		.filter((phone) => phone !== '');
}
