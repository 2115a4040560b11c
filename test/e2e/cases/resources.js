'use strict';
// One workflow per resource, run with `n8n execute`, its output checked item by item against the
// sandbox's state. Add an operation here (or in a new file) when it lands in the node.
const { any, regex } = require('../expect');

const JOHN = '+919988776655';

// The first n records of a list endpoint as the sandbox itself returns them, paging with page/per.
async function firstRecords(ctx, resource, n) {
	const out = [];
	for (let page = 1; out.length < n; page++) {
		const res = await fetch(`${ctx.sandbox.url}/api/v1/${resource}?page=${page}&per=100`, { headers: { Authorization: ctx.sandboxApiKey } });
		const body = await res.json();
		const list = Array.isArray(body) ? body : body[resource] || body.data || [];
		out.push(...list);
		if (!list.length || !body.next) break;
	}
	return out.slice(0, n);
}
const NEW_CONTACT = '+14155552671';

module.exports = [
	{
		name: 'contact: create, then update it from the created item',
		requires: ['contact:create', 'contact:update'],
		workflow: (ctx) =>
			ctx.wf.linear('E2E contact', [
				ctx.wf.peach('Create', { resource: 'contact', operation: 'create', phoneNumber: NEW_CONTACT, additionalFields: { name: 'Ada Lovelace' } }),
				ctx.wf.peach('Update', {
					resource: 'contact',
					operation: 'update',
					phoneNumber: '={{ $json.phone_number }}',
					updateFields: { name: 'Ada King', tags: ['vip'] },
				}),
			]),
		expect: {
			Create: [{ phone_number: NEW_CONTACT, name: 'Ada Lovelace', opted_out: false }],
			Update: [{ phone_number: NEW_CONTACT, name: 'Ada King', tags: ['vip'] }],
		},
		check: async (res, ctx) => {
			const calls = ctx.sandbox.apiRequests().map((r) => `${r.method} ${r.path}`);
			ctx.expect.equal(calls, ['POST /api/v1/contacts', 'PATCH /api/v1/contacts/%2B14155552671'], 'requests Peach received');
		},
	},
	{
		name: 'order: create, then get it by the id Peach returned',
		requires: ['order:create', 'order:get'],
		workflow: (ctx) =>
			ctx.wf.linear('E2E order', [
				ctx.wf.peach('Create', { resource: 'order', operation: 'create', contactPhoneNumber: JOHN }),
				ctx.wf.peach('Get', { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' }),
			]),
		expect: {
			Create: [{ id: regex(/^wa_ord_/), status: 'pending', contact: any(Object) }],
			Get: [{ id: regex(/^wa_ord_/), status: 'pending' }],
		},
		check: async (res) => {
			if (res.items('Create')[0].json.id !== res.items('Get')[0].json.id) throw new Error('Get returned another order than Create made');
		},
	},
	{
		name: 'WhatsApp template: get many (limit 3), in Peach’s order',
		requires: ['whatsAppTemplate:getAll'],
		workflow: (ctx) => ctx.wf.linear('E2E whatsAppTemplate', [ctx.wf.peach('Templates', { resource: 'whatsAppTemplate', operation: 'getAll', returnAll: false, limit: 3 })]),
		expect: (ctx) => ({ Templates: ctx.sandbox.state.templates.slice(0, 3).map((t) => ({ id: t.id, template_name: t.template_name, status: t.status })) }),
	},
	{
		name: 'conversation: get many (limit 120), in Peach’s order',
		requires: ['conversation:getAll'],
		workflow: (ctx) => ctx.wf.linear('E2E conversation', [ctx.wf.peach('Conversations', { resource: 'conversation', operation: 'getAll', returnAll: false, limit: 120 })]),
		before: async (ctx) => {
			ctx.expected = (await firstRecords(ctx, 'conversations', 120)).map((c) => ({ id: c.id, status: c.status }));
		},
		expect: (ctx) => ({ Conversations: ctx.expected }),
	},
	{
		name: 'broadcast: get many (limit 2), in Peach’s order',
		requires: ['broadcast:getAll'],
		workflow: (ctx) => ctx.wf.linear('E2E broadcast', [ctx.wf.peach('Broadcasts', { resource: 'broadcast', operation: 'getAll', returnAll: false, limit: 2 })]),
		before: async (ctx) => {
			ctx.expected = (await firstRecords(ctx, 'broadcasts', 2)).map((b) => ({ id: b.id, name: b.name }));
		},
		expect: (ctx) => ({ Broadcasts: ctx.expected }),
	},
];
