'use strict';
/**
 * The Peach sandbox must behave like the Peach API the package is written against: these tests pin
 * its contract (auth, 422 reasons, pagination, state, faults, recording, webhooks, delivery plans,
 * CLI) so the node tests that run against it can trust what it answers.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { startSandbox, WEBHOOK_EVENTS } = require('../tools/sandbox');
const { seed } = require('../tools/sandbox/seed');

// Seed IDs are deterministic, so the tables below can be built before the server starts.
const { fixtures: F, state: SEED } = seed();
const JOHN = F.contact.phone_number;

let sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sandbox.close();
});

/** Calls the sandbox; `auth: false` leaves Authorization out. Answers { status, headers, body }. */
async function api(method, urlPath, body, { auth = true, headers = {}, raw } = {}) {
	const url = urlPath.startsWith('http') ? urlPath : `${sandbox.url}${urlPath}`;
	const h = { Accept: 'application/json', ...headers };
	if (auth) h.Authorization = sandbox.apiKey;
	let payload;
	if (raw !== undefined) payload = raw;
	else if (body !== undefined) {
		payload = JSON.stringify(body);
		h['Content-Type'] = 'application/json';
	}
	const res = await fetch(url, { method, headers: h, body: payload });
	const text = await res.text();
	let parsed = text;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, body: parsed, text };
}

const clone = (v) => JSON.parse(JSON.stringify(v));
const getAt = (obj, dotted) => dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
function without(obj, dotted) {
	const copy = clone(obj);
	const keys = dotted.split('.');
	const last = keys.pop();
	const parent = keys.reduce((o, k) => o[k], copy);
	delete parent[last];
	return copy;
}
function withValue(obj, dotted, value) {
	const copy = clone(obj);
	const keys = dotted.split('.');
	const last = keys.pop();
	keys.reduce((o, k) => o[k], copy)[last] = value;
	return copy;
}
const md5 = (buf) => crypto.createHash('md5').update(buf).digest('base64');

// ---------------------------------------------------------------------------------------------
// Valid request bodies, one per endpoint that has required fields
// ---------------------------------------------------------------------------------------------

const BODIES = {
	sendTemplate: {
		event_type: 'send_template_message',
		contact: { phone_number: JOHN, name: 'John Doe' },
		template_message: {
			whats_app_template_id: F.templates.approvedWithVariables,
			liquid_values: { first_name: 'John', order_id: 'ORD-1', amount: '₹1,200' },
		},
	},
	connectAi: {
		event_type: 'connect_to_ai_agent',
		contact: { phone_number: JOHN },
		template_message: { whats_app_template_id: F.templates.approvedNoVariables, liquid_values: {} },
		ai_agent: { id: 'aiflw_1234abcd' },
	},
	appMessage: { event_type: 'send_app_message', contact: { phone_number: JOHN }, flow: { id: 'flw_1234abcd', liquid_values: { a: 1 } } },
	broadcast: {
		event_type: 'send_broadcast',
		broadcast: {
			name: 'Sandbox test',
			whats_app_template_id: F.templates.approvedNoVariables,
			delivery_mode: 'instant',
			contacts: [{ phone_number: JOHN, name: 'John' }],
		},
	},
	assign: { event_type: 'assign_agent', open_chat_on_assignment: true, contact: { name: 'John Doe', phone_number: JOHN }, agent: { email: 'agent@example.com' } },
	close: { event_type: 'close_conversation', contact: { name: 'John Doe', phone_number: JOHN } },
	createTemplate: {
		whats_app_template: {
			template_name: 'spring_promo',
			language: 'en',
			category: 'MARKETING',
			components_attributes: [{ component_type: 'body', data_type: 'text', value: "Hi {{first_name | example: 'John'}}" }],
		},
	},
	updateTemplate: { whats_app_template: { folder: 'Spring' } },
	conversation: { status: 'closed' },
	contact: { phone_number: '+919812345678', name: 'Test Person' },
	contacts: [{ phone_number: '+919812345601' }, { phone_number: '+919812345602' }],
	bulk: { phone_numbers: [JOHN], communication_preference: 'mute_all' },
	order: {
		id: 'my_order_1',
		type: 'physical_goods',
		contact: { phone_number: JOHN, name: 'John Doe' },
		items: [{ name: 'Product 1', amount: 12000, quantity: 2, sale_amount: 12000 }],
		currency: 'INR',
	},
	refund: { speed: 'normal', amount: { currency: 'INR', value: 100 } },
	media: { media: { data: Buffer.from('hello').toString('base64'), filename: 'hello.txt', content_type: 'text/plain' } },
	directUpload: { blob: { filename: 'a.png', byte_size: 3, checksum: md5(Buffer.from('abc')), content_type: 'image/png' } },
	finalize: { signed_id: SEED.blobs[0].signed_id },
};

const ENDPOINTS = {
	sendTemplate: ['POST', '/api/v1/events'],
	connectAi: ['POST', '/api/v1/events'],
	appMessage: ['POST', '/api/v1/events'],
	broadcast: ['POST', '/api/v1/events'],
	assign: ['POST', '/api/v1/events'],
	close: ['POST', '/api/v1/events'],
	createTemplate: ['POST', '/api/v1/whats_app_templates'],
	updateTemplate: ['PATCH', `/api/v1/whats_app_templates/${F.templates.draft}`],
	conversation: ['PATCH', `/api/v1/conversations/${F.openConversationId}`],
	contact: ['POST', '/api/v1/contacts'],
	contacts: ['POST', '/api/v1/contacts'],
	bulk: ['POST', '/api/v1/contacts/bulk_update_communication_preferences'],
	order: ['POST', '/api/v1/orders'],
	refund: ['POST', `/api/v1/orders/${F.orders.completed}/refunds`],
	media: ['POST', '/api/v1/medias'],
	directUpload: ['POST', '/api/v1/medias/direct_uploads'],
	finalize: ['POST', '/api/v1/medias/finalize'],
};

