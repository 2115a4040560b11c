/**
 * Every operation of the Peach node, each with at least three bad values of different kinds
 * (format, type, range or size), run through n8n's real engine with two input items and "On Error:
 * Continue": nothing may reach the sandbox, and each item's error must name the parameter and the
 * item. The values are what a careless mapping or a hostile input produces: objects and lists from
 * expressions, text where a switch is, choices outside the list, IDs that move the path, oversized
 * pastes, negative or unsafe numbers, dates that are not dates.
 */
const { useSandbox } = require('../harness/peach');
const { locator } = require('../harness/node-helpers');

const JOHN = '+919988776655';
const HUGE = 'x'.repeat(100_000);
const byId = (value) => locator(value, 'id');

/** One operation's valid parameters (from the sandbox's fixtures) and its bad values. */
const OPERATIONS = [
	{
		name: 'Template Message → Send',
		base: (f) => ({ resource: 'templateMessage', operation: 'send', phoneNumber: JOHN, templateId: locator(f.templates.approvedNoVariables) }),
		bad: [
			['format', { phoneNumber: '12345' }, 'Phone Number'],
			['type', { phoneNumber: '={{ { "number": "+919988776655" } }}' }, 'Phone Number'],
			['type', { waitForDelivery: '={{ "yes" }}' }, 'Wait for Delivery'],
			['range', { additionalFields: { retryUntil: '2001-01-01T00:00:00Z' } }, 'Additional Fields → Retry Until'],
			['size', { templateId: byId(`wat_${HUGE}`) }, 'Template'],
		],
	},
	{
		name: 'Template Message → Connect to AI Agent',
		base: (f) => ({
			resource: 'templateMessage',
			operation: 'connectToAiAgent',
			phoneNumber: JOHN,
			templateId: locator(f.templates.approvedNoVariables),
			aiAgentId: f.aiAgentId,
		}),
		bad: [
			['format', { aiAgentId: 'agent-7' }, 'AI Agent ID'],
			['type', { aiAgentId: '={{ ["aiflw_1", "aiflw_2"] }}' }, 'AI Agent ID'],
			['size', { phoneNumber: `+91${'9'.repeat(100_000)}` }, 'Phone Number'],
		],
	},
	{
		name: 'Template Message → Get Many',
		base: () => ({ resource: 'templateMessage', operation: 'getAll' }),
		bad: [
			['format', { filters: { updatedSince: 'yesterday' } }, 'Filters → Updated Since'],
			['type', { filters: { status: '={{ "bounced" }}' } }, 'Filters → Status'],
			['range', { limit: 0 }, 'Limit'],
			['size', { additionalQueryParameters: JSON.stringify({ template_name: HUGE }) }, 'Additional Query Parameters (JSON)'],
		],
	},
	{
		name: 'Template Message → Get Status',
		base: () => ({ resource: 'templateMessage', operation: 'getStatus', eventId: 'evt_1' }),
		bad: [
			['format', { eventId: '..' }, 'Event ID'],
			['type', { eventId: '={{ ["evt_1", "evt_2"] }}' }, 'Event ID'],
			['size', { eventId: HUGE }, 'Event ID'],
		],
	},
	{
		name: 'Template Message → Send App Message',
		base: () => ({ resource: 'templateMessage', operation: 'sendAppMessage', phoneNumber: JOHN, appId: 'flw_1234abcd' }),
		bad: [
			['format', { appId: 'my-app' }, 'App ID'],
			['type', { appId: '={{ { "id": "flw_1" } }}' }, 'App ID'],
			['size', { appId: `flw_${HUGE}` }, 'App ID'],
		],
	},
	...['archive', 'cancel', 'get'].map((operation) => ({
		name: `Broadcast → ${operation[0].toUpperCase()}${operation.slice(1)}`,
		base: (f) => ({ resource: 'broadcast', operation, broadcastId: byId(f.broadcasts.large) }),
		bad: [
			['format', { broadcastId: byId('={{ ".." }}') }, 'Broadcast'],
			['type', { broadcastId: byId('={{ { "id": "cmp_1" } }}') }, 'Broadcast'],
			['size', { broadcastId: byId(`cmp_${'a'.repeat(300)}`) }, 'Broadcast'],
		],
	})),
	{
		name: 'Broadcast → Get Many',
		base: () => ({ resource: 'broadcast', operation: 'getAll' }),
		bad: [
			['type', { filters: { status: '={{ "everything" }}' } }, 'Filters → Status'],
			['range', { limit: '={{ 1e21 }}' }, 'Limit'],
			['format', { additionalQueryParameters: '{"status": {"in": ["sent"]}}' }, 'Additional Query Parameters (JSON)'],
		],
	},
	{
		name: 'Broadcast → Get Status',
		base: () => ({ resource: 'broadcast', operation: 'getStatus', eventId: 'evt_1' }),
		bad: [
			['format', { eventId: '.' }, 'Event ID'],
			['type', { waitUntilProcessed: '={{ "yes" }}' }, 'Wait Until Processed'],
			['size', { eventId: HUGE }, 'Event ID'],
		],
	},
	{
		name: 'Broadcast → Launch',
		base: (f) => ({
			resource: 'broadcast',
			operation: 'launch',
			name: 'July promo',
			templateId: locator(f.templates.approvedNoVariables),
			audienceId: 'aud_1',
		}),
		bad: [
			['type', { name: '={{ { "campaign": "july" } }}' }, 'Name'],
			['type', { deliveryMode: '={{ "later" }}' }, 'Delivery Mode'],
			['range', { additionalFields: { scheduledLaunchTime: '2001-01-01T00:00:00Z' } }, 'Additional Fields → Scheduled Launch Time'],
			['format', { templateId: byId('={{ "order_confirmation" }}') }, 'Template'],
		],
	},
	...['archive', 'get', 'pause', 'submit'].map((operation) => ({
		name: `WhatsApp Template → ${operation[0].toUpperCase()}${operation.slice(1)}`,
		base: (f) => ({ resource: 'whatsAppTemplate', operation, templateId: locator(f.templates.draft) }),
		bad: [
			['format', { templateId: byId('={{ ".." }}') }, 'Template'],
			['type', { templateId: byId('={{ ["wat_1"] }}') }, 'Template'],
			['size', { templateId: byId(`wat_${'a'.repeat(300)}`) }, 'Template'],
		],
	})),
	{
		name: 'WhatsApp Template → Create',
		base: (f) => ({
			resource: 'whatsAppTemplate',
			operation: 'create',
			templateName: 'order_update',
			language: 'en',
			purpose: 'transactional',
			whatsAppBusinessAccountId: byId(String(f.whatsAppBusinessAccountId)),
			bodyText: 'Hi there',
		}),
		bad: [
			['format', { templateName: 'My Template!' }, 'Template Name'],
			['type', { category: '={{ "PROMO" }}' }, 'Category'],
			['type', { language: '={{ ["en"] }}' }, 'Language'],
			['size', { templateName: 'a'.repeat(600) }, 'Template Name'],
		],
	},
	{
		name: 'WhatsApp Template → Get Many',
		base: () => ({ resource: 'whatsAppTemplate', operation: 'getAll' }),
		bad: [
			['range', { limit: -1 }, 'Limit'],
			['type', { filters: { category: '={{ "PROMO" }}' } }, 'Filters → Category'],
			['type', { filters: { language: '={{ { "code": "en" } }}' } }, 'Filters → Language'],
		],
	},
	{
		name: 'WhatsApp Template → Update',
		base: (f) => ({ resource: 'whatsAppTemplate', operation: 'update', templateId: locator(f.templates.draft), updateFields: { folder: 'Orders' } }),
		bad: [
			['format', { updateFields: { templateName: 'New Name' } }, 'Update Fields → Template Name'],
			['type', { updateFields: { category: '={{ "PROMO" }}' } }, 'Update Fields → Category'],
			['format', { templateId: byId('={{ ".." }}') }, 'Template'],
		],
	},
	{
		name: 'Conversation → Assign Agent',
		base: (f) => ({
			resource: 'conversation',
			operation: 'assignAgent',
			target: 'contact',
			phoneNumber: JOHN,
			contactName: 'John',
			agentEmail: 'agent@example.com',
		}),
		bad: [
			['format', { agentEmail: 'not-an-email' }, 'Agent Email'],
			['type', { openChatOnAssignment: '={{ "yes" }}' }, 'Open Chat on Assignment'],
			['type', { contactName: '={{ { "first": "John" } }}' }, 'Contact Name'],
			['format', { target: 'conversation', conversation: byId('={{ ".." }}') }, 'Conversation'],
		],
	},
	{
		name: 'Conversation → Close',
		base: () => ({ resource: 'conversation', operation: 'close', target: 'contact', phoneNumber: JOHN, contactName: 'John' }),
		bad: [
			['format', { phoneNumber: 'abc' }, 'Phone Number'],
			['type', { target: '={{ "everyone" }}' }, 'Find Conversation By'],
			['size', { target: 'conversation', conversation: byId('1'.repeat(300)) }, 'Conversation'],
		],
	},
	{
		name: 'Conversation → Get Many',
		base: () => ({ resource: 'conversation', operation: 'getAll' }),
		bad: [
			['format', { filters: { updatedSince: 'last tuesday' } }, 'Filters → Updated Since'],
			['format', { filters: { activitySince: '2026-02-30T10:00:00Z' } }, 'Filters → Activity Since'],
			['type', { filters: { escalated: '={{ "yes" }}' } }, 'Filters → Escalated'],
			['type', { filters: { status: '={{ "archived" }}' } }, 'Filters → Status'],
		],
	},
	{
		name: 'Conversation → Get Messages',
		base: () => ({ resource: 'conversation', operation: 'getMessages' }),
		bad: [
			['format', { filters: { from: 'yesterday' } }, 'Filters → Sent After'],
			['type', { filters: { to: '={{ { "date": "2026-01-01" } }}' } }, 'Filters → Sent Before'],
			['type', { filters: { direction: '={{ "sideways" }}' } }, 'Filters → Direction'],
			['size', { additionalQueryParameters: JSON.stringify({ q: HUGE }) }, 'Additional Query Parameters (JSON)'],
		],
	},
	{
		name: 'Conversation → Update Status',
		base: (f) => ({ resource: 'conversation', operation: 'updateStatus', conversation: byId(f.openConversationId), status: 'closed' }),
		bad: [
			['type', { status: '={{ "archived" }}' }, 'Status'],
			['format', { conversation: byId('={{ ".." }}') }, 'Conversation'],
			['type', { conversation: byId('={{ [1, 2] }}') }, 'Conversation'],
		],
	},
	{
		name: 'Contact → Create',
		base: () => ({ resource: 'contact', operation: 'create', phoneNumber: JOHN }),
		bad: [
			['format', { phoneNumber: 'call me' }, 'Phone Number'],
			['type', { additionalFields: { optedOut: '={{ "yes" }}' } }, 'Additional Fields → Opted Out'],
			['type', { additionalFields: { email: '={{ ["a@example.com", "b@example.com"] }}' } }, 'Additional Fields → Email'],
			['size', { phoneNumber: `+1${'5'.repeat(100_000)}` }, 'Phone Number'],
		],
	},
	{
		name: 'Contact → Get',
		base: () => ({ resource: 'contact', operation: 'get', phoneNumber: JOHN }),
		bad: [
			['format', { phoneNumber: '..' }, 'Phone Number'],
			['type', { options: { emptyIfNotFound: '={{ "yes" }}' } }, 'Options → Return Empty Item If Not Found'],
			['type', { phoneNumber: '={{ ["+919988776655", "+13309106536"] }}' }, 'Phone Number'],
			['size', { phoneNumber: `+91${'9'.repeat(100_000)}` }, 'Phone Number'],
		],
	},
	{
		name: 'Contact → Create Many',
		base: () => ({ resource: 'contact', operation: 'createMany', contacts: { values: [{ phoneNumber: JOHN, name: 'John' }] } }),
		bad: [
			['format', { contacts: { values: [{ phoneNumber: 'abc' }] } }, 'Contacts'],
			['type', { contacts: { values: [{ phoneNumber: JOHN, name: '={{ { "first": "John" } }}' }] } }, 'Contacts → Contact 1 → Name'],
			['range', { options: { contactsPerRequest: 5000 } }, 'Options → Contacts per Request'],
		],
	},
	{
		name: 'Contact → Update',
		base: () => ({ resource: 'contact', operation: 'update', phoneNumber: JOHN, updateFields: { name: 'John' } }),
		bad: [
			['type', { updateFields: { name: '={{ { "first": "John" } }}' } }, 'Update Fields → Name'],
			['range', { updateFields: { age: -5 } }, 'Update Fields → Age'],
			['type', { updateFields: { communicationPreference: '={{ "spam_me" }}' } }, 'Update Fields → Communication Preference'],
			['size', { phoneNumber: `+91${'9'.repeat(100_000)}` }, 'Phone Number'],
		],
	},
	{
		name: 'Contact → Update Communication Preferences',
		base: () => ({ resource: 'contact', operation: 'updateCommunicationPreferences', phoneNumbers: JOHN, communicationPreference: 'mute_all' }),
		bad: [
			['format', { phoneNumbers: 'abc, +14155552671' }, 'Phone Numbers'],
			['type', { communicationPreference: '={{ "spam_me" }}' }, 'Communication Preference'],
			['type', { phoneNumbers: '={{ { "a": 1 } }}' }, 'Phone Numbers'],
		],
	},
	{
		name: 'Order → Create',
		base: () => ({ resource: 'order', operation: 'create', contactPhoneNumber: JOHN, lineItems: { values: [{ name: 'A', amount: 100, quantity: 1 }] } }),
		bad: [
			['range', { lineItems: { values: [{ name: 'A', amount: -5, quantity: 1 }] } }, 'Amount'],
			['range', { lineItems: { values: [{ name: 'A', amount: 100, quantity: 0 }] } }, 'Quantity'],
			['range', { lineItems: { values: [{ name: 'A', amount: '={{ 1e21 }}', quantity: 1 }] } }, 'Amount'],
			['type', { contactPhoneNumber: '={{ ["+919988776655"] }}' }, 'Contact Phone Number'],
			['type', { additionalFields: { type: '={{ "services" }}' } }, 'Additional Fields → Type'],
		],
	},
	{
		name: 'Order → Get',
		base: () => ({ resource: 'order', operation: 'get', orderId: 'wa_ord_1' }),
		bad: [
			['format', { orderId: '..' }, 'Order ID'],
			['type', { orderId: '={{ ["wa_ord_1", "wa_ord_2"] }}' }, 'Order ID'],
			['size', { orderId: HUGE }, 'Order ID'],
		],
	},
	{
		name: 'Order → Refund',
		base: () => ({ resource: 'order', operation: 'refund', orderId: 'wa_ord_1' }),
		bad: [
			['format', { orderId: '..' }, 'Order ID'],
			['range', { refund: 'partial', amount: '={{ 1e300 }}' }, 'Amount'],
			['type', { refund: '={{ "half" }}' }, 'Refund'],
			['type', { additionalFields: { speed: '={{ "warp" }}' } }, 'Additional Fields → Speed'],
		],
	},
	{
		name: 'Media → Create Direct Upload',
		base: () => ({
			resource: 'media',
			operation: 'createDirectUpload',
			fileSource: 'fields',
			fileName: 'a.png',
			contentType: 'image/png',
			byteSize: 1000,
			checksum: 'I+Sf6zGPGY+9Fh0ymkvwow==',
		}),
		bad: [
			['range', { byteSize: -1 }, 'Byte Size'],
			['type', { contentType: '={{ "image/gif" }}' }, 'Content Type'],
			['format', { checksum: 'abc' }, 'Checksum'],
			['size', { byteSize: 50 * 1024 * 1024 }, 'Byte Size'],
		],
	},
	{
		name: 'Media → Delete',
		base: (f) => ({ resource: 'media', operation: 'delete', media: byId(String(f.media.id)) }),
		bad: [
			['format', { media: byId('={{ ".." }}') }, 'Media'],
			['type', { media: byId('={{ { "id": 11 } }}') }, 'Media'],
			['size', { media: byId('1'.repeat(300)) }, 'Media'],
		],
	},
	{
		name: 'Media → Finalize Direct Upload',
		base: () => ({ resource: 'media', operation: 'finalizeDirectUpload', signedId: 'abc--123' }),
		bad: [
			['type', { signedId: '={{ { "signed_id": "abc" } }}' }, 'Signed ID'],
			['format', { signedId: 'has spaces in it' }, 'Signed ID'],
			['format', { signedId: ' ' }, 'Signed ID'],
		],
	},
	{
		name: 'Media → Get Many',
		base: () => ({ resource: 'media', operation: 'getAll' }),
		bad: [
			['range', { limit: 0 }, 'Limit'],
			['type', { limit: '={{ "ten" }}' }, 'Limit'],
			['size', { additionalQueryParameters: JSON.stringify({ filename: HUGE }) }, 'Additional Query Parameters (JSON)'],
		],
	},
	{
		name: 'Media → Upload',
		base: () => ({ resource: 'media', operation: 'upload' }),
		bad: [
			['format', { binaryPropertyName: '__proto__' }, 'Input Binary Field'],
			['type', { binaryPropertyName: '={{ { "field": "data" } }}' }, 'Input Binary Field'],
			['type', { fileOptions: { contentType: '={{ "image/gif" }}' } }, 'File Options → Content Type'],
		],
	},
	{
		name: 'Media → Upload From URL',
		base: () => ({ resource: 'media', operation: 'uploadFromUrl', fileUrl: 'http://127.0.0.1:9/a.png' }),
		bad: [
			['format', { fileUrl: 'ftp://example.com/a.png' }, 'File URL'],
			['type', { fileUrl: '={{ ["http://a", "http://b"] }}' }, 'File URL'],
			['format', { fileSource: 'binary', binaryPropertyName: 'constructor' }, 'Input Binary Field'],
		],
	},
	{
		name: 'Automation → Create',
		base: () => ({ resource: 'automation', operation: 'create', name: 'Thanks', definition: '{"start_step": "a", "steps": {"a": {"type": "end"}}}' }),
		bad: [
			['type', { name: '={{ { "name": "Thanks" } }}' }, 'Name'],
			['type', { additionalFields: { status: '={{ "live" }}' } }, 'Additional Fields → Status'],
			['format', { additionalFields: { businessPhoneNumber: 'main line' } }, 'Additional Fields → Business Phone Number'],
		],
	},
	{
		name: 'Automation → Get',
		base: (f) => ({ resource: 'automation', operation: 'get', automationId: locator(f.automations.published) }),
		bad: [
			['format', { automationId: byId('={{ ".." }}') }, 'Automation'],
			['type', { automationId: byId('={{ ["strm_1"] }}') }, 'Automation'],
			['size', { automationId: byId(`strm_${'a'.repeat(300)}`) }, 'Automation'],
		],
	},
	{
		name: 'Automation → Get Many',
		base: () => ({ resource: 'automation', operation: 'getAll' }),
		bad: [
			['type', { filters: { executionMode: '={{ "manual" }}' } }, 'Filters → Execution Mode'],
			['range', { limit: 0 }, 'Limit'],
			['size', { additionalQueryParameters: JSON.stringify({ status: HUGE }) }, 'Additional Query Parameters (JSON)'],
		],
	},
	{
		name: 'Automation → Run for Contact',
		base: (f) => ({ resource: 'automation', operation: 'runForContact', automationId: locator(f.automations.published), contactPhoneNumber: JOHN }),
		bad: [
			['format', { contactPhoneNumber: 'abc' }, 'Contact Phone Number'],
			['type', { additionalFields: { contactName: '={{ { "first": "John" } }}' } }, 'Additional Fields → Contact Name'],
			['format', { automationId: byId('={{ ".." }}') }, 'Automation'],
		],
	},
	{
		name: 'Automation → Update',
		base: (f) => ({ resource: 'automation', operation: 'update', automationId: locator(f.automations.draft), updateFields: { description: 'x' } }),
		bad: [
			['type', { updateFields: { status: '={{ "live" }}' } }, 'Update Fields → Status'],
			['type', { updateFields: { name: '={{ ["a", "b"] }}' } }, 'Update Fields → Name'],
			['size', { automationId: byId(`strm_${'a'.repeat(300)}`) }, 'Automation'],
		],
	},
	{
		name: 'Automation Trigger → Create',
		base: (f) => ({ resource: 'automationTrigger', operation: 'create', automationId: locator(f.automations.published), condition: locator('Order Paid') }),
		bad: [
			['format', { condition: byId('={{ "Order Paid" }}') }, 'Condition'],
			['type', { activate: '={{ "yes" }}' }, 'Activate'],
			['format', { automationId: byId('={{ ".." }}') }, 'Automation'],
		],
	},
	{
		name: 'Automation Trigger → Get Many',
		base: (f) => ({ resource: 'automationTrigger', operation: 'getAll', automationId: locator(f.automations.published) }),
		bad: [
			['format', { automationId: byId('={{ ".." }}') }, 'Automation'],
			['type', { automationId: byId('={{ { "id": "strm_1" } }}') }, 'Automation'],
			['range', { limit: -3 }, 'Limit'],
		],
	},
	{
		name: 'Automation Trigger → Update',
		base: () => ({ resource: 'automationTrigger', operation: 'update', triggerId: 'trig_1234abcd', updateFields: { description: 'x' } }),
		bad: [
			['format', { triggerId: '..' }, 'Trigger ID'],
			['type', { updateFields: { activate: '={{ "yes" }}' } }, 'Update Fields → Activate'],
			['size', { triggerId: `trig_${'a'.repeat(300)}` }, 'Trigger ID'],
		],
	},
	{
		name: 'Condition → Get Many',
		base: () => ({ resource: 'condition', operation: 'getAll' }),
		bad: [
			['type', { filters: { source: '={{ { "name": "shopify" } }}' } }, 'Filters → Source'],
			['range', { limit: 0 }, 'Limit'],
			['size', { additionalQueryParameters: JSON.stringify({ source: HUGE }) }, 'Additional Query Parameters (JSON)'],
		],
	},
];

