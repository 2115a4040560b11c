import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	isRepeatDelivery,
	MAX_REMEMBERED_EVENTS,
	processStore,
	wasSeenRecently,
	writeToStaticData,
} from './deduplicate';
import { ALL_EVENTS } from './events';
import { jsonTextIsTooDeep, MAX_BODY_BYTES, MAX_BODY_DEPTH, valueIsTooDeep } from './limits';
import {
	classifyEvent,
	getContactPhone,
	getDuplicateKey,
	getMessageType,
	normalizePhone,
	parsePhoneList,
	parseWebhookBody,
	simplifyEvent,
} from './normalize';
import { verifyRequest, type AuthenticationMode } from './verify';

const MIN_SECRET_LENGTH = 16;

const DEFAULT_DUPLICATE_WINDOW_SECONDS = 300;

const DUPLICATES_DESCRIPTION =
	'Whether to ignore an event that repeats one already received within the Duplicate Window: the same event, object and status for orders, flow runs and message deliveries (or the same event ID, if Peach sends one). Events that carry no identity of their own are never dropped: AI agent events name only the agent, so two runs of one agent look the same and both start; the same goes for unknown events without an ID. The memory is kept in the n8n process that receives the events, which drops every repeat that reaches it, and is written to the workflow\'s static data at most once a second: with several webhook processes, a repeat that reaches another process may run (see "Running at scale" in the README).';

/** n8n's request, with the raw-body reader its server adds to every request. */
interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
}

/** n8n keeps the raw bytes for the bodies it parses; for others it reads them on demand. */
async function readRawBody(request: WebhookRequest): Promise<unknown> {
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch {
			// Already consumed (a multipart body n8n parsed): the parsed body is all there is.
			return undefined;
		}
	}
	return request.rawBody;
}

function byteLength(rawBody: unknown): number | null {
	if (rawBody instanceof Uint8Array) return rawBody.length;
	if (typeof rawBody === 'string') return Buffer.byteLength(rawBody, 'utf8');
	return null;
}

const AUTHENTICATED_MODES: AuthenticationMode[] = ['headerSecret', 'hmacSignature', 'queryToken'];

