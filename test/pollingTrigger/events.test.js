/**
 * The four events of the Polling Trigger, through n8n-core's poll path against the sandbox: the
 * requests as Peach receives them, the filters (sent to Peach where it documents them, always
 * checked on what comes back), and the items as n8n emits them.
 */
const { usePolling } = require('./setup');

const ctx = usePolling();
const JOHN = '+919988776655';
const ALFRED = '+13309106536';

describe('New Inbound Message', () => {
	test('asks Peach for inbound messages after the cursor and emits the message with its contact and conversation', async () => {
		const { poller } = await ctx.activate({ event: 'newInboundMessage' });
		const cursor = poller.storedState().cursor;
		const message = ctx.sandbox.receiveMessage({ phoneNumber: JOHN, text: 'Where is my order?' });
		const { items } = await poller.poll();

		const [request] = ctx.requestsTo('/api/v1/messages');
		expect(request.method).toBe('GET');
		expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(request.query).toEqual({
			direction: 'inbound',
			from: new Date(Date.parse(cursor) - 1000).toISOString(),
			page: '1',
			per_page: '1000',
		});
		const { _contact_phone, ...asPeachSendsIt } = message;
		expect(items).toEqual([{ ...asPeachSendsIt, contact: { phone_number: JOHN, name: 'John Doe' }, conversation_id: 1001 }]);
	});

	test('one phone number is sent to Peach; several are checked on what comes back, with the message types', async () => {
		const one = await ctx.activate({ event: 'newInboundMessage', filters: { phoneNumbers: '+91 99887-76655' } });
		ctx.sandbox.receiveMessage({ phoneNumber: ALFRED });
		const johns = ctx.sandbox.receiveMessage({ phoneNumber: JOHN });
		expect((await one.poller.poll()).items.map((item) => item.id)).toEqual([johns.id]);
		expect(ctx.requestsTo('/api/v1/messages')[0].query.phone_number).toBe(JOHN);

		ctx.sandbox.clearRequests();
		const several = await ctx.activate({
			event: 'newInboundMessage',
			filters: { phoneNumbers: `${JOHN}, ${ALFRED}`, messageTypes: ['image'] },
		});
		ctx.sandbox.receiveMessage({ phoneNumber: JOHN, contentType: 'text' });
		const photo = ctx.sandbox.receiveMessage({ phoneNumber: ALFRED, contentType: 'image' });
		ctx.sandbox.receiveMessage({ phoneNumber: '+14155550100', contentType: 'image' });
		expect((await several.poller.poll()).items.map((item) => item.id)).toEqual([photo.id]);
		expect(ctx.requestsTo('/api/v1/messages')[0].query.phone_number).toBeUndefined();
	});

	test('when Peach ignores the filters, outbound messages and other contacts are still left out', async () => {
		const { poller } = await ctx.activate({ event: 'newInboundMessage', filters: { phoneNumbers: JOHN } });
		const at = new Date(ctx.now() + 1).toISOString();
		await ctx.untilDue(Date.parse(at));
		const message = (id, direction, phone) => ({
			id,
			direction,
			content_type: 'text',
			created_at: at,
			conversation_id: 7,
			author: { type: direction === 'inbound' ? 'contact' : 'user', name: 'X', phone_number: phone },
		});
		// Peach answering as if it had no direction or phone filter at all.
		ctx.sandbox.fault('GET /api/v1/messages', {
			status: 200,
			times: 1,
			body: {
				count: 3,
				next: null,
				previous: null,
				messages: [message('m1', 'outbound', null), message('m2', 'inbound', ALFRED), message('m3', 'inbound', JOHN)],
			},
		});
		expect((await poller.poll()).items.map((item) => item.id)).toEqual(['m3']);
	});

	test('a phone number that is not in international format stops the poll before anything is sent', async () => {
		const poller = ctx.poller({ event: 'newInboundMessage', filters: { phoneNumbers: `${JOHN}, 12ab` } });
		const { error } = await poller.activate();
		expect(error.message).toBe(
			'Filters → Phone Numbers: 1 of 2 phone numbers are not in international format (index 1: "12ab")',
		);
		expect(error.description).toMatch(/country code/);
		expect(ctx.sandbox.apiRequests()).toHaveLength(0);
	});
});

