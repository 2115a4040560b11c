/**
 * What the n8n editor draws from the built descriptions, computed with the functions the editor
 * itself uses: the required marker (n8n-workflow's parameter issues, drawn as a red warning icon
 * beside an empty required field), the nodes panel's trigger entries (n8n 2.41's rule: an option's
 * `action`, or else "On " + its name in lower case) and the Polling Trigger's panel as n8n's loader
 * builds it (Poll Times added at the top).
 */
const { NodeHelpers } = require('n8n-workflow');
const { Peach } = require('../../dist/nodes/Peach/Peach.node.js');
const { PeachTrigger } = require('../../dist/nodes/PeachTrigger/PeachTrigger.node.js');
const { PeachPollingTrigger } = require('../../dist/nodes/PeachPollingTrigger/PeachPollingTrigger.node.js');
const { PeachApi } = require('../../dist/credentials/PeachApi.credentials.js');
const { toolNodeType, TOOL_TYPE } = require('../harness/tool');
const { loadedPollingTrigger } = require('../harness/poll');

// The editor's lower-casing is lodash's, the copy n8n-workflow uses.
const lowerCase = require(require.resolve('lodash/lowerCase', { paths: [require.resolve('n8n-workflow')] }));

/** A node just added in the editor, and the fields the editor marks as required and empty. */
function requiredMarkers(nodeType, typeName, parameters) {
	const { description } = nodeType;
	const node = { name: 'Node', type: typeName, typeVersion: 1, position: [0, 0], parameters: {} };
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description);
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
	return { parameters: node.parameters, marked: Object.keys(issues?.parameters ?? {}) };
}

/** The nodes panel's entries for a trigger, as n8n 2.41 derives them (useActionsGenerator → triggersCategory). */
function nodesPanelEntries(description) {
	const events = description.properties.find((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));
	return events.options.map((option) => option.action ?? `On ${lowerCase(option.name.split('.').join(' '))}`);
}

/** Top-level fields marked required on a new node, per operation: what a user must fill before running. */
const REQUIRED_ON_A_NEW_NODE = {
	'templateMessage:send': ['phoneNumber', 'templateId'],
	'templateMessage:getStatus': ['eventId'],
	'templateMessage:getAll': [],
	'templateMessage:connectToAiAgent': ['phoneNumber', 'templateId', 'aiAgentId'],
	'templateMessage:sendAppMessage': ['phoneNumber', 'appId'],
	'broadcast:launch': ['name', 'templateId', 'audienceId'],
	'broadcast:getStatus': ['eventId'],
	'broadcast:getAll': [],
	'broadcast:get': ['broadcastId'],
	'broadcast:archive': ['broadcastId'],
	'broadcast:cancel': ['broadcastId'],
	'whatsAppTemplate:getAll': [],
	'whatsAppTemplate:create': ['templateName', 'purpose', 'whatsAppBusinessAccountId', 'bodyText'],
	'whatsAppTemplate:update': ['templateId'],
	'whatsAppTemplate:archive': ['templateId'],
	'whatsAppTemplate:pause': ['templateId'],
	'whatsAppTemplate:submit': ['templateId'],
	'whatsAppTemplate:get': ['templateId'],
	'conversation:getAll': [],
	'conversation:getMessages': [],
	'conversation:updateStatus': ['conversation'],
	'conversation:assignAgent': ['phoneNumber', 'contactName', 'agentEmail'],
	'conversation:close': ['phoneNumber', 'contactName'],
	'contact:create': ['phoneNumber'],
	'contact:createMany': [],
	'contact:get': ['phoneNumber'],
	'contact:update': ['phoneNumber'],
	'contact:updateCommunicationPreferences': ['phoneNumbers'],
	'order:create': ['contactPhoneNumber'],
	'order:get': ['orderId'],
	'order:refund': ['orderId'],
	'media:upload': [],
	'media:createDirectUpload': [],
	'media:finalizeDirectUpload': ['signedId'],
	'media:uploadFromUrl': ['fileUrl'],
	'media:getAll': [],
	'media:delete': ['media'],
	'automation:runForContact': ['automationId', 'contactPhoneNumber'],
	'automation:getAll': [],
	'automation:get': ['automationId'],
	'automation:create': ['name'],
	'automation:update': ['automationId'],
	'automationTrigger:create': ['automationId', 'condition'],
	'automationTrigger:getAll': ['automationId'],
	'automationTrigger:update': ['triggerId'],
	'condition:getAll': [],
};