export class PeachTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Peach Trigger',
		name: 'peachTrigger',
		icon: { light: 'file:../../icons/peach.svg', dark: 'file:../../icons/peach.dark.svg' },
		group: ['trigger'],
		// Version 2: n8n evaluates no expression on the node's behalf per request (it does for
		// typeVersion 1 webhooks), and duplicate deliveries are dropped by default.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ ($parameter["events"] || []).includes("*") ? "All events" : ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when Peach reports an order, a WhatsApp Flow run, a message delivery status or an AI agent run',
		defaults: {
			name: 'Peach Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'peachWebhookApi',
				required: true,
				testedBy: 'peachWebhookSecretCheck',
				displayOptions: {
					show: {
						authentication: ['headerSecret', 'hmacSignature', 'queryToken'],
					},
				},
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Left unset, n8n answers a started execution with the literal text "firstEntryJson";
				// empty, it sends the webhookResponse that webhook() returns.
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			// The editor strips HTML from community nodes' notices, so each notice is one plain paragraph.
			{
				displayName:
					'Connect Peach in 3 steps. 1. Open "Webhook URLs" above, choose "Production URL" and copy it. ' +
					'2. In the Peach dashboard (app.trypeach.ai), open Settings (or Developers) → Webhooks, paste the URL, pick the events to send and save. ' +
					'3. Publish (activate) this workflow. From then on every event Peach sends starts an execution.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'The Test URL is a different address: it only answers while you click "Listen for test event" here, and only for one event. Paste it in Peach just for a test, then put the Production URL back.',
				name: 'testUrlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Header Secret',
						value: 'headerSecret',
						description: 'The request must carry the shared secret in a header',
					},
					{
						name: 'HMAC-SHA256 Signature',
						value: 'hmacSignature',
						description:
							'A header must carry the HMAC-SHA256 of the raw request body, keyed with the shared secret',
					},
					{
						name: 'None',
						value: 'none',
						description: 'Accept every request sent to the URL',
					},
					{
						name: 'Query Token',
						value: 'queryToken',
						description:
							'The URL you paste in Peach carries the shared secret as a query parameter. Works with any sender.',
					},
				],
				default: 'none',
				description:
					'How to recognise requests that really come from Peach. Peach documents no signature, so Query Token is the option that needs nothing from the sender. Requests that fail the check get a 401 answer and start nothing.',
			},
			{
				displayName:
					'Add "?token=YOUR_SECRET" to the end of the URL you paste in Peach, with the "Query Parameter Name" below in place of "token" and the credential\'s Shared Secret in place of YOUR_SECRET. Use a secret made of letters and digits so it survives in a URL.',
				name: 'queryTokenNotice',
				type: 'notice',
				default: '',
				displayOptions: {
					show: {
						authentication: ['queryToken'],
					},
				},
			},
			{
				displayName:
					"Peach's docs describe no custom headers or signatures. Use this only if your Peach account, or a relay in front of n8n, sends them; otherwise choose Query Token.",
				name: 'headerNotice',
				type: 'notice',
				default: '',
				displayOptions: {
					show: {
						authentication: ['headerSecret', 'hmacSignature'],
					},
				},
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				required: true,
				default: 'X-Webhook-Secret',
				placeholder: 'e.g. X-Webhook-Secret',
				description: 'The header whose value must equal the shared secret. Case does not matter.',
				displayOptions: {
					show: {
						authentication: ['headerSecret'],
					},
				},
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameter',
				type: 'string',
				required: true,
				default: 'token',
				placeholder: 'e.g. token',
				description: 'The query parameter whose value must equal the shared secret',
				displayOptions: {
					show: {
						authentication: ['queryToken'],
					},
				},
			},
			{
				displayName: 'Signature Header Name',
				name: 'signatureHeader',
				type: 'string',
				required: true,
				default: 'X-Peach-Signature',
				placeholder: 'e.g. X-Peach-Signature',
				description: 'The header that carries the signature. Case does not matter.',
				displayOptions: {
					show: {
						authentication: ['hmacSignature'],
					},
				},
			},
			{
				displayName: 'Signature Prefix',
				name: 'signaturePrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. sha256=',
				description:
					'Text the sender puts before the signature in the header, if any. Leave empty when the header holds only the signature.',
				displayOptions: {
					show: {
						authentication: ['hmacSignature'],
					},
				},
			},
			{
				displayName: 'Signature Encoding',
				name: 'signatureEncoding',
				type: 'options',
				options: [
					{
						name: 'Base64',
						value: 'base64',
					},
					{
						name: 'Hex',
						value: 'hex',
					},
				],
				default: 'hex',
				description: 'How the sender writes the signature bytes in the header',
				displayOptions: {
					show: {
						authentication: ['hmacSignature'],
					},
				},
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['*'],
				description:
					'The events that start the workflow. Other events are acknowledged to Peach and ignored. Remove All Events to receive only the ones you pick.',
				// The nodes panel lists each event as its action, or else as "On <name in lower case>",
				// which would read "On ai agent execution analyzed".
				options: [
					{
						name: 'AI Agent Execution: Analyzed',
						value: 'ai_flow_execution.analyzed',
						action: 'On AI agent execution analyzed',
						description: 'A conversation handled by an AI agent has been analyzed',
					},
					{
						name: 'AI Agent Execution: Completed',
						value: 'ai_flow_execution.completed',
						action: 'On AI agent execution completed',
						description: 'An AI agent finished its conversation with a contact',
					},
					{
						name: 'AI Agent Execution: Escalated',
						value: 'ai_flow_execution.escalated',
						action: 'On AI agent execution escalated',
						description: 'An AI agent handed a conversation over to a person',
					},
					{
						name: 'AI Agent Execution: Started',
						value: 'ai_flow_execution.started',
						action: 'On AI agent execution started',
						description: 'An AI agent took over a conversation with a contact',
					},
					{
						name: 'All Events',
						value: '*',
						action: 'On all events',
						description: 'Every event, including event types Peach adds in the future',
					},
					{
						name: 'Flow Execution: Completed',
						value: 'flow_execution.completed',
						action: 'On WhatsApp Flow execution completed',
						description: 'A WhatsApp Flow (Peach app) journey was marked complete',
					},
					{
						name: 'Flow Execution: In Progress',
						value: 'flow_execution.in_progress',
						action: 'On WhatsApp Flow execution in progress',
						description: 'The contact opened the WhatsApp Flow by tapping its button',
					},
					{
						name: 'Flow Execution: Pending',
						value: 'flow_execution.pending',
						action: 'On WhatsApp Flow execution pending',
						description: 'A WhatsApp Flow was sent to the contact in a template message',
					},
					{
						name: 'Message Delivery: Delivered',
						value: 'message_delivery.delivered',
						action: 'On message delivered',
						description: "A template or session message reached the contact's phone",
					},
					{
						name: 'Message Delivery: Failed',
						value: 'message_delivery.failed',
						action: 'On message delivery failed',
						description: 'A template or session message could not be delivered',
					},
					{
						name: 'Message Delivery: Read',
						value: 'message_delivery.read',
						action: 'On message read',
						description: 'The contact read a template or session message',
					},
					{
						name: 'Message Delivery: Replied',
						value: 'message_delivery.replied',
						action: 'On message replied',
						description: 'The contact replied to a template or session message',
					},
					{
						name: 'Message Delivery: Sent',
						value: 'message_delivery.sent',
						action: 'On message sent',
						description: 'A template or session message was sent to the contact',
					},
					{
						name: 'Order: Canceled',
						value: 'order.canceled',
						action: 'On order canceled',
						description: 'The business canceled an order before the contact paid',
					},
					{
						name: 'Order: Completed',
						value: 'order.completed',
						action: 'On order completed',
						description: "The payment gateway captured the contact's payment for an order",
					},
				],
			},
			{
				displayName: 'Delivery Filters',
				name: 'deliveryFilters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Narrow the selected events further, so no IF node is needed',
				options: [
					{
						displayName: 'Message Type',
						name: 'messageType',
						type: 'options',
						options: [
							{
								name: 'Session Message',
								value: 'message',
								description: 'A message sent inside an open conversation',
							},
							{
								name: 'Template Message',
								value: 'template_message',
								description: 'A pre-approved WhatsApp template message',
							},
						],
						default: 'template_message',
						description:
							'Only message delivery events for this kind of message. Other event families are not affected.',
					},
					{
						displayName: 'Recipient Phone Number',
						name: 'recipientPhone',
						type: 'string',
						default: '',
						placeholder: 'e.g. +919988776655',
						description:
							'Only events for this contact. Separate several numbers with commas. Spaces, dashes, dots and brackets are ignored, so +91 99887-76655 matches +919988776655. AI agent events carry no contact and are ignored while this is set.',
					},
				],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return one tidy item per event (event, family, status and the IDs to join on, plus the original data) instead of the raw body Peach sent',
			},
			{
				displayName: 'Drop Duplicate Deliveries',
				name: 'dropDuplicates',
				type: 'boolean',
				default: false,
				description: DUPLICATES_DESCRIPTION,
				displayOptions: {
					show: {
						'@version': [1],
					},
				},
			},
			{
				displayName: 'Drop Duplicate Deliveries',
				name: 'dropDuplicates',
				type: 'boolean',
				default: true,
				description: DUPLICATES_DESCRIPTION,
				displayOptions: {
					show: {
						'@version': [{ _cnd: { gte: 2 } }],
					},
				},
			},
			{
				displayName: 'Duplicate Window (Seconds)',
				name: 'duplicateWindow',
				type: 'number',
				typeOptions: {
					minValue: 1,
				},
				default: DEFAULT_DUPLICATE_WINDOW_SECONDS,
				description: `How long a received event is remembered, counted from its first arrival. The trigger remembers at most the ${MAX_REMEMBERED_EVENTS.toLocaleString('en-US')} most recent events, so above ${MAX_REMEMBERED_EVENTS.toLocaleString('en-US')} events per window the oldest are forgotten sooner.`,
				displayOptions: {
					show: {
						dropDuplicates: [true],
					},
				},
			},
		],
	};

	methods = {
		credentialTest: {
			/** The secret is only compared locally, so "testing" it means checking it is usable. */
			async peachWebhookSecretCheck(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = credential.data?.secret;
				if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
					return {
						status: 'Error',
						message: `Use a Shared Secret of at least ${MIN_SECRET_LENGTH} characters`,
					};
				}
				if (secret.trim() !== secret) {
					return {
						status: 'Error',
						message: 'Remove the spaces at the start or end of the Shared Secret',
					};
				}
				return {
					status: 'OK',
					message:
						'The Shared Secret is usable. Peach is not contacted: requests are checked when they arrive.',
				};
			},
		},
	};

	/**
	 * Peach has no webhook registration API ("Webhooks: common facts"): the user pastes the URL in
	 * the Peach dashboard, so there is nothing to create, find or delete remotely.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as WebhookRequest;
		const response = this.getResponseObject();

		// The reason goes to n8n's log only: the sender learns nothing about what was expected.
		const refuse = (status: number, error: string, reason: string, tellSender: boolean) => {
			this.logger.info(`Peach Trigger refused a request (${status}): ${reason}`);
			response.status(status).json({ received: false, error, ...(tellSender ? { reason } : {}) });
			return { noWebhookResponse: true };
		};

		const rawBody = await readRawBody(request);
		const size = byteLength(rawBody);
		if (size !== null && size > MAX_BODY_BYTES) {
			return refuse(
				413,
				'Payload Too Large',
				`The request body is larger than ${MAX_BODY_BYTES} bytes`,
				true,
			);
		}

		const authentication = this.getNodeParameter('authentication', 'none') as AuthenticationMode;
		if (AUTHENTICATED_MODES.includes(authentication)) {
			const credentials = await this.getCredentials<{ secret?: string }>('peachWebhookApi');
			const secret = typeof credentials.secret === 'string' ? credentials.secret : '';
			// The credential test refuses short secrets, but a credential can be saved without passing it.
			if (secret.length < MIN_SECRET_LENGTH) {
				throw new NodeOperationError(
					this.getNode(),
					`The Peach Webhook Secret credential's Shared Secret is shorter than ${MIN_SECRET_LENGTH} characters, so no request is accepted`,
					{
						description: `Put a random Shared Secret of at least ${MIN_SECRET_LENGTH} characters in the credential (and the same value in Peach), or set Authentication to None`,
					},
				);
			}
			const headerName =
				authentication === 'hmacSignature'
					? (this.getNodeParameter('signatureHeader', '') as string)
					: (this.getNodeParameter('headerName', '') as string);
			const queryParameter = this.getNodeParameter('queryParameter', 'token') as string;
			if (authentication !== 'queryToken' && headerName.trim() === '') {
				throw new NodeOperationError(this.getNode(), 'The header name is empty', {
					description: 'Fill in the Header Name (or Signature Header Name) parameter',
				});
			}
			const result = verifyRequest(
				{
					headers: request.headers,
					query: (this.getQueryData() ?? {}) as Record<string, unknown>,
					rawBody,
				},
				{
					mode: authentication,
					secret,
					headerName,
					queryParameter,
					signaturePrefix: this.getNodeParameter('signaturePrefix', '') as string,
					signatureEncoding: this.getNodeParameter('signatureEncoding', 'hex') as 'hex' | 'base64',
				},
			);
			if (!result.ok) return refuse(401, 'Unauthorized', result.reason, false);
		}

		const tooDeep =
			rawBody instanceof Uint8Array
				? jsonTextIsTooDeep(rawBody)
				: typeof rawBody === 'string'
					? jsonTextIsTooDeep(Buffer.from(rawBody, 'utf8'))
					: valueIsTooDeep(this.getBodyData());
		if (tooDeep) {
			return refuse(
				400,
				'Bad Request',
				`The request body is nested deeper than ${MAX_BODY_DEPTH} levels`,
				true,
			);
		}

		const parsed = parseWebhookBody(rawBody, this.getBodyData());
		if (!parsed.ok) return refuse(400, 'Bad Request', parsed.reason, true);
		const body = parsed.body;
		const classified = classifyEvent(body);

		const ignore = (reason: string): IWebhookResponseData => {
			this.logger.debug(`Peach Trigger ignored "${classified.receivedType}": ${reason}`);
			return { webhookResponse: { received: true, ignored: reason, event: classified.event } };
		};

		const events = this.getNodeParameter('events', [ALL_EVENTS]) as string[];
		// An event Peach does not document yet only passes under All Events.
		if (!events.includes(ALL_EVENTS) && !(classified.known && events.includes(classified.event))) {
			return ignore('event not selected');
		}

		const filters = this.getNodeParameter('deliveryFilters', {}) as IDataObject;
		if (typeof filters.messageType === 'string' && classified.family === 'message_delivery') {
			if (getMessageType(body.data) !== filters.messageType) {
				return ignore('message type does not match the filter');
			}
		}
		if (typeof filters.recipientPhone === 'string') {
			const wanted = parsePhoneList(filters.recipientPhone);
			if (wanted.length > 0) {
				const phone = getContactPhone(body.data);
				if (phone === null || !wanted.includes(normalizePhone(phone))) {
					return ignore('recipient phone number does not match the filter');
				}
			}
		}

		const dropByDefault = this.getNode().typeVersion >= 2;
		// Events without an identity of their own get no key: they always run.
		const key = (this.getNodeParameter('dropDuplicates', dropByDefault) as boolean)
			? getDuplicateKey(body, classified)
			: null;
		if (key !== null) {
			const windowSeconds = this.getNodeParameter(
				'duplicateWindow',
				DEFAULT_DUPLICATE_WINDOW_SECONDS,
			) as number;
			const now = Date.now();
			const windowMs = windowSeconds * 1000;
			const triggerKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
			const memory = processStore(triggerKey);
			const staticData = this.getWorkflowStaticData('node');
			// The process memory records every first sighting; the static data holds what this and
			// other processes wrote of theirs, up to a second ago.
			const seenInProcess = isRepeatDelivery(memory, key, windowMs, now);
			if (seenInProcess || wasSeenRecently(staticData, key, windowMs, now)) {
				return ignore('repeat delivery within the duplicate window');
			}
			writeToStaticData(memory, staticData, windowMs, now);
		}

		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const item = simplify ? simplifyEvent(body, classified) : body;
		return {
			workflowData: [this.helpers.returnJsonArray(item)],
			webhookResponse: { received: true, event: classified.event },
		};
	}
}