/** [endpoint, field path removed] -> the 422 reason must name exactly that path. */
const REQUIRED = [
	['sendTemplate', 'event_type'],
	['sendTemplate', 'contact'],
	['sendTemplate', 'contact.phone_number'],
	['sendTemplate', 'template_message'],
	['sendTemplate', 'template_message.whats_app_template_id'],
	['sendTemplate', 'template_message.liquid_values.first_name'],
	['connectAi', 'contact.phone_number'],
	['connectAi', 'template_message.whats_app_template_id'],
	['connectAi', 'template_message.liquid_values'],
	['connectAi', 'ai_agent'],
	['connectAi', 'ai_agent.id'],
	['appMessage', 'contact'],
	['appMessage', 'contact.phone_number'],
	['appMessage', 'flow'],
	['appMessage', 'flow.id'],
	['broadcast', 'broadcast'],
	['broadcast', 'broadcast.name'],
	['broadcast', 'broadcast.whats_app_template_id'],
	['broadcast', 'broadcast.delivery_mode'],
	['broadcast', 'broadcast.contacts'],
	['broadcast', 'broadcast.contacts.0.phone_number'],
	['assign', 'contact'],
	['assign', 'contact.name'],
	['assign', 'contact.phone_number'],
	['assign', 'agent'],
	['assign', 'agent.email'],
	['close', 'contact'],
	['close', 'contact.name'],
	['close', 'contact.phone_number'],
	['createTemplate', 'whats_app_template'],
	['createTemplate', 'whats_app_template.template_name'],
	['createTemplate', 'whats_app_template.language'],
	['createTemplate', 'whats_app_template.category'],
	['createTemplate', 'whats_app_template.components_attributes'],
	['createTemplate', 'whats_app_template.components_attributes.0.component_type'],
	['createTemplate', 'whats_app_template.components_attributes.0.value'],
	['updateTemplate', 'whats_app_template'],
	['conversation', 'status'],
	['contact', 'phone_number'],
	['contacts', '1.phone_number'],
	['bulk', 'phone_numbers'],
	['bulk', 'communication_preference'],
	['order', 'contact.phone_number'],
	['refund', 'amount.value'],
	['media', 'media'],
	['media', 'media.data'],
	['media', 'media.filename'],
	['directUpload', 'blob'],
	['directUpload', 'blob.filename'],
	['directUpload', 'blob.byte_size'],
	['directUpload', 'blob.checksum'],
	['directUpload', 'blob.content_type'],
	['finalize', 'signed_id'],
];

/** [endpoint, field path, wrong value, expected message] */
const WRONG_TYPES = [
	['sendTemplate', 'contact.phone_number', 919988776655, 'must be a string'],
	['sendTemplate', 'contact.phone_number', '9988776655', 'is invalid'],
	['sendTemplate', 'contact.metadata', 'gold', 'must be an object'],
	['sendTemplate', 'template_message.liquid_values', ['John'], 'must be an object'],
	['sendTemplate', 'template_message.retry_until', 'tomorrow', 'is not a valid ISO 8601 date-time'],
	['sendTemplate', 'template_message.retry_until', '2020-01-01T00:00:00Z', 'must be in the future'],
	['sendTemplate', 'template_message.retry_window', '08:00', 'must be an object'],
	['sendTemplate', 'template_message.business_phone_number', 919876543222, 'must be a string'],
	['sendTemplate', 'template_message.reply_automation', 'aiflw_1', 'must be an object'],
	['sendTemplate', 'event_type', 'send_sms', 'is not included in the list'],
	['connectAi', 'ai_agent.id', 'agent_1', 'is invalid'],
	['appMessage', 'flow.id', 'app_1', 'is invalid'],
	['appMessage', 'flow.liquid_values', 'x', 'must be an object'],
	['broadcast', 'broadcast.delivery_mode', 'fast', 'is not included in the list'],
	['broadcast', 'broadcast.contacts', { phone_number: JOHN }, 'must be an array'],
	['broadcast', 'broadcast.contacts', [], "can't be blank"],
	['broadcast', 'broadcast.scheduled_launch_time', 'next week', 'is not a valid ISO 8601 date-time'],
	['broadcast', 'skip_phone_validation', 'yes', 'must be a boolean'],
	['assign', 'open_chat_on_assignment', 'true', 'must be a boolean'],
	['createTemplate', 'whats_app_template.category', 'PROMO', 'is not included in the list'],
	['createTemplate', 'whats_app_template.whats_app_business_account_id', 'abc', 'must be an integer'],
	['createTemplate', 'whats_app_template.components_attributes.0.component_type', 'banner', 'is not included in the list'],
	['createTemplate', 'whats_app_template.components_attributes.0.index', '1', 'must be an integer'],
	['conversation', 'status', 'archived', 'is not included in the list'],
	['contact', 'opted_out', 'no', 'must be a boolean'],
	['contact', 'tags', 'vip', 'must be an array'],
	['contact', 'communication_preference', 'never', 'is not included in the list'],
	['contacts', '0.phone_number', '+91', 'is invalid'],
	['bulk', 'phone_numbers.0', '12345', 'is invalid'],
	['order', 'items.0.amount', '12000', 'must be an integer'],
	['order', 'type', 'services', 'is not included in the list'],
	['order', 'currency', 'USD', 'is not included in the list'],
	['order', 'tax', 1200, 'must be an object'],
	['refund', 'speed', 'fast', 'is not included in the list'],
	['refund', 'amount.value', 0, 'must be greater than 0'],
	['directUpload', 'blob.byte_size', '3', 'must be an integer'],
];

// ---------------------------------------------------------------------------------------------

describe('auth and errors', () => {
	test('401 without a key, with a Bearer prefix, or with the wrong key', async () => {
		for (const headers of [{}, { Authorization: `Bearer ${sandbox.apiKey}` }, { Authorization: 'wrong' }]) {
			const res = await api('GET', '/api/v1/broadcasts', undefined, { auth: false, headers });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ message: 'Unauthorized' });
			expect(res.headers.get('content-type')).toBe('application/json');
		}
		expect((await api('GET', '/api/v1/broadcasts')).status).toBe(200);
	});

	test('unknown routes and unknown records answer 404 JSON', async () => {
		const route = await api('GET', '/api/v1/nothing_here');
		expect(route.status).toBe(404);
		expect(route.body.status).toBe('failed');
		const missing = await api('GET', '/api/v1/broadcasts/cmp_x');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ status: 'failed', reason: "Couldn't find Broadcast with 'id'=cmp_x" });
		expect((await api('GET', '/api/v1/whats_app_templates/wat_nope')).body.reason).toBe("Couldn't find WhatsAppTemplate with 'id'=wat_nope");
		expect((await api('GET', '/api/v1/events/evt_nope')).status).toBe(404);
		expect((await api('GET', '/api/v1/orders/wa_ord_nope')).status).toBe(404);
		expect((await api('PATCH', '/api/v1/contacts/%2B10000000000', { name: 'x' })).status).toBe(404);
		expect((await api('DELETE', '/api/v1/medias/99999')).status).toBe(404);
	});

	test('a body that is not JSON answers 400', async () => {
		const res = await api('POST', '/api/v1/contacts', undefined, { raw: 'phone_number=+91', headers: { 'Content-Type': 'application/json' } });
		expect(res.status).toBe(400);
	});
});

