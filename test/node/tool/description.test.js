/**
 * What the tool version of the node shows, evaluated the way n8n does (the @tool display condition
 * is true only for the node type n8n derives for an AI Agent): guard rails with safe defaults,
 * plain ID fields pre-filled for the model, and nothing of that in the normal node.
 */
const { NodeHelpers } = require('n8n-workflow');
const { Peach } = require('../../../dist/nodes/Peach/Peach.node.js');
const { OPERATION_EFFECTS } = require('../../../dist/nodes/Peach/shared/guardRails.js');
const { toolNodeType, TOOL_TYPE } = require('../../harness/tool');

const GUARD_RAILS = [
	'toolAllowedOperations',
	'toolAllowedTemplates',
	'toolAllowedAutomations',
	'toolMaxRecipients',
	'toolAllowedPhoneNumbers',
	'toolMaxRefundAmount',
];

/** The parameters n8n stores for a new node of this type (defaults of what is displayed). */
function newNode(type, typeName, parameters) {
	const node = { name: 'Peach', type: typeName, typeVersion: 1, parameters };
	return NodeHelpers.getNodeParameters(type.description.properties, parameters, true, false, node, type.description);
}
const inTool = (parameters) => newNode(toolNodeType(), TOOL_TYPE, parameters);
const inNode = (parameters) => newNode(new Peach(), 'n8n-nodes-peach.peach', parameters);

describe('Peach tool: description', () => {
	test('a new tool is read-only; sending settings appear once sends are allowed, with a cap of 10', () => {
		const readOnly = inTool({ resource: 'conversation', operation: 'getAll' });
		expect(readOnly.toolAllowedOperations).toEqual(['read']);
		expect(readOnly).not.toHaveProperty('toolAllowedTemplates');
		expect(readOnly).not.toHaveProperty('toolMaxRefundAmount');
		const sending = inTool({ resource: 'templateMessage', operation: 'send', toolAllowedOperations: ['send'] });
		expect(sending).toMatchObject({ toolAllowedTemplates: [], toolMaxRecipients: 10, toolAllowedPhoneNumbers: '' });
		expect(sending.toolAllowedAutomations).toEqual([]);
		const money = inTool({ resource: 'order', operation: 'refund', toolAllowedOperations: ['money'] });
		expect(money).toMatchObject({ toolMaxRefundAmount: 0, refund: 'partial' });
		// Orders reach a person, so the recipient settings show with money alone.
		expect(money).toMatchObject({ toolMaxRecipients: 10, toolAllowedPhoneNumbers: '' });
		expect(money).not.toHaveProperty('toolAllowedAutomations');
	});

	test('the normal node shows no guard rails and keeps its pickers', () => {
		const parameters = inNode({ resource: 'templateMessage', operation: 'send', toolAllowedOperations: ['send'] });
		for (const name of GUARD_RAILS) expect(parameters).not.toHaveProperty(name);
		expect(parameters.templateId).toEqual({ __rl: true, mode: 'list', value: '' });
		expect(parameters.variablesInput).toBe('fields');
	});

	test.each([
		['templateMessage', 'send', { phoneNumber: 'phone_number', templateId: 'template_id', variablesJson: 'template_variables' }],
		['broadcast', 'cancel', { broadcastId: 'broadcast_id' }],
		['conversation', 'updateStatus', { conversation: 'conversation_id' }],
		['media', 'delete', { media: 'media_id' }],
		['order', 'refund', { orderId: 'order_id', amount: 'refund_amount' }],
		['templateMessage', 'getStatus', { eventId: 'event_id' }],
	])('%s → %s: every ID is a plain field the model fills ($fromAI with its format)', (resource, operation, fields) => {
		const parameters = inTool({ resource, operation, toolAllowedOperations: ['read', 'send', 'broadcast', 'inbox', 'media', 'money'] });
		for (const [name, key] of Object.entries(fields)) {
			expect(typeof parameters[name]).toBe('string');
			expect(parameters[name]).toMatch(new RegExp(`^=\\{\\{ /\\*n8n-auto-generated-fromAI-override\\*/ \\$fromAI\\('${key}', \`[^\`]+\`, '(string|number)'\\) \\}\\}$`));
		}
	});

	test('every operation is classified for the guard rails, and its description says what it costs', () => {
		const operations = new Peach().description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => p.options.map((o) => ({ key: `${p.displayOptions.show.resource[0]}:${o.value}`, description: o.description })));
		expect(operations.map((o) => o.key).sort()).toEqual(Object.keys(OPERATION_EFFECTS).sort());
		for (const { key, description } of operations) {
			expect(description.endsWith(OPERATION_EFFECTS[key].effect)).toBe(true);
		}
		// Whatever reaches a person (its description says customer-visible) is held to the recipient checks.
		const reaching = Object.keys(OPERATION_EFFECTS).filter((key) => OPERATION_EFFECTS[key].recipients).sort();
		expect(reaching).toEqual(
			Object.keys(OPERATION_EFFECTS)
				.filter((key) => /customer-visible/i.test(OPERATION_EFFECTS[key].effect))
				.sort(),
		);
		expect(reaching).toEqual([
			'automation:runForContact',
			'broadcast:launch',
			'order:create',
			'templateMessage:connectToAiAgent',
			'templateMessage:send',
			'templateMessage:sendAppMessage',
		]);
		const send = operations.find((o) => o.key === 'templateMessage:send').description;
		expect(send).toBe('Send a pre-approved WhatsApp template message to one contact. Customer-visible: messages the contact on WhatsApp, which WhatsApp bills.');
	});
});