describe('Conversation Updated', () => {
	/** Seeded conversations that are open, not escalated and assigned to nobody, for changes with a known outcome. */
	const quietConversations = () =>
		ctx.sandbox.state.conversations.filter((c) => c.status === 'open' && !c.escalated && !c.assigned_to).map((c) => c.id);

	test('a conversation first seen already closed or escalated fires Closed / Escalated (Peach shows no last activity)', async () => {
		const [closing, escalating] = quietConversations();
		const { poller } = await ctx.activate({ event: 'conversationUpdated' });
		ctx.sandbox.changeConversation(closing, { status: 'closed' });
		await ctx.tick();
		ctx.sandbox.changeConversation(escalating, { escalated: true });
		const first = await poller.poll();
		expect(first.items.map((item) => [item.id, item.changes])).toEqual([
			[closing, ['closed']],
			[escalating, ['escalated']],
		]);
		// The records as Peach documents them: the contact is the subscriber, the agent in assigned_to.
		expect(first.items[0]).toEqual(
			expect.objectContaining({ subscriber: expect.objectContaining({ phone_number: expect.stringMatching(/^\+\d+$/) }), assigned_to: null, previous: null }),
		);
		expect(first.items[0]).not.toHaveProperty('last_activity_type');
		const [request] = ctx.requestsTo('/api/v1/conversations');
		expect(request.query).toEqual({ updated_since: expect.stringMatching(/Z$/), page: '1', per: '1000' });

		// An agent reopens the closed one.
		await ctx.tick();
		ctx.sandbox.changeConversation(closing, { status: 'open' });
		const second = await poller.poll();
		expect(second.items).toHaveLength(1);
		expect(second.items[0]).toMatchObject({ id: closing, status: 'open', changes: ['opened'], previous: { status: 'closed' } });
	});

	test('an assignment in assigned_to fires Assigned, and so does a change of agent', async () => {
		const [id] = quietConversations();
		const { poller } = await ctx.activate({ event: 'conversationUpdated', changes: ['assigned'] });
		ctx.sandbox.changeConversation(id, { status: 'pending' });
		expect((await poller.poll()).items).toEqual([]);
		await ctx.tick();
		ctx.sandbox.changeConversation(id, { assignee: 'priya@peachdemo.store' });
		const assigned = await poller.poll();
		expect(assigned.items).toEqual([
			expect.objectContaining({
				id,
				assigned_to: { type: 'user', id: 1, name: 'Priya Sharma' },
				changes: ['assigned'],
				previous: { status: 'pending', escalated: false, assignee: null },
			}),
		]);
		await ctx.tick();
		ctx.sandbox.changeConversation(id, { assignee: 'arjun@peachdemo.store' });
		const reassigned = await poller.poll();
		expect(reassigned.items.map((item) => [item.id, item.assigned_to.name, item.changes])).toEqual([[id, 'Arjun Mehta', ['assigned']]]);
	});

	test('a first sighting does not guess an assignment: an assigned conversation with a new message is not "assigned"', async () => {
		const [id] = quietConversations();
		const { poller } = await ctx.activate({ event: 'conversationUpdated', changes: ['assigned'] });
		ctx.sandbox.changeConversation(id, { assignee: 'priya@peachdemo.store' });
		expect((await poller.poll()).items).toEqual([]);
	});

	test('records in the older shape (assignee, contact, last_activity_type) are still read', async () => {
		const { poller } = await ctx.activate({ event: 'conversationUpdated' });
		const at = new Date(ctx.now() + 1).toISOString();
		await ctx.untilDue(Date.parse(at));
		const created = new Date(Date.now() - 86400000).toISOString();
		const legacy = (id, fields) => ({ id, status: 'open', escalated: false, updated_at: at, created_at: created, contact: { name: 'X', phone_number: JOHN }, assignee: null, ...fields });
		ctx.sandbox.fault('GET /api/v1/conversations', {
			status: 200,
			times: 1,
			body: {
				count: 3,
				next: null,
				prev: null,
				conversations: [
					legacy(7001, { assignee: { email: 'priya@example.com' }, last_activity_type: 'assignment' }),
					legacy(7002, { status: 'closed', last_activity_type: 'status_change' }),
					// Peach says the last activity was a message: a closed conversation was not just closed.
					legacy(7003, { status: 'closed', last_activity_type: 'message' }),
				],
			},
		});
		expect((await poller.poll()).items.map((item) => [item.id, item.changes])).toEqual([
			[7001, ['assigned']],
			[7002, ['closed']],
			[7003, []],
		]);
	});

	test('a conversation started by a new customer is "opened"', async () => {
		const { poller } = await ctx.activate({ event: 'conversationUpdated', changes: ['opened'] });
		const message = ctx.sandbox.receiveMessage({ phoneNumber: '+14155550100', name: 'Ada Lovelace' });
		const { items } = await poller.poll();
		expect(items).toEqual([
			expect.objectContaining({ id: message.conversation_id, status: 'open', changes: ['opened'], previous: null }),
		]);
	});

	test('only the chosen changes and statuses start the workflow; the escalated filter is sent to Peach', async () => {
		const { poller } = await ctx.activate({
			event: 'conversationUpdated',
			changes: ['closed'],
			filters: { statuses: ['closed'], escalated: 'false' },
		});
		const conversation = ctx.sandbox.state.conversations.find((c) => c.status === 'open' && !c.escalated);
		ctx.sandbox.changeConversation(conversation.id, { assignee: 'priya@example.com' });
		await ctx.tick();
		ctx.sandbox.changeConversation(conversation.id, { status: 'closed' });
		const { items } = await poller.poll();
		expect(items.map((item) => [item.id, item.changes])).toEqual([[conversation.id, ['closed']]]);
		expect(ctx.requestsTo('/api/v1/conversations')[0].query).toMatchObject({ status: 'closed', escalated: 'false' });
	});
});