describe('validation', () => {
	beforeAll(() => sandbox.reset());

	test.each(Object.keys(BODIES))('the valid %s body is accepted', async (name) => {
		const [method, url] = ENDPOINTS[name];
		const res = await api(method, url, BODIES[name]);
		expect(res.status).toBeLessThan(300);
	});

	test.each(REQUIRED)('%s without %s answers 422 naming it', async (name, field) => {
		const [method, url] = ENDPOINTS[name];
		const res = await api(method, url, without(BODIES[name], field));
		expect(res.status).toBe(422);
		expect(res.body.status).toBe('failed');
		const messages = getAt(res.body.reason, field);
		expect(Array.isArray(messages)).toBe(true);
		expect(messages.join(' ')).toMatch(/can't be blank/);
	});

	test.each(WRONG_TYPES)('%s with %s = %j answers 422 "%s"', async (name, field, value, message) => {
		const [method, url] = ENDPOINTS[name];
		const res = await api(method, url, withValue(BODIES[name], field, value));
		expect(res.status).toBe(422);
		expect(getAt(res.body.reason, field)).toEqual([message]);
	});

	test('templates must exist (404) and be approved (422)', async () => {
		const missing = await api('POST', '/api/v1/events', withValue(BODIES.sendTemplate, 'template_message.whats_app_template_id', 'wat_missing'));
		expect(missing.status).toBe(404);
		for (const id of [F.templates.pending, F.templates.draft, F.templates.paused, F.templates.rejected]) {
			const res = await api('POST', '/api/v1/events', withValue(BODIES.sendTemplate, 'template_message.whats_app_template_id', id));
			expect(res.body).toEqual({ status: 'failed', reason: { template_message: { whats_app_template_id: ['is not approved'] } } });
		}
		const bc = await api('POST', '/api/v1/events', withValue(BODIES.broadcast, 'broadcast.whats_app_template_id', F.templates.draft));
		expect(bc.body.reason).toEqual({ broadcast: { whats_app_template_id: ['is not approved'] } });
	});

	test('media-header templates need header_media', async () => {
		const body = {
			...BODIES.sendTemplate,
			template_message: { whats_app_template_id: F.templates.approvedImageHeader, liquid_values: { first_name: 'J', discount: '5%' } },
		};
		const res = await api('POST', '/api/v1/events', body);
		expect(res.body.reason).toEqual({ template_message: { liquid_values: { header_media: ["can't be blank"] } } });
		body.template_message.liquid_values.header_media = 'media://101';
		expect((await api('POST', '/api/v1/events', body)).status).toBe(200);
	});

	test('send_broadcast: contacts or audience_id, never both; skip flags', async () => {
		const both = await api('POST', '/api/v1/events', withValue(BODIES.broadcast, 'broadcast.audience_id', 'aud_1'));
		expect(both.status).toBe(422);
		expect(both.body.reason.broadcast.audience_id).toBeDefined();
		const audience = await api('POST', '/api/v1/events', withValue(without(BODIES.broadcast, 'broadcast.contacts'), 'broadcast.audience_id', 'aud_1'));
		expect(audience.status).toBe(200);

		const loose = withValue(BODIES.broadcast, 'broadcast.contacts', [{ phone_number: '9988776655' }]);
		expect((await api('POST', '/api/v1/events', loose)).body.reason).toEqual({ broadcast: { contacts: { 0: { phone_number: ['is invalid'] } } } });
		expect((await api('POST', '/api/v1/events', { ...loose, skip_phone_validation: true })).status).toBe(200);

		const vars = withValue(BODIES.broadcast, 'broadcast.whats_app_template_id', F.templates.approvedWithVariables);
		vars.broadcast.liquid_values = { order_id: 'A', amount: '1' };
		expect((await api('POST', '/api/v1/events', vars)).body.reason).toEqual({
			broadcast: { contacts: { 0: { liquid_values: { first_name: ["can't be blank"] } } } },
		});
		expect((await api('POST', '/api/v1/events', { ...vars, skip_liquid_values_validation: true })).status).toBe(200);
	});

	test('contacts: batch errors name the index, at most 1000 per request', async () => {
		const res = await api('POST', '/api/v1/contacts', [{ phone_number: JOHN }, {}, { phone_number: 'x' }]);
		expect(res.body.reason).toEqual({ 1: { phone_number: ["can't be blank"] }, 2: { phone_number: ['is invalid'] } });
		const many = Array.from({ length: 1001 }, (_, i) => ({ phone_number: `+9198${String(i).padStart(8, '0')}` }));
		expect((await api('POST', '/api/v1/contacts', many)).status).toBe(422);
	});

	test('direct uploads: unsupported type and too large', async () => {
		const gif = await api('POST', '/api/v1/medias/direct_uploads', withValue(BODIES.directUpload, 'blob.content_type', 'image/gif'));
		expect(gif.status).toBe(422);
		expect(gif.body.reason.blob.content_type[0]).toMatch(/^is not supported\. Supported values: image\/jpeg, image\/png/);
		const big = await api('POST', '/api/v1/medias/direct_uploads', withValue(BODIES.directUpload, 'blob.byte_size', 5242881));
		expect(big.body).toEqual({ status: 'failed', reason: { blob: { byte_size: ['is too large (max 5242880 bytes for image/png)'] } } });
		const pdf = withValue(withValue(BODIES.directUpload, 'blob.content_type', 'application/pdf'), 'blob.byte_size', 50 * 1024 * 1024);
		expect((await api('POST', '/api/v1/medias/direct_uploads', pdf)).status).toBe(200);
	});
});

describe('pagination', () => {
	test('no seeded template message or conversation is dated in the future', () => {
		const now = Date.now();
		const records = [...sandbox.state.templateMessages, ...sandbox.state.conversations];
		const future = records.filter((record) => Date.parse(record.updated_at) > now || Date.parse(record.created_at) > now);
		expect(records.every((record) => !Number.isNaN(Date.parse(record.updated_at)))).toBe(true);
		expect(future).toEqual([]);
	});

	beforeAll(() => sandbox.reset());

	async function collect(firstUrl, key, prevKey) {
		const pages = [];
		let url = firstUrl;
		while (url) {
			const res = await api('GET', url);
			expect(res.status).toBe(200);
			pages.push(res.body);
			expect(res.body).toHaveProperty(prevKey);
			url = res.body.next;
		}
		return { pages, items: pages.flatMap((p) => p[key]) };
	}

	test('template messages of one broadcast over 4 pages, every record once, filters kept', async () => {
		const { pages, items } = await collect(`/api/v1/template_messages?broadcast_id=${F.broadcasts.large}&per=40`, 'template_messages', 'prev');
		expect(pages).toHaveLength(4);
		expect(pages[0].count).toBe(150);
		expect(items).toHaveLength(150);
		expect(new Set(items.map((m) => m.id)).size).toBe(150);
		expect(items.every((m) => m.broadcast_id === F.broadcasts.large)).toBe(true);
		for (const page of pages.slice(0, -1)) {
			const next = new URL(page.next);
			expect(next.searchParams.get('broadcast_id')).toBe(F.broadcasts.large);
			expect(next.searchParams.get('per')).toBe('40');
		}
		expect(pages[0].prev).toBeNull();
		expect(new URL(pages[1].prev).searchParams.get('page')).toBe('1');
		const sorted = [...items].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
		expect(items.map((m) => m.updated_at)).toEqual(sorted.map((m) => m.updated_at));
	});

	test('template messages default to the last 24 hours; updated_since widens it', async () => {
		const day = await api('GET', '/api/v1/template_messages?per=1');
		const all = await api('GET', `/api/v1/template_messages?per=1&updated_since=${new Date(Date.now() - 400 * 864e5).toISOString()}`);
		expect(day.body.count).toBeGreaterThan(1300);
		expect(all.body.count).toBe(2600);
		const recent = await api('GET', '/api/v1/template_messages?per=1000');
		expect(recent.body.template_messages.every((m) => Date.parse(m.updated_at) >= Date.now() - 864e5 - 60000)).toBe(true);
	});

	test('conversations with several filters over many pages', async () => {
		const { pages, items } = await collect('/api/v1/conversations?status=open&escalated=false&per=150', 'conversations', 'prev');
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(items).toHaveLength(pages[0].count);
		expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
		expect(items.every((c) => c.status === 'open' && c.escalated === false)).toBe(true);
		const next = new URL(pages[0].next);
		expect([...next.searchParams.keys()].sort()).toEqual(['escalated', 'page', 'per', 'status']);
		const escalated = await api('GET', '/api/v1/conversations?escalated=true&per=1');
		const unfiltered = await api('GET', '/api/v1/conversations?per=1');
		expect(unfiltered.body.count).toBe(2600);
		expect(escalated.body.count).toBeLessThan(2600);
		expect((await api('GET', '/api/v1/conversations?escalated=maybe')).status).toBe(422);
	});

	test('conversations have the documented shape: the contact as `subscriber`, the agent as `assigned_to {type, id, name}`', async () => {
		const { body } = await api('GET', `/api/v1/conversations?phone_number=${encodeURIComponent(JOHN)}`);
		expect(body.conversations).toHaveLength(1);
		const [conversation] = body.conversations;
		expect(Object.keys(conversation).sort()).toEqual(
			['assigned_to', 'created_at', 'escalated', 'has_call_permission', 'id', 'status', 'subscriber', 'updated_at'],
		);
		expect(conversation.subscriber).toEqual({ name: 'John Doe', phone_number: JOHN });
		const assigned = (await api('GET', '/api/v1/conversations?per=1000')).body.conversations.filter((c) => c.assigned_to);
		expect(assigned.length).toBeGreaterThan(0);
		for (const c of assigned) expect(c.assigned_to).toEqual({ type: 'user', id: expect.any(Number), name: expect.any(String) });
		// The last activity is not shown, but Peach still filters on it.
		const byActivity = await api('GET', '/api/v1/conversations?activity_type=assignment&per=1');
		expect(byActivity.body.count).toBeGreaterThan(0);
		expect(byActivity.body.count).toBeLessThan(2600);
	});

	test('messages and medias use `previous`; other filters work', async () => {
		const msgs = await collect(`/api/v1/messages?phone_number=${encodeURIComponent(JOHN)}&direction=inbound&per=2`, 'messages', 'previous');
		expect(msgs.items).toHaveLength(4);
		expect(msgs.items.every((m) => m.direction === 'inbound' && m.conversation_id === F.openConversationId)).toBe(true);
		const byConversation = await api('GET', `/api/v1/messages?conversation_id=${F.openConversationId}`);
		expect(byConversation.body.count).toBe(8);
		const medias = await collect('/api/v1/medias?per=15', 'medias', 'previous');
		expect(medias.items).toHaveLength(40);
		expect(medias.items.every((m) => m.media_url !== `media://${m.id}`)).toBe(true);
	});

	test('broadcasts by status; past the end; per clamped to 1000', async () => {
		for (const status of ['draft', 'scheduled', 'queued', 'sending', 'sent', 'canceled', 'archived']) {
			const res = await api('GET', `/api/v1/broadcasts?status=${status}&per=100`);
			expect(res.body.broadcasts.length).toBeGreaterThan(0);
			expect(res.body.broadcasts.every((b) => b.status === status)).toBe(true);
		}
		const past = await api('GET', '/api/v1/broadcasts?page=99');
		expect(past.body).toMatchObject({ count: 60, next: null, broadcasts: [] });
		const big = await api('GET', '/api/v1/conversations?per=5000');
		expect(big.body.conversations).toHaveLength(1000);
		expect(new URL(big.body.next).searchParams.get('per')).toBe('1000');
		const templates = await api('GET', '/api/v1/whats_app_templates?page=2');
		expect(Array.isArray(templates.body)).toBe(true);
		expect(templates.body).toHaveLength(30);
	});
});

describe('state', () => {
	beforeEach(() => sandbox.reset());

	test('a created contact can be read back, updated and bulk-updated', async () => {
		const phone = '+919800011122';
		const created = await api('POST', '/api/v1/contacts', { phone_number: phone, name: 'Asha', metadata: { tier: 'gold' }, tags: ['vip'] });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ phone_number: phone, name: 'Asha', metadata: { tier: 'gold' }, opted_out: false });
		const encoded = encodeURIComponent(phone);
		const patched = await api('PATCH', `/api/v1/contacts/${encoded}`, { email: 'asha@example.com', metadata: { city: 'Pune' } });
		expect(patched.body).toMatchObject({ email: 'asha@example.com', metadata: { tier: 'gold', city: 'Pune' } });
		const upsert = await api('POST', '/api/v1/contacts', { phone_number: phone, language: 'hi' });
		expect(upsert.body).toMatchObject({ id: created.body.id, name: 'Asha', language: 'hi' });
		const bulk = await api('POST', '/api/v1/contacts/bulk_update_communication_preferences', {
			phone_numbers: [phone, '+10000000001'],
			communication_preference: 'disallow_marketing',
		});
		expect(bulk.body).toEqual({ updated: 1, not_found: ['+10000000001'] });
		const read = await api('GET', `/api/v1/contacts/${encoded}`);
		expect(read.body).toMatchObject({ email: 'asha@example.com', language: 'hi', communication_preference: 'disallow_marketing' });
		const batch = await api('POST', '/api/v1/contacts', [{ phone_number: '+919800011123' }, { phone_number: phone, name: 'Asha R' }]);
		expect(batch.status).toBe(201);
		expect(batch.body.contacts.map((c) => c.name)).toEqual([null, 'Asha R']);
	});

	test('a created template can be fetched, listed, edited and moved through its statuses', async () => {
		const created = await api('POST', '/api/v1/whats_app_templates', {
			whats_app_template: {
				...BODIES.createTemplate.whats_app_template,
				whats_app_business_account_id: '456',
				components_attributes: [
					{ component_type: 'header', data_type: 'image' },
					...BODIES.createTemplate.whats_app_template.components_attributes,
					{ component_type: 'buttons', sub_type: 'quick_reply', name: 'Yes', value: 'Yes' },
				],
			},
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ status: 'draft', template_name: 'spring_promo', whats_app_business_account_id: 456 });
		expect(created.body.id).toMatch(/^wat_[A-Za-z0-9]{24}$/);
		const id = created.body.id;
		expect((await api('GET', `/api/v1/whats_app_templates/${id}`)).body).toEqual(created.body);
		expect((await api('GET', '/api/v1/whats_app_templates')).body.map((t) => t.id)).toContain(id);

		const [header, bodyComponent, button] = created.body.components;
		const updated = await api('PATCH', `/api/v1/whats_app_templates/${id}`, {
			whats_app_template: {
				category: 'UTILITY',
				components_attributes: [{ id: bodyComponent.id, value: 'Hello {{name}}' }, { id: button.id, _destroy: true }, { component_type: 'footer', value: 'Bye' }],
			},
		});
		expect(updated.status).toBe(200);
		expect(updated.body.category).toBe('UTILITY');
		expect(updated.body.components.map((c) => c.component_type)).toEqual(['header', 'body', 'footer']);
		expect(updated.body.components[1].value).toBe('Hello {{name}}');
		expect(updated.body.components[0].id).toBe(header.id);
		const bad = await api('PATCH', `/api/v1/whats_app_templates/${id}`, { whats_app_template: { components_attributes: [{ id: 'nope', value: 'x' }] } });
		expect(bad.body.reason).toEqual({ whats_app_template: { components_attributes: { 0: { id: ['is invalid'] } } } });

		expect((await api('PATCH', `/api/v1/whats_app_templates/${id}/pause`)).status).toBe(422);
		expect((await api('PATCH', `/api/v1/whats_app_templates/${id}/submit`)).body.status).toBe('pending');
		expect((await api('PATCH', `/api/v1/whats_app_templates/${id}/archive`)).body.reason).toHaveProperty('status');
		expect((await api('PATCH', `/api/v1/whats_app_templates/${F.templates.approvedNoVariables}/pause`)).body.status).toBe('paused');
		expect((await api('PATCH', `/api/v1/whats_app_templates/${F.templates.approvedNoVariables}/archive`)).body.status).toBe('archived');
	});

	test('direct upload: create, PUT the bytes, finalize, listed; the storage URL checks its headers', async () => {
		const bytes = Buffer.from('\x89PNG fake image bytes for the sandbox');
		const created = await api('POST', '/api/v1/medias/direct_uploads', {
			blob: { filename: 'logo.png', byte_size: bytes.length, checksum: md5(bytes), content_type: 'image/png' },
		});
		expect(created.status).toBe(200);
		const { direct_upload: upload, signed_id: signedId, id: blobId } = created.body;
		expect(created.body).toMatchObject({ filename: 'logo.png', byte_size: bytes.length, checksum: md5(bytes), content_type: 'image/png' });
		expect(upload.url).toBe(`${sandbox.url}/__storage/${created.body.key}`);
		expect(upload.headers).toEqual({ 'Content-Type': 'image/png', 'Content-MD5': md5(bytes) });

		expect((await api('POST', '/api/v1/medias/finalize', { signed_id: signedId })).status).toBe(422);
		expect((await api('POST', '/api/v1/medias/finalize', { signed_id: 'forged--sig' })).body.reason).toEqual({ signed_id: ['is invalid'] });

		const put = (body, headers) => fetch(upload.url, { method: 'PUT', headers, body });
		expect((await put(bytes, { ...upload.headers, Authorization: sandbox.apiKey })).status).toBe(403);
		expect((await put(Buffer.from('other bytes'), upload.headers)).status).toBe(400);
		expect((await put(bytes, { ...upload.headers, 'Content-MD5': md5(Buffer.from('x')) })).status).toBe(400);
		const ok = await put(bytes, upload.headers);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('');
		expect(sandbox.storageUploads).toHaveLength(1);
		expect(sandbox.storageUploads[0].body.equals(bytes)).toBe(true);

		const finalized = await api('POST', '/api/v1/medias/finalize', { signed_id: signedId });
		expect(finalized.status).toBe(200);
		expect(finalized.body).toMatchObject({ filename: 'logo.png', content_type: 'image/png', signed_id: signedId, media_url: `media://${blobId}` });
		expect(finalized.body.id).not.toBe(blobId);
		const list = await api('GET', '/api/v1/medias?per=1000');
		expect(list.body.medias.find((m) => m.id === finalized.body.id)).toMatchObject({ media_url: `media://${blobId}` });
		expect((await api('DELETE', `/api/v1/medias/${finalized.body.id}`)).status).toBe(204);
		expect((await api('GET', '/api/v1/medias?per=1000')).body.count).toBe(40);

		const uploads = await api('GET', '/__sandbox/storage-uploads', undefined, { auth: false });
		expect(uploads.body[0]).toMatchObject({ key: created.body.key, md5: md5(bytes), body: bytes.toString('base64') });
	});

	test('orders: create, find, refund within the total', async () => {
		const created = await api('POST', '/api/v1/orders', {
			...BODIES.order,
			tax: { value: 1200, description: 'GST' },
			discount: { value: 1000, description: 'WELCOME' },
			expiration: { timestamp: 1711929600, description: 'Sorry, the event is booked.' },
		});
		expect(created.status).toBe(201);
		const order = created.body;
		expect(order).toMatchObject({
			status: 'pending',
			reference_id: 'my_order_1',
			external_id: 'my_order_1',
			product_type: 'physical_goods',
			subtotal: 24000,
			tax: 1200,
			tax_description: 'GST',
			discount: 1000,
			total_amount: 24200,
			expiration: '2024-04-01T00:00:00.000Z',
			expiration_description: 'Sorry, the event is booked.',
		});
		expect(order.id).toMatch(/^wa_ord_/);
		expect(order.payment_link).toBe(`${sandbox.url}/pay/${order.id}`);
		const { payment_link: _link, ...found } = order;
		expect((await api('GET', `/api/v1/orders/${order.id}`)).body).toEqual(found);
		expect((await fetch(order.payment_link)).status).toBe(200);

		const tooMuch = await api('POST', `/api/v1/orders/${order.id}/refunds`, { amount: { currency: 'INR', value: 24201 } });
		expect(tooMuch.body.reason).toEqual({ amount: { value: ['must be less than or equal to 24200'] } });
		const refund = await api('POST', `/api/v1/orders/${order.id}/refunds`, { speed: 'instant', amount: { currency: 'INR', value: 1200 } });
		expect(refund.status).toBe(201);
		expect(refund.body).toMatchObject({ order_id: order.id, status: 'pending', speed: 'instant', amount: { currency: 'INR', value: 1200 } });
		expect(refund.body.id).toMatch(/^rfnd_/);
	});

	test('broadcasts: archive and cancel only from the allowed statuses', async () => {
		const cancel = (id) => api('PATCH', `/api/v1/broadcasts/${id}/cancel`);
		const archive = (id) => api('PATCH', `/api/v1/broadcasts/${id}/archive`);
		expect((await cancel(F.broadcasts.scheduled[0])).body.status).toBe('canceled');
		expect((await cancel(F.broadcasts.sending[0])).body.status).toBe('canceled');
		const refused = await cancel(F.broadcasts.sent[0]);
		expect(refused.status).toBe(422);
		expect(refused.body.reason.status[0]).toMatch(/sent/);
		expect((await archive(F.broadcasts.sent[0])).body.status).toBe('archived');
		expect((await archive(F.broadcasts.queued[0])).status).toBe(422);
		const got = await api('GET', `/api/v1/broadcasts/${F.broadcasts.sent[0]}`);
		expect(got.body).toMatchObject({ status: 'archived', template_messages_url: `${sandbox.url}/api/v1/template_messages?broadcast_id=${F.broadcasts.sent[0]}` });
	});

	test('conversations: PATCH status, close_conversation, assign_agent', async () => {
		const id = F.openConversationId;
		const patched = await api('PATCH', `/api/v1/conversations/${id}`, { status: 'pending' });
		expect(patched.body).toMatchObject({ id, status: 'pending', subscriber: { phone_number: JOHN } });
		expect(patched.body).not.toHaveProperty('last_activity_type');
		expect((await api('POST', '/api/v1/events', BODIES.assign)).body).toEqual({});
		// An agent the account did not know yet joins it, with the next id.
		expect(sandbox.state.conversations.find((c) => c.id === id).assigned_to).toEqual({ type: 'user', id: 5, name: 'agent' });
		expect((await api('POST', '/api/v1/events', BODIES.close)).body).toEqual({});
		const open = await api('GET', `/api/v1/conversations?phone_number=${encodeURIComponent(JOHN)}&status=pending`);
		expect(open.body.count).toBe(0);
		expect((await api('PATCH', '/api/v1/conversations/424242', { status: 'open' })).status).toBe(404);
	});

	test('reset restores the seed', async () => {
		await api('POST', '/api/v1/contacts', { phone_number: '+919800000999' });
		sandbox.reset();
		expect(sandbox.state.contacts.has('+919800000999')).toBe(false);
		expect(sandbox.state.contacts.size).toBe(50);
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.state.templates.map((t) => t.id)).toEqual(SEED.templates.map((t) => t.id));
	});
});