describe('editor: required markers', () => {
	test('Template Message → Send marks Phone Number and Template as required until they are filled', () => {
		const peach = new Peach();
		const empty = requiredMarkers(peach, 'n8n-nodes-peach.peach', { resource: 'templateMessage', operation: 'send' });
		expect(empty.marked).toEqual(['phoneNumber', 'templateId']);
		const filled = requiredMarkers(peach, 'n8n-nodes-peach.peach', {
			resource: 'templateMessage',
			operation: 'send',
			phoneNumber: '+919988776655',
			templateId: { __rl: true, mode: 'id', value: 'wat_1234abcd' },
			variablesInput: 'json',
		});
		expect(filled.marked).toEqual([]);
	});

	test('every operation marks the fields it needs on a new node', () => {
		const peach = new Peach();
		const operations = peach.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => p.options.map((o) => `${p.displayOptions.show.resource[0]}:${o.value}`));
		expect(operations.sort()).toEqual(Object.keys(REQUIRED_ON_A_NEW_NODE).sort());
		const marked = Object.fromEntries(
			operations.map((key) => {
				const [resource, operation] = key.split(':');
				return [key, requiredMarkers(peach, 'n8n-nodes-peach.peach', { resource, operation }).marked];
			}),
		);
		expect(marked).toEqual(REQUIRED_ON_A_NEW_NODE);
	});

	test('as an AI Agent tool, Send keeps Phone Number and Template required, filled by the model ($fromAI), with no marker', () => {
		const tool = requiredMarkers(toolNodeType(), TOOL_TYPE, {
			resource: 'templateMessage',
			operation: 'send',
			toolAllowedOperations: ['send'],
		});
		expect(tool.parameters.phoneNumber).toMatch(/\$fromAI\('phone_number'/);
		expect(tool.parameters.templateId).toMatch(/\$fromAI\('template_id'/);
		expect(tool.marked).not.toContain('phoneNumber');
		expect(tool.marked).not.toContain('templateId');
		const toolFields = toolNodeType().description.properties.filter(
			(p) => ['phoneNumber', 'templateId'].includes(p.name) && p.displayOptions?.show?.['@tool'],
		);
		expect(toolFields.map((p) => [p.name, p.required])).toEqual(
			expect.arrayContaining([
				['phoneNumber', true],
				['templateId', true],
			]),
		);
	});

	test('Polling Trigger → Broadcast Status Changed marks Statuses as required until one is picked', () => {
		const trigger = loadedPollingTrigger();
		const type = 'n8n-nodes-peach.peachPollingTrigger';
		expect(requiredMarkers(trigger, type, { event: 'broadcastStatusChanged' }).marked).toEqual(['broadcastStatuses']);
		expect(requiredMarkers(trigger, type, { event: 'broadcastStatusChanged', broadcastStatuses: ['sent'] }).marked).toEqual([]);
	});
});

describe('editor: Polling Trigger panel', () => {
	// n8n's loader puts Poll Times first (the end-to-end editor case checks that order in the page).
	test('the notice points at Poll Times where n8n shows it: above the notice', () => {
		const notice = new PeachPollingTrigger().description.properties.find((p) => p.name === 'pollingNotice');
		expect(notice.displayName).toMatch(/^Peach is checked on the schedule set in Poll Times above;/);
		expect(notice.displayName).not.toMatch(/below/);
	});
});

describe('editor: trigger entries in the nodes panel', () => {
	test('Peach Trigger: every event reads with AI, WhatsApp and the rest spelled as in Peach', () => {
		const entries = nodesPanelEntries(new PeachTrigger().description);
		expect(entries).toEqual([
			'On AI agent execution analyzed',
			'On AI agent execution completed',
			'On AI agent execution escalated',
			'On AI agent execution started',
			'On all events',
			'On WhatsApp Flow execution completed',
			'On WhatsApp Flow execution in progress',
			'On WhatsApp Flow execution pending',
			'On message delivered',
			'On message delivery failed',
			'On message read',
			'On message replied',
			'On message sent',
			'On order canceled',
			'On order completed',
		]);
	});

	test('Peach Polling Trigger: every event reads properly', () => {
		expect(nodesPanelEntries(new PeachPollingTrigger().description)).toEqual([
			'On broadcast status changed',
			'On conversation updated',
			'On new inbound WhatsApp message',
			'On template message status changed',
		]);
	});
});

describe('credential: Max Requests per Second', () => {
	test('shows 0 by default and says that 0 means no cap', () => {
		const field = new PeachApi().properties.find((p) => p.name === 'maxRequestsPerSecond');
		expect(field).toMatchObject({ displayName: 'Max Requests per Second', type: 'number', default: 0 });
		expect(field.description).toMatch(/^0 \(the default\) means no cap/);
		expect(field.description).not.toMatch(/empty/i);
	});
});