describe('Template Message Status Changed', () => {
	test('emits the messages that moved to a chosen status, filtered by broadcast (sent to Peach) and template', async () => {
		const broadcastId = ctx.sandbox.state.templateMessages.find((m) => m.broadcast_id).broadcast_id;
		const [ours, other] = ctx.sandbox.state.templateMessages.filter((m) => m.broadcast_id === broadcastId);
		const templateId = ours.whats_app_template_id;
		const { poller } = await ctx.activate({
			event: 'templateMessageStatusChanged',
			statuses: ['failed'],
			filters: { broadcastId, templateId },
		});
		ctx.sandbox.setTemplateMessageStatus(ours.id, { status: 'failed', failureMessage: '(#131049) Not delivered' });
		await ctx.tick();
		ctx.sandbox.setTemplateMessageStatus(other.id, { status: 'read' });
		const loneFailure = ctx.sandbox.state.templateMessages.find((m) => !m.broadcast_id);
		ctx.sandbox.setTemplateMessageStatus(loneFailure.id, { status: 'failed' });

		const { items } = await poller.poll();
		expect(items).toEqual([expect.objectContaining({ id: ours.id, status: 'failed', failure_message: '(#131049) Not delivered' })]);
		expect(ctx.requestsTo('/api/v1/template_messages')[0].query).toEqual({
			updated_since: expect.stringMatching(/Z$/),
			broadcast_id: broadcastId,
			status: 'failed',
			page: '1',
			per: '1000',
		});
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('Broadcast Status Changed', () => {
	test('emits a broadcast once when it moves to a chosen status, with the status it left', async () => {
		const [sending] = ctx.sandbox.fixtures.broadcasts.sending;
		const [scheduled] = ctx.sandbox.fixtures.broadcasts.scheduled;
		const { poller, activation } = await ctx.activate({ event: 'broadcastStatusChanged', broadcastStatuses: ['sent', 'failed'] });
		expect(activation.items).toEqual([]);

		ctx.sandbox.setBroadcastStatus(sending, { status: 'sent' });
		ctx.sandbox.setBroadcastStatus(scheduled, { status: 'canceled' });
		const { items } = await poller.poll();
		expect(items).toEqual([expect.objectContaining({ id: sending, status: 'sent', previous_status: 'sending' })]);
		expect((await poller.poll()).items).toEqual([]);
		expect(ctx.requestsTo('/api/v1/broadcasts').every((request) => request.query.status === undefined)).toBe(true);
	});

	test('more changes than the cap come out over the next polls, oldest first', async () => {
		const sending = ctx.sandbox.fixtures.broadcasts.sending;
		const { poller } = await ctx.activate({
			event: 'broadcastStatusChanged',
			broadcastStatuses: ['sent'],
			options: { maxRecordsPerPoll: 2 },
		});
		const at = Date.now();
		sending.forEach((id, i) => ctx.sandbox.setBroadcastStatus(id, { status: 'sent', at: at + i }));
		const first = await poller.poll();
		const second = await poller.poll();
		const third = await poller.poll();
		expect(first.items.map((item) => item.id)).toEqual(sending.slice(0, 2));
		expect(second.items.map((item) => item.id)).toEqual(sending.slice(2));
		expect(third.items).toEqual([]);
	});

	test('asks for at least one status before reading anything', async () => {
		const { error } = await ctx.poller({ event: 'broadcastStatusChanged', broadcastStatuses: [] }).activate();
		expect(error.message).toBe('Statuses: pick at least one status');
		expect(ctx.sandbox.apiRequests()).toHaveLength(0);
	});

	test('"Fetch Test Event" returns the most recently changed broadcast in a chosen status', async () => {
		const [sending] = ctx.sandbox.fixtures.broadcasts.sending;
		ctx.sandbox.setBroadcastStatus(sending, { status: 'sent' });
		const { items, error } = await ctx.poller({ event: 'broadcastStatusChanged', broadcastStatuses: ['sent'] }).fetchTestEvent();
		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ id: sending, status: 'sent' })]);
	});
});

test('picking another event starts over: nothing that happened before the switch is emitted', async () => {
	const { poller } = await ctx.activate({ event: 'newInboundMessage' });
	ctx.sandbox.changeConversation(1002, { status: 'closed' });
	await ctx.tick();
	poller.node.parameters.event = 'conversationUpdated';
	expect((await poller.poll()).items).toEqual([]);
	expect(poller.storedState().event).toBe('conversationUpdated');
	await ctx.tick();
	ctx.sandbox.changeConversation(1003, { status: 'closed' });
	expect((await poller.poll()).items.map((item) => item.id)).toEqual([1003]);
});

test('"Fetch Test Event" with nothing to show says what to do', async () => {
	const { items, error } = await ctx
		.poller({ event: 'newInboundMessage', filters: { phoneNumbers: '+14155550100' } })
		.fetchTestEvent();
	expect(items).toEqual([]);
	expect(error.message).toBe('Peach has no record that matches this event and its filters yet');
	expect(error.description).toMatch(/Send a WhatsApp message to your business number/);
});