describe('events and delivery plans', () => {
	beforeEach(() => sandbox.reset());

	const send = async (phone, templateId = F.templates.approvedNoVariables) => {
		const res = await api('POST', '/api/v1/events', {
			event_type: 'send_template_message',
			contact: { phone_number: phone },
			template_message: { whats_app_template_id: templateId },
		});
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'success', event_id: expect.stringMatching(/^evt_/) });
		return res.body.event_id;
	};
	const poll = async (eventId, times) => {
		const out = [];
		for (let i = 0; i < times; i++) out.push((await api('GET', `/api/v1/events/${eventId}`)).body);
		return out;
	};

	test('default plan: queued, sent, delivered, then delivered forever', async () => {
		const eventId = await send('+919811100001');
		const polls = await poll(eventId, 4);
		expect(polls.map((p) => p.result.status)).toEqual(['queued', 'sent', 'delivered', 'delivered']);
		expect(polls[0]).toMatchObject({ id: eventId, status: 'processed', result: { type: 'template_message', phone_number: '+919811100001', failure_message: null } });
		expect(polls[0].result.id).toMatch(/^cmsg_/);
		const listed = await api('GET', `/api/v1/template_messages?phone_number=${encodeURIComponent('+919811100001')}`);
		expect(listed.body.template_messages[0]).toMatchObject({ id: polls[0].result.id, status: 'delivered', broadcast_id: null });
	});

	test('a failing plan and a stuck plan', async () => {
		sandbox.setDeliveryPlan('+919811100002', { statuses: ['sent', 'failed'], failureMessage: '(#131026) Message undeliverable' });
		sandbox.setDeliveryPlan('+919811100003', { statuses: ['queued'] });
		const failing = await poll(await send('+919811100002'), 3);
		expect(failing.map((p) => [p.result.status, p.result.failure_message])).toEqual([
			['sent', null],
			['failed', '(#131026) Message undeliverable'],
			['failed', '(#131026) Message undeliverable'],
		]);
		const stuck = await poll(await send('+919811100003'), 3);
		expect(stuck.map((p) => p.result.status)).toEqual(['queued', 'queued', 'queued']);
		expect(() => sandbox.setDeliveryPlan('+919811100004', { statuses: ['lost'] })).toThrow();
	});

	test('delivery plans over HTTP, and liquid values echoed back', async () => {
		const res = await api('POST', '/__sandbox/delivery-plans', { phoneNumber: JOHN, statuses: ['read'] }, { auth: false });
		expect(res.status).toBe(200);
		const sent = await api('POST', '/api/v1/events', BODIES.sendTemplate);
		const [first] = await poll(sent.body.event_id, 1);
		expect(first.result).toMatchObject({ status: 'read', liquid_values: BODIES.sendTemplate.template_message.liquid_values });
	});

	test('broadcast events: pending first, then processed with its template messages URL', async () => {
		const res = await api('POST', '/api/v1/events', {
			...BODIES.broadcast,
			broadcast: { ...BODIES.broadcast.broadcast, contacts: [{ phone_number: '+919811100010' }, { phone_number: '+919811100011' }] },
		});
		const [pending, processed, later] = await poll(res.body.event_id, 3);
		expect(pending).toMatchObject({ status: 'pending', result: null });
		expect(processed).toMatchObject({ status: 'processed', result: { type: 'campaign', name: 'Sandbox test', audience_count: 2 } });
		const { id, template_messages_url: url } = processed.result;
		expect(id).toMatch(/^cmp_/);
		expect(url).toBe(`${sandbox.url}/api/v1/template_messages?broadcast_id=${id}`);
		expect(later.result.stats.sent).toBe(2);
		const messages = await api('GET', url);
		expect(messages.body.count).toBe(2);
		expect((await api('GET', `/api/v1/broadcasts/${id}`)).body.status).toBe('queued');

		const scheduled = await api('POST', '/api/v1/events', withValue(BODIES.broadcast, 'broadcast.scheduled_launch_time', '2030-01-15T10:00:00Z'));
		const [, done] = await poll(scheduled.body.event_id, 2);
		expect((await api('GET', `/api/v1/broadcasts/${done.result.id}`)).body).toMatchObject({ status: 'scheduled', launch_time: '2030-01-15T10:00:00.000Z' });
	});

	test('connect_to_ai_agent and send_app_message answer an event id', async () => {
		const ai = await api('POST', '/api/v1/events', BODIES.connectAi);
		expect(ai.body.status).toBe('success');
		expect((await poll(ai.body.event_id, 1))[0].result.type).toBe('template_message');
		const app = await api('POST', '/api/v1/events', BODIES.appMessage);
		expect((await poll(app.body.event_id, 1))[0].result).toMatchObject({ type: 'flow_execution', flow: { id: 'flw_1234abcd' } });
	});
});

