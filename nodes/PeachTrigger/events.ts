/**
 * Every webhook event Peach documents, in lifecycle order within each family.
 * Source: peach-api/conversations-contacts-orders-medias-webhooks.md, section "webhooks".
 */

export const ALL_EVENTS = '*';

export type PeachEventFamily = 'order' | 'flow_execution' | 'message_delivery' | 'ai_flow_execution';

export interface PeachEventDefinition {
	/** The `type` Peach sends, e.g. `message_delivery.failed`. */
	type: string;
	family: PeachEventFamily;
	/** The part after the dot, used as the event's status. */
	status: string;
}

function defineFamily(family: PeachEventFamily, statuses: string[]): PeachEventDefinition[] {
	return statuses.map((status) => ({ type: `${family}.${status}`, family, status }));
}

export const PEACH_EVENTS: readonly PeachEventDefinition[] = [
	// "Order status webhooks"
	...defineFamily('order', ['completed', 'canceled']),
	// "Flow execution status webhooks"
	...defineFamily('flow_execution', ['pending', 'in_progress', 'completed']),
	// "Message delivery status webhooks": `read` and `replied` are only seen in third-party code (UNCERTAIN)
	...defineFamily('message_delivery', ['sent', 'delivered', 'read', 'failed', 'replied']),
	// "AI Agent Execution Webhooks"
	...defineFamily('ai_flow_execution', ['started', 'escalated', 'completed', 'analyzed']),
];

const EVENTS_BY_TYPE = new Map(PEACH_EVENTS.map((definition) => [definition.type, definition]));

/**
 * "AI Agent Execution Webhooks": the newest docs renamed the page; if Peach renames the event prefix
 * to match, treat `ai_agent_execution.*` as the documented `ai_flow_execution.*` (UNCERTAIN).
 */
const TYPE_PREFIX_ALIASES: Record<string, string> = {
	'ai_agent_execution.': 'ai_flow_execution.',
};

/** The documented event for a received `type`, following known aliases; undefined when unknown. */
export function findEvent(type: string): PeachEventDefinition | undefined {
	const direct = EVENTS_BY_TYPE.get(type);
	if (direct) return direct;
	for (const [alias, canonical] of Object.entries(TYPE_PREFIX_ALIASES)) {
		if (type.startsWith(alias)) {
			return EVENTS_BY_TYPE.get(canonical + type.slice(alias.length));
		}
	}
	return undefined;
}

/** The documented event of `family` whose status is `status`, if there is one. */
export function findEventByStatus(family: PeachEventFamily, status: unknown): PeachEventDefinition | undefined {
	if (typeof status !== 'string' || status === '') return undefined;
	return EVENTS_BY_TYPE.get(`${family}.${status.toLowerCase()}`);
}
