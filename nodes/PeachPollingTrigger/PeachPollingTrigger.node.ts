import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { PEACH_API_CREDENTIAL_TEST, testPeachApiCredential } from '../shared/credentialTest';
import { readState, writeState } from './cursor';
import {
	BROADCAST_STATUS_CHANGED,
	broadcastStatusChangedProperties,
	latestBroadcast,
	pollBroadcasts,
} from './events/broadcastStatusChanged';
import {
	CONVERSATION_UPDATED,
	conversationUpdated,
	conversationUpdatedProperties,
} from './events/conversationUpdated';
import {
	NEW_INBOUND_MESSAGE,
	newInboundMessage,
	newInboundMessageProperties,
} from './events/newInboundMessage';
import {
	TEMPLATE_MESSAGE_STATUS_CHANGED,
	templateMessageStatusChanged,
	templateMessageStatusChangedProperties,
} from './events/templateMessageStatusChanged';
import { pollFailure, pollTimeBoundMs, unlessAlreadyPolling } from './schedule';
import { latestInWindow, pollWindow, type WindowEvent } from './window';

/** Records one poll emits at most, unless Max Records per Poll says otherwise. */
export const DEFAULT_MAX_RECORDS_PER_POLL = 1000;

const WINDOW_EVENTS: Record<string, WindowEvent> = {
	[NEW_INBOUND_MESSAGE]: newInboundMessage,
	[CONVERSATION_UPDATED]: conversationUpdated,
	[TEMPLATE_MESSAGE_STATUS_CHANGED]: templateMessageStatusChanged,
};

/** What "Fetch Test Event" says when Peach has nothing that matches yet. */
const NOTHING_TO_TEST: Record<string, string> = {
	[NEW_INBOUND_MESSAGE]: 'Send a WhatsApp message to your business number from a phone that matches the Filters, then fetch again.',
	[CONVERSATION_UPDATED]: 'Change a conversation in the Peach inbox (assign, escalate, close or reopen it), then fetch again.',
	[TEMPLATE_MESSAGE_STATUS_CHANGED]:
		'Send a template message (Peach node → Template Message → Send) and wait for its delivery status, then fetch again. Peach lists the last 24 hours.',
	[BROADCAST_STATUS_CHANGED]: 'Pick statuses that one of your broadcasts has, or launch a broadcast, then fetch again.',
};

function maxRecordsPerPoll(context: IPollFunctions): number {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const value = options.maxRecordsPerPoll ?? DEFAULT_MAX_RECORDS_PER_POLL;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`Options → Max Records per Poll: "${String(value)}" is not a whole number from 1`,
			{ description: `Enter a whole number from 1, e.g. ${DEFAULT_MAX_RECORDS_PER_POLL}.` },
		);
	}
	return number;
}

export class PeachPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Peach Polling Trigger',
		name: 'peachPollingTrigger',
		icon: { light: 'file:../../icons/peach.svg', dark: 'file:../../icons/peach.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"newInboundMessage": "New inbound message", "conversationUpdated": "Conversation updated", "templateMessageStatusChanged": "Template message status changed", "broadcastStatusChanged": "Broadcast status changed"}[$parameter["event"]] }}',
		description:
			'Starts the workflow when a customer writes in on WhatsApp, or a conversation, template message or broadcast changes in Peach, by checking Peach on a schedule (no public URL needed)',
		defaults: {
			name: 'Peach Polling Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'peachApi', required: true, testedBy: 'peachApiConnection' }],
		properties: [
			// n8n puts its Poll Times field above every field of a polling trigger.
			{
				displayName:
					'Peach is checked on the schedule set in Poll Times above; each check starts the workflow once per new record (one item each). The first check after activation only notes the time: earlier records are not emitted. A record comes out a few seconds after its time; one dated in the future waits until then. A check that is due while the previous one still runs does nothing, and a check that would run into the next one stops with an error and is retried from the same point. "Fetch Test Event" shows the latest matching record without moving that mark.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Broadcast Status Changed',
						value: BROADCAST_STATUS_CHANGED,
						action: 'On broadcast status changed',
						description: 'A broadcast moved to one of the chosen statuses',
					},
					{
						name: 'Conversation Updated',
						value: CONVERSATION_UPDATED,
						action: 'On conversation updated',
						description: 'An inbox conversation was opened, closed, escalated or assigned',
					},
					{
						name: 'New Inbound Message',
						value: NEW_INBOUND_MESSAGE,
						action: 'On new inbound WhatsApp message',
						description: 'A customer sent a WhatsApp message to your business number',
					},
					{
						name: 'Template Message Status Changed',
						value: TEMPLATE_MESSAGE_STATUS_CHANGED,
						action: 'On template message status changed',
						description: 'A sent template message was delivered, read or failed',
					},
				],
				default: NEW_INBOUND_MESSAGE,
			},
			...newInboundMessageProperties,
			...conversationUpdatedProperties,
			...templateMessageStatusChangedProperties,
			...broadcastStatusChangedProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Max Records per Poll',
						name: 'maxRecordsPerPoll',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_RECORDS_PER_POLL,
						description:
							'Most records one check emits. When more are new, the oldest are emitted now and the rest on the next checks, in order; none is skipped.',
					},
				],
			},
		],
	};

	// n8n finds the credential's Test through any node that uses it, so each one offers it.
	methods = { credentialTest: { [PEACH_API_CREDENTIAL_TEST]: testPeachApiCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const window = WINDOW_EVENTS[event];
		if (!window && event !== BROADCAST_STATUS_CHANGED) {
			throw new NodeOperationError(this.getNode(), `Event: "${event}" is not an event this trigger knows`, {
				description: 'Pick an event from the list.',
			});
		}

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the latest matching record, so fields can be mapped. The stored
			// cursor is neither read nor written.
			const latest = window ? await latestInWindow(this, window) : await latestBroadcast(this);
			if (!latest) {
				throw new NodeOperationError(this.getNode(), 'Peach has no record that matches this event and its filters yet', {
					description: NOTHING_TO_TEST[event],
				});
			}
			return [this.helpers.returnJsonArray([latest])];
		}

		const cap = maxRecordsPerPoll(this);
		const outcome = await unlessAlreadyPolling(this, async () => {
			const startedAt = Date.now();
			const boundMs = pollTimeBoundMs(this, startedAt);
			const deadline = startedAt + boundMs;
			const state = readState(this.getWorkflowStaticData('node'), event);
			try {
				return window
					? await pollWindow(this, window, state, cap, deadline)
					: await pollBroadcasts(this, state, cap, deadline);
			} catch (error) {
				throw pollFailure(this, error as Error, deadline, boundMs);
			}
		});
		if (!outcome) return null;
		// Only now, with every page read in time, does the cursor move.
		writeState(this.getWorkflowStaticData('node'), outcome.state);
		return outcome.items.length ? [this.helpers.returnJsonArray(outcome.items)] : null;
	}
}