const CASES = OPERATIONS.flatMap(({ name, base, bad }) =>
	bad.map(([kind, overrides, parameter]) => ({ name, base, kind, overrides, parameter })),
);

describe('Bad input stops every operation before anything is sent', () => {
	const ctx = useSandbox();

	test.each(CASES.map((c) => [c.name, c.kind, c.parameter, c]))(
		'%s: a bad %s value of %s',
		async (_name, _kind, parameter, { base, overrides }) => {
			const parameters = { ...base(ctx.sandbox.fixtures), ...overrides };
			const result = await ctx.run(parameters, { items: [{}, {}], continueOnFail: true });
			expect(ctx.apiRequests()).toEqual([]);
			expect(result.output).toHaveLength(2);
			result.output.forEach((item, index) => {
				const message = item.json.error;
				expect(typeof message).toBe('string');
				expect(message).toContain(parameter);
				expect(message).toMatch(new RegExp(`\\[item ${index}\\]$`));
				// No message repeats an oversized input whole.
				expect(message.length).toBeLessThan(700);
			});
		},
	);

	test('the table covers every operation the node offers', () => {
		const { Peach } = require('../../dist/nodes/Peach/Peach.node.js');
		const { properties } = new Peach().description;
		const resources = properties.find((p) => p.name === 'resource').options;
		const covered = new Set(OPERATIONS.map((operation) => operation.name));
		const offered = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => {
				const resource = resources.find((r) => r.value === p.displayOptions.show.resource[0]).name;
				return p.options.map((o) => `${resource} → ${o.name.replace(' (Deprecated)', '')}`);
			});
		expect(offered.filter((name) => !covered.has(name))).toEqual([]);
		for (const operation of OPERATIONS) {
			expect(new Set(operation.bad.map(([kind]) => kind)).size).toBeGreaterThanOrEqual(2);
			expect(operation.bad.length).toBeGreaterThanOrEqual(3);
		}
	});
});