describe('faults', () => {
	beforeEach(() => sandbox.reset());

	test('429 with Retry-After, before auth', async () => {
		sandbox.fault('GET /api/v1/conversations', { status: 429, retryAfter: 2 });
		const res = await api('GET', '/api/v1/conversations', undefined, { auth: false });
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('2');
		expect(res.body).toEqual({ message: 'Rate limit exceeded. Retry later.' });
		expect((await api('GET', '/api/v1/broadcasts')).status).toBe(200);
	});

	test('500, a custom body, times', async () => {
		sandbox.fault('POST /api/v1/contacts', { status: 500, times: 2 });
		expect((await api('POST', '/api/v1/contacts', BODIES.contact)).body).toEqual({ message: 'Internal server error' });
		expect((await api('POST', '/api/v1/contacts', BODIES.contact)).status).toBe(500);
		expect((await api('POST', '/api/v1/contacts', BODIES.contact)).status).toBe(201);
		sandbox.fault('*', { status: 503, body: { message: 'maintenance' }, times: 1 });
		expect((await api('GET', '/api/v1/medias')).body).toEqual({ message: 'maintenance' });
		expect((await api('GET', '/api/v1/medias')).status).toBe(200);
	});

	test('delay, then a normal answer', async () => {
		sandbox.fault('GET /api/v1/broadcasts/:id', { delayMs: 300, times: 1 });
		const started = Date.now();
		const res = await api('GET', `/api/v1/broadcasts/${F.broadcasts.sent[0]}`);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(res.status).toBe(200);
	});

	test('malformed JSON', async () => {
		sandbox.fault('GET /api/v1/whats_app_templates', { malformed: true });
		const res = await fetch(`${sandbox.url}/api/v1/whats_app_templates`, { headers: { Authorization: sandbox.apiKey } });
		expect(res.status).toBe(200);
		await expect(res.json()).rejects.toThrow();
		sandbox.clearFaults();
		expect((await api('GET', '/api/v1/whats_app_templates')).status).toBe(200);
	});

	test('faults over HTTP; bad specs are refused', async () => {
		const set = await api('POST', '/__sandbox/faults', { route: 'GET /api/v1/orders/:id', status: 404, times: 1 }, { auth: false });
		expect(set.status).toBe(201);
		expect((await api('GET', `/api/v1/orders/${F.orders.pending}`)).status).toBe(404);
		expect((await api('GET', `/api/v1/orders/${F.orders.pending}`)).status).toBe(200);
		expect((await api('POST', '/__sandbox/faults', { route: 'GET /nowhere', status: 500 }, { auth: false })).status).toBe(400);
		expect(() => sandbox.fault('*', {})).toThrow();
		await api('POST', '/__sandbox/faults', { route: '*', status: 500 }, { auth: false });
		expect((await api('DELETE', '/__sandbox/faults', undefined, { auth: false })).status).toBe(200);
		expect((await api('GET', '/api/v1/medias')).status).toBe(200);
	});
});

