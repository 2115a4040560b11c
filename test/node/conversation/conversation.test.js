/**
 * Conversation resource through n8n's real engine against the Peach sandbox: the exact request
 * Peach receives, the items n8n outputs, and input checks that stop a run before anything is sent.
 */
const { useSandbox, expectInputError } = require('../../harness/peach');

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const fromList = (value) => ({ __rl: true, mode: 'list', value: String(value) });

describe('Conversation → Get Many', () => {
	const ctx = useSandbox();
	const getMany = (extra = {}) => ({ resource: 'conversation', operation: 'getAll', ...extra });

	test('minimal: one request for the default limit, no filter, the key in Authorization', async () => {
		const result = await ctx.run(getMany());
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/conversations', body: null });
		expect(requests[0].query).toEqual({ page: '1', per: '50' });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.items).toHaveLength(50);
		expect(result.items[0]).toEqual(
			expect.objectContaining({ id: expect.any(Number), status: expect.any(String), subscriber: expect.any(Object) }),
		);
	});

	test('full: every filter reaches the query as Peach names it, the phone number normalised', async () => {
		const since = new Date(Date.now() - 30 * 86400000).toISOString();
		const result = await ctx.run(
			getMany({
				limit: 5,
				filters: {
					status: 'open',
					escalated: false,
					activityType: 'message',
					activitySince: since,
					updatedSince: since,
					phoneNumber: '+91 99887 76655',
					hasCallPermission: true,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.apiRequests();
		expect(request.query).toEqual({
			page: '1',
			per: '5',
			status: 'open',
			escalated: 'false',
			activity_type: 'message',
			activity_since: since,
			updated_since: since,
			phone_number: '+919988776655',
			has_call_permission: 'true',
		});
		expect(result.items).toEqual([expect.objectContaining({ id: 1001, status: 'open', escalated: false })]);
	});

	test('Return All returns all 2,600 seeded conversations in 3 requests of 1000, with no filter sent', async () => {
		const result = await ctx.run(getMany({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ctx.sandbox.state.conversations.length);
		expect(result.items.length).toBeGreaterThan(2500);
		expect(new Set(result.items.map((item) => item.id)).size).toBe(result.items.length);
		const requests = ctx.apiRequests();
		expect(requests.map((request) => request.query)).toEqual([
			{ page: '1', per: '1000' },
			{ page: '2', per: '1000' },
			{ page: '3', per: '1000' },
		]);
	});

	test('Return All keeps every set filter on every page and sends none of the unset ones', async () => {
		// A filter that keeps more than 1000 conversations, so the list spans several pages.
		const result = await ctx.run(getMany({ returnAll: true, filters: { escalated: false } }));
		expect(result.error).toBeUndefined();
		const notEscalated = ctx.sandbox.state.conversations.filter((c) => c.escalated === false);
		expect(notEscalated.length).toBeGreaterThan(2000);
		expect(result.items).toHaveLength(notEscalated.length);
		expect(result.items.every((item) => item.escalated === false)).toBe(true);
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(Math.ceil(notEscalated.length / 1000));
		requests.forEach((request, index) => {
			expect(request.query).toEqual({ page: String(index + 1), per: '1000', escalated: 'false' });
		});
	});

	test('bad input: a phone filter that is not a number fails before anything is sent', async () => {
		const result = await ctx.run(getMany({ filters: { phoneNumber: 'call me' } }));
		expectInputError(result, ctx.apiRequests(), 'Filters → Phone Number');
		expect(result.error.message).toContain('"call me" is not a phone number');
	});

	test('bad input: a Limit from an expression that is not a whole number fails before anything is sent', async () => {
		let result = await ctx.run(getMany({ limit: '={{ 2.5 }}' }));
		expectInputError(result, ctx.apiRequests(), 'Limit');
		expect(result.error.message).toBe('Limit: "2.5" is not a number of results [item 0]');
		result = await ctx.run({ resource: 'conversation', operation: 'getMessages', limit: '={{ 0 }}' });
		expectInputError(result, ctx.apiRequests(), 'Limit');
	});
});

describe('Conversation → Get Messages', () => {
	const ctx = useSandbox();
	const getMessages = (extra = {}) => ({ resource: 'conversation', operation: 'getMessages', ...extra });

	test('minimal: GET /api/v1/messages with page and per only, one item per message', async () => {
		const result = await ctx.run(getMessages({ limit: 3 }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/messages', body: null });
		expect(requests[0].query).toEqual({ page: '1', per: '3' });
		expect(result.items).toHaveLength(3);
		expect(result.items[0]).toEqual(
			expect.objectContaining({ id: expect.any(String), direction: expect.any(String), conversation_id: expect.any(Number) }),
		);
	});

	test('full: conversation (from the list), contact, business number, direction and time window', async () => {
		const from = new Date(Date.now() - 60 * 86400000).toISOString();
		const to = new Date(Date.now() + 86400000).toISOString();
		const result = await ctx.run(
			getMessages({
				returnAll: true,
				filters: {
					conversation: fromList(1001),
					phoneNumber: '+919988776655',
					businessPhoneNumber: '919876543222',
					direction: 'inbound',
					from,
					to,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.apiRequests();
		expect(request.query).toEqual({
			page: '1',
			per: '1000',
			conversation_id: '1001',
			phone_number: '+919988776655',
			business_phone_number: '919876543222',
			direction: 'inbound',
			from,
			to,
		});
		expect(result.items).toHaveLength(4);
		for (const item of result.items) {
			expect(item).toMatchObject({ conversation_id: 1001, direction: 'inbound' });
			expect(item.author.phone_number).toBe('+919988776655');
		}
	});

	test('bad input: a conversation ID that is not a number fails before anything is sent', async () => {
		const result = await ctx.run(getMessages({ filters: { conversation: byId('={{ "conv-12" }}') } }));
		expectInputError(result, ctx.apiRequests(), 'Filters → Conversation');
	});

	test('bad input: a business phone number without digits enough fails before anything is sent', async () => {
		const result = await ctx.run(getMessages({ filters: { businessPhoneNumber: '+12' } }));
		expectInputError(result, ctx.apiRequests(), 'Filters → Business Phone Number');
	});
});

describe('Conversation → Update Status', () => {
	const ctx = useSandbox();
	const updateStatus = (extra = {}) => ({ resource: 'conversation', operation: 'updateStatus', ...extra });

	test('minimal: PATCH the conversation with the default status (closed), outputs the conversation', async () => {
		const result = await ctx.run(updateStatus({ conversation: byId(' 1001 ') }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'PATCH', path: '/api/v1/conversations/1001' });
		expect(requests[0].body).toEqual({ status: 'closed' });
		expect(requests[0].headers.authorization).toBe(ctx.sandbox.apiKey);
		expect(result.items).toEqual([expect.objectContaining({ id: 1001, status: 'closed' })]);
	});

	test('full: picked from the list, another status, extra body fields merged', async () => {
		const result = await ctx.run(
			updateStatus({
				conversation: fromList(1002),
				status: 'awaiting_customer_response',
				additionalBodyFields: '{"note": "waiting for the invoice"}',
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.apiRequests();
		expect(request.path).toBe('/api/v1/conversations/1002');
		expect(request.body).toEqual({ status: 'awaiting_customer_response', note: 'waiting for the invoice' });
		expect(result.items[0]).toMatchObject({ id: 1002, status: 'awaiting_customer_response' });
	});

	test('bad input: a mapped conversation ID with letters fails before anything is sent', async () => {
		const result = await ctx.run(updateStatus({ conversation: byId('={{ "abc" }}') }));
		expectInputError(result, ctx.apiRequests(), 'Conversation');
		expect(result.error.message).toContain('"abc" is not a valid ID');
	});

	test('bad input: a typed conversation ID with letters is refused by the By ID check', async () => {
		await expect(ctx.run(updateStatus({ conversation: byId('abc') }))).rejects.toThrow(
			'A conversation ID is a whole number, e.g. 1024',
		);
		expect(ctx.apiRequests()).toHaveLength(0);
	});

	test('an unknown conversation gets a 404 that names the conversation', async () => {
		const result = await ctx.run(updateStatus({ conversation: byId(999999) }));
		expect(result.error.message).toMatch(/^Peach has no conversation with ID "999999"/);
	});
});

describe('Conversation → Assign Agent', () => {
	const ctx = useSandbox();
	const assign = (extra = {}) => ({ resource: 'conversation', operation: 'assignAgent', ...extra });

	test('minimal: the documented example shape, open chat on by default', async () => {
		const result = await ctx.run(
			assign({ phoneNumber: '+919988776655', contactName: 'John Doe', agentEmail: ' priya@peachdemo.store ' }),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/events' });
		expect(requests[0].body).toEqual({
			event_type: 'assign_agent',
			open_chat_on_assignment: true,
			contact: { name: 'John Doe', phone_number: '+919988776655' },
			agent: { email: 'priya@peachdemo.store' },
		});
		expect(result.items).toEqual([{}]);
		const conversation = ctx.sandbox.state.conversations.find((c) => c.id === 1001);
		expect(conversation.assigned_to).toEqual({ type: 'user', id: 1, name: 'Priya Sharma' });
	});

	test("full: by conversation, its contact read from the conversation's messages, open chat off, extra fields", async () => {
		const result = await ctx.run(
			assign({
				target: 'conversation',
				conversation: fromList(1001),
				agentEmail: 'arjun@peachdemo.store',
				openChatOnAssignment: false,
				additionalBodyFields: { agent: { team: 'returns' } },
			}),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(2);
		expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/messages' });
		expect(requests[0].query).toEqual({ conversation_id: '1001', direction: 'inbound', page: '1', per: '1' });
		expect(requests[1].body).toEqual({
			event_type: 'assign_agent',
			open_chat_on_assignment: false,
			contact: { name: 'John Doe', phone_number: '+919988776655' },
			agent: { email: 'arjun@peachdemo.store', team: 'returns' },
		});
	});

	test('bad input: an agent email that is not an address fails before anything is sent', async () => {
		const result = await ctx.run(assign({ phoneNumber: '+919988776655', contactName: 'John Doe', agentEmail: 'priya' }));
		expectInputError(result, ctx.apiRequests(), 'Agent Email');
	});

	test('bad input: a missing contact name fails before anything is sent', async () => {
		const result = await ctx.run(assign({ phoneNumber: '+919988776655', contactName: '  ', agentEmail: 'a@b.co' }));
		expectInputError(result, ctx.apiRequests(), 'Contact Name');
	});

	test('a conversation without any message from the contact says to use the phone number instead', async () => {
		const result = await ctx.run(assign({ target: 'conversation', conversation: byId(3500), agentEmail: 'a@b.co' }));
		expect(result.error.message).toContain('Conversation: conversation 3500 has no message from the contact');
		expect(result.error.description).toContain('Find Conversation By to Contact');
		expect(ctx.apiRequests().map((request) => request.path)).toEqual(['/api/v1/messages']);
	});
});

describe('Conversation → Close', () => {
	const ctx = useSandbox();
	const close = (extra = {}) => ({ resource: 'conversation', operation: 'close', ...extra });

	test('minimal: close_conversation for the contact, outputs what Peach answers', async () => {
		const result = await ctx.run(close({ phoneNumber: '0091 99887 76655', contactName: 'John Doe' }));
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/events' });
		expect(requests[0].body).toEqual({
			event_type: 'close_conversation',
			contact: { name: 'John Doe', phone_number: '+919988776655' },
		});
		expect(result.items).toEqual([{}]);
		expect(ctx.sandbox.state.conversations.find((c) => c.id === 1001).status).toBe('closed');
	});

	test('full: by conversation ID, with extra body fields', async () => {
		const result = await ctx.run(
			close({ target: 'conversation', conversation: byId(1002), additionalBodyFields: '{"reason": "resolved"}' }),
		);
		expect(result.error).toBeUndefined();
		const requests = ctx.apiRequests();
		const contact = ctx.sandbox.state.conversations.find((c) => c.id === 1002).subscriber;
		expect(requests[1].body).toEqual({
			event_type: 'close_conversation',
			contact: { name: contact.name, phone_number: contact.phone_number },
			reason: 'resolved',
		});
	});

	test('bad input: a phone number without country code fails before anything is sent', async () => {
		const result = await ctx.run(close({ phoneNumber: '9988776655x', contactName: 'John Doe' }));
		expectInputError(result, ctx.apiRequests(), 'Phone Number');
	});
});