describe('request recording and logging', () => {
	beforeEach(() => sandbox.reset());

	test('every request is recorded with route, query, headers and body', async () => {
		await api('GET', `/api/v1/conversations?status=open&status=closed&per=2`);
		await api('POST', '/api/v1/contacts', BODIES.contact, { headers: { 'X-Trace': 'abc' } });
		await api('GET', '/__sandbox/requests', undefined, { auth: false });
		expect(sandbox.requests).toHaveLength(2);
		const [list, create] = sandbox.requests;
		expect(list).toMatchObject({ method: 'GET', path: '/api/v1/conversations', route: 'GET /api/v1/conversations', query: { status: ['open', 'closed'], per: '2' }, body: null });
		expect(create).toMatchObject({ method: 'POST', route: 'POST /api/v1/contacts', body: BODIES.contact });
		expect(create.headers.authorization).toBe(sandbox.apiKey);
		expect(create.headers['x-trace']).toBe('abc');
		expect(create.rawBody.toString()).toBe(JSON.stringify(BODIES.contact));
		expect(typeof create.at).toBe('number');
		expect(sandbox.apiRequests()).toHaveLength(2);

		const overHttp = await api('GET', '/__sandbox/requests', undefined, { auth: false });
		expect(overHttp.body).toHaveLength(2);
		expect(overHttp.body[1].rawBody).toBeUndefined();
		expect(overHttp.body[1].body).toEqual(BODIES.contact);
		await api('DELETE', '/__sandbox/requests', undefined, { auth: false });
		expect(sandbox.requests).toHaveLength(0);
		await fetch(`${sandbox.url}/pay/${F.orders.pending}`);
		expect(sandbox.requests[0].route).toBe('GET /pay/:id');
		expect(sandbox.apiRequests()).toHaveLength(0);
		sandbox.clearRequests();
		expect(sandbox.requests).toHaveLength(0);
	});

	test('log lines never contain the API key', async () => {
		const lines = [];
		const logged = await startSandbox({ port: 0, apiKey: 'super-secret-key-123', log: (line) => lines.push(line) });
		try {
			await fetch(`${logged.url}/api/v1/broadcasts?per=1`, { headers: { Authorization: 'super-secret-key-123' } });
			await fetch(`${logged.url}/api/v1/broadcasts`, { headers: { Authorization: 'Bearer super-secret-key-123' } });
		} finally {
			await logged.close();
		}
		expect(lines).toHaveLength(2);
		expect(lines.join('\n')).not.toContain('super-secret-key-123');
		expect(lines[1]).toMatch(/401/);
	});
});

describe('webhooks', () => {
	let receiver;
	let received;

	beforeAll(async () => {
		received = [];
		receiver = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end('{"received":true}');
			});
		});
		await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	});
	afterAll(() => new Promise((resolve) => receiver.close(resolve)));
	const receiverUrl = () => `http://127.0.0.1:${receiver.address().port}/hook`;

	test('WEBHOOK_EVENTS holds every documented type plus the two variants', () => {
		const types = [
			'order.completed', 'order.canceled',
			'flow_execution.pending', 'flow_execution.in_progress', 'flow_execution.completed',
			'message_delivery.sent', 'message_delivery.delivered', 'message_delivery.failed', 'message_delivery.read', 'message_delivery.replied',
			'ai_flow_execution.started', 'ai_flow_execution.escalated', 'ai_flow_execution.completed', 'ai_flow_execution.analyzed',
		];
		for (const type of types) expect(WEBHOOK_EVENTS[type]).toMatchObject({ type, data: expect.any(Object) });
		expect(Object.keys(WEBHOOK_EVENTS)).toHaveLength(16);
		expect(WEBHOOK_EVENTS['message_delivery.delivered (doc example)']).toMatchObject({ type: 'message_delivery.sent', data: { message: { status: 'delivered' } } });
		expect(WEBHOOK_EVENTS['message_delivery.sent (interactive message)'].data.message).toMatchObject({ id: 1, type: 'message' });
		expect(WEBHOOK_EVENTS['flow_execution.completed'].data.submission.length).toBeGreaterThan(0);
		expect(WEBHOOK_EVENTS['message_delivery.failed'].data.message.reason).toEqual(expect.any(String));
		expect(WEBHOOK_EVENTS['message_delivery.replied'].data.message.reply).toMatchObject({ id: expect.any(String), text: expect.any(String), author: expect.any(Object) });
	});

	test('postWebhook signs the exact raw body with HMAC-SHA256', async () => {
		received.length = 0;
		const result = await sandbox.postWebhook(receiverUrl(), 'order.completed', {
			hmacSecret: 's3cret',
			hmacHeader: 'X-Signature',
			hmacPrefix: 'sha256=',
			headers: { 'X-Extra': '1' },
			data: { reference_id: 'my_order_1' },
		});
		expect(result).toMatchObject({ status: 200, body: { received: true } });
		const [hit] = received;
		const expected = `sha256=${crypto.createHmac('sha256', 's3cret').update(hit.raw).digest('hex')}`;
		expect(hit.headers['x-signature']).toBe(expected);
		expect(hit.headers['x-extra']).toBe('1');
		expect(hit.headers['content-type']).toBe('application/json');
		expect(JSON.parse(hit.raw)).toMatchObject({ type: 'order.completed', data: { id: 'wa_ord_1234abcd', reference_id: 'my_order_1', status: 'completed' } });
		expect(WEBHOOK_EVENTS['order.completed'].data.reference_id).not.toBe('my_order_1');
	});

	test('full payloads, the default header, and the HTTP control route', async () => {
		received.length = 0;
		await sandbox.postWebhook(receiverUrl(), { type: 'custom.event', data: { x: 1 } }, { hmacSecret: 'k' });
		expect(received[0].headers['x-peach-signature']).toBe(crypto.createHmac('sha256', 'k').update(received[0].raw).digest('hex'));
		const res = await api('POST', '/__sandbox/webhooks', { url: receiverUrl(), type: 'message_delivery.failed' }, { auth: false });
		expect(res.body).toMatchObject({ status: 200, body: { received: true } });
		expect(JSON.parse(received[1].raw).type).toBe('message_delivery.failed');
		expect((await api('POST', '/__sandbox/webhooks', { url: receiverUrl(), type: 'nope' }, { auth: false })).status).toBe(400);
		await expect(sandbox.postWebhook(receiverUrl(), 'nope')).rejects.toThrow(/Unknown webhook type/);
	});
});

describe('CLI', () => {
	test('starts, prints the URL and key, answers, stops on SIGINT', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, '..', 'tools', 'sandbox', 'cli.js'), '--port', '0', '--api-key', 'cli-key', '--quiet'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			let out = '';
			const url = await new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 5000);
				child.stdout.on('data', (chunk) => {
					out += chunk;
					const m = /listening on (http:\/\/\S+)/.exec(out);
					if (m && /API key:\s+cli-key/.test(out)) {
						clearTimeout(timer);
						resolve(m[1]);
					}
				});
				child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
			});
			const res = await fetch(`${url}/api/v1/whats_app_templates`, { headers: { Authorization: 'cli-key' } });
			expect(res.status).toBe(200);
			expect(await res.json()).toHaveLength(30);
			const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
			child.kill('SIGINT');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	});
});
