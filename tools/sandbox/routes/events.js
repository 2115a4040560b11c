'use strict';
/**
 * POST /api/v1/events dispatches on event_type (send_template_message, connect_to_ai_agent,
 * send_app_message, send_broadcast, assign_agent, close_conversation); GET /api/v1/events/:id polls
 * what a send started.
 */
const { t, check, addError } = require('../validate');
const { validate, unprocessable, notFound, reasonAt, iso, isPlainObject, stableId } = require('../helpers');
const {
	nextId,
	requireSendableTemplate,
	missingVariables,
	createTemplateMessage,
	advanceTemplateMessage,
	upsertContact,
	templateMessagesUrl,
	serializeBroadcast,
	inboxAgent,
	assignedTo,
	touchConversation,
} = require('../model');
const { BUSINESS_NUMBERS } = require('../seed');

const EVENT_TYPES = ['send_template_message', 'connect_to_ai_agent', 'send_app_message', 'send_broadcast', 'assign_agent', 'close_conversation'];
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const BUSINESS_NUMBER = /^\+?\d{8,15}$/;

const contactSchema = ({ nameRequired = false } = {}) =>
	t.object(
		{
			phone_number: t.phone({ required: true }),
			name: t.string({ required: nameRequired }),
			email: t.string({ pattern: EMAIL }),
			language: t.string(),
			metadata: t.object(),
		},
		{ required: true },
	);

const templateMessageSchema = ({ liquidRequired = false } = {}) =>
	t.object(
		{
			whats_app_template_id: t.string({ required: true }),
			liquid_values: t.object(null, { required: liquidRequired }),
			retry_until: t.datetime({ future: true }),
			retry_window: t.object({ start_at: t.string({ pattern: HH_MM }), end_at: t.string({ pattern: HH_MM }) }),
			business_phone_number: t.string({ pattern: BUSINESS_NUMBER }),
			reply_automation: t.object(),
		},
		{ required: true },
	);

const eventType = t.enum(EVENT_TYPES, { required: true });

const SCHEMAS = {
	send_template_message: t.object({ event_type: eventType, contact: contactSchema(), template_message: templateMessageSchema() }),
	connect_to_ai_agent: t.object({
		event_type: eventType,
		contact: contactSchema(),
		template_message: templateMessageSchema({ liquidRequired: true }),
		ai_agent: t.object({ id: t.string({ required: true, pattern: /^aiflw_\w+$/ }) }, { required: true }),
	}),
	send_app_message: t.object({
		event_type: eventType,
		contact: contactSchema(),
		flow: t.object(
			{
				id: t.string({ required: true, pattern: /^flw_\w+$/ }),
				liquid_values: t.object(),
				whats_app_template_id: t.string(),
			},
			{ required: true },
		),
	}),
	assign_agent: t.object({
		event_type: eventType,
		open_chat_on_assignment: t.boolean(),
		contact: t.object({ name: t.string({ required: true }), phone_number: t.phone({ required: true }) }, { required: true }),
		agent: t.object({ email: t.string({ required: true, pattern: EMAIL }) }, { required: true }),
	}),
	close_conversation: t.object({
		event_type: eventType,
		contact: t.object({ name: t.string({ required: true }), phone_number: t.phone({ required: true }) }, { required: true }),
	}),
};

const broadcastSchema = (skipPhoneValidation) =>
	t.object({
		event_type: eventType,
		skip_phone_validation: t.boolean(),
		skip_liquid_values_validation: t.boolean(),
		broadcast: t.object(
			{
				name: t.string({ required: true }),
				whats_app_template_id: t.string({ required: true }),
				delivery_mode: t.enum(['instant', 'gradual'], { required: true }),
				contacts: t.array(
					t.object(
						{
							phone_number: skipPhoneValidation ? t.string({ required: true }) : t.phone({ required: true }),
							name: t.string(),
							liquid_values: t.object(),
						},
						{ required: true },
					),
					{ minItems: 1, maxItems: 100000 },
				),
				audience_id: t.any({ check: (v) => (typeof v === 'string' || Number.isInteger(v) ? null : 'must be a string') }),
				liquid_values: t.object(),
				scheduled_launch_time: t.datetime(),
				phone_number: t.string({ pattern: BUSINESS_NUMBER }),
				reply_automation: t.object(),
				deliveries: t.object(),
			},
			{ required: true },
		),
	});

/** 422 naming every template variable without a value, under `path` (e.g. template_message.liquid_values). */
function requireVariables(template, liquidValues, path) {
	const missing = missingVariables(template, liquidValues);
	if (!missing.length) return;
	const reason = {};
	for (const name of missing) addError(reason, [...path, name], "can't be blank");
	throw unprocessable(reason);
}

function recordEvent(world, fields) {
	const event = { id: stableId('evt_', `event:${(world.seq.evt = (world.seq.evt || 0) + 1)}`, 24), created_at: iso(Date.now()), _polls: 0, ...fields };
	world.state.events.push(event);
	return event;
}

const accepted = (event) => ({ status: 200, body: { status: 'success', event_id: event.id } });

function contactFields(contact) {
	const fields = { phone_number: contact.phone_number };
	for (const key of ['name', 'email', 'language', 'metadata']) if (contact[key] !== undefined) fields[key] = contact[key];
	return fields;
}

// ---------------------------------------------------------------------------------------------

function sendTemplateMessage(ctx, { aiAgent = false } = {}) {
	const { body, world } = ctx;
	validate(SCHEMAS[aiAgent ? 'connect_to_ai_agent' : 'send_template_message'], body);
	const tm = body.template_message;
	const template = requireSendableTemplate(world.state, tm.whats_app_template_id, ['template_message', 'whats_app_template_id']);
	requireVariables(template, tm.liquid_values, ['template_message', 'liquid_values']);
	upsertContact(world.state, contactFields(body.contact));
	const message = createTemplateMessage(world, {
		phoneNumber: body.contact.phone_number,
		template,
		liquidValues: tm.liquid_values,
		extra: aiAgent ? { _ai_agent_id: body.ai_agent.id } : {},
	});
	return accepted(recordEvent(world, { event_type: body.event_type, _kind: 'template_message', _message_id: message.id }));
}

function sendAppMessage(ctx) {
	const { body, world } = ctx;
	validate(SCHEMAS.send_app_message, body);
	if (body.flow.whats_app_template_id) {
		requireSendableTemplate(world.state, body.flow.whats_app_template_id, ['flow', 'whats_app_template_id']);
	}
	upsertContact(world.state, contactFields(body.contact));
	const execution = {
		type: 'flow_execution',
		id: nextId(world, 'fe_', 16),
		status: 'created',
		flow: { id: body.flow.id },
		phone_number: body.contact.phone_number,
		liquid_values: body.flow.liquid_values || null,
		whats_app_template_id: body.flow.whats_app_template_id || null,
	};
	return accepted(recordEvent(world, { event_type: body.event_type, _kind: 'flow_execution', _result: execution }));
}

function sendBroadcast(ctx) {
	const { body, world } = ctx;
	const skipPhone = isPlainObject(body) && body.skip_phone_validation === true;
	const skipLiquid = isPlainObject(body) && body.skip_liquid_values_validation === true;
	const reason = check(broadcastSchema(skipPhone), body) || {};
	const b = isPlainObject(body) && isPlainObject(body.broadcast) ? body.broadcast : null;
	if (b) {
		const hasContacts = b.contacts !== undefined && b.contacts !== null;
		const hasAudience = b.audience_id !== undefined && b.audience_id !== null && b.audience_id !== '';
		if (!hasContacts && !hasAudience) addError(reason, ['broadcast', 'contacts'], "can't be blank (send contacts or audience_id)");
		if (hasContacts && hasAudience) addError(reason, ['broadcast', 'audience_id'], "can't be used together with contacts");
	}
	if (Object.keys(reason).length) throw unprocessable(reason);

	const template = requireSendableTemplate(world.state, b.whats_app_template_id, ['broadcast', 'whats_app_template_id']);
	const recipients = b.contacts
		? b.contacts.map((c) => ({ ...c, liquid_values: { ...(b.liquid_values || {}), ...(c.liquid_values || {}) } }))
		: [...world.state.contacts.values()].slice(0, 10).map((c) => ({ phone_number: c.phone_number, name: c.name, liquid_values: { ...(b.liquid_values || {}) } }));
	if (b.contacts && !skipLiquid) {
		const missing = {};
		recipients.forEach((r, i) => {
			for (const name of missingVariables(template, r.liquid_values)) addError(missing, ['broadcast', 'contacts', i, 'liquid_values', name], "can't be blank");
		});
		if (Object.keys(missing).length) throw unprocessable(missing);
	}

	const now = Date.now();
	const scheduled = Boolean(b.scheduled_launch_time);
	const broadcast = {
		id: nextId(world, 'cmp_', 20),
		name: b.name,
		status: scheduled ? 'scheduled' : 'queued',
		delivery_mode: b.delivery_mode,
		audience_count: recipients.length,
		phone_number: b.phone_number || BUSINESS_NUMBERS[0].number,
		launch_time: scheduled ? new Date(b.scheduled_launch_time).toISOString() : iso(now),
		stats: { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0 },
		whats_app_template: { id: template.id, template_name: template.template_name, language: template.language },
		created_at: iso(now),
		updated_at: iso(now),
		_created: true,
		_audience_id: b.audience_id ?? null,
	};
	world.state.broadcasts.unshift(broadcast);
	if (b.contacts) for (const r of recipients) upsertContact(world.state, { phone_number: r.phone_number, ...(r.name ? { name: r.name } : {}) });
	if (!scheduled) {
		for (const r of recipients) {
			createTemplateMessage(world, { phoneNumber: r.phone_number, template, liquidValues: r.liquid_values, broadcastId: broadcast.id });
		}
	}
	return accepted(recordEvent(world, { event_type: body.event_type, _kind: 'campaign', _broadcast_id: broadcast.id }));
}

/** The contact's conversations, newest activity first. */
const conversationsOf = (state, phone) =>
	state.conversations.filter((c) => c.subscriber.phone_number === phone).sort((a, b) => Date.parse(b._last_activity_at) - Date.parse(a._last_activity_at));

function assignAgent(ctx) {
	const { body, world } = ctx;
	validate(SCHEMAS.assign_agent, body);
	const [conversation] = conversationsOf(world.state, body.contact.phone_number);
	if (conversation) {
		const at = iso(Date.now());
		conversation.assigned_to = assignedTo(inboxAgent(world.state, body.agent.email));
		if (body.open_chat_on_assignment && conversation.status === 'closed') conversation.status = 'open';
		touchConversation(conversation, 'assignment', at);
	}
	recordEvent(world, { event_type: body.event_type, _kind: 'conversation', _result: null });
	return { status: 200, body: {} };
}

function closeConversation(ctx) {
	const { body, world } = ctx;
	validate(SCHEMAS.close_conversation, body);
	const at = iso(Date.now());
	for (const conversation of conversationsOf(world.state, body.contact.phone_number)) {
		if (conversation.status === 'closed') continue;
		conversation.status = 'closed';
		touchConversation(conversation, 'status_change', at);
	}
	recordEvent(world, { event_type: body.event_type, _kind: 'conversation', _result: null });
	return { status: 200, body: {} };
}

function createEvent(ctx) {
	const { body } = ctx;
	if (!isPlainObject(body)) throw unprocessable(reasonAt([], 'must be a JSON object'));
	const reason = check(t.object({ event_type: eventType }), { event_type: body.event_type });
	if (reason) throw unprocessable(reason);
	switch (body.event_type) {
		case 'send_template_message':
			return sendTemplateMessage(ctx);
		case 'connect_to_ai_agent':
			return sendTemplateMessage(ctx, { aiAgent: true });
		case 'send_app_message':
			return sendAppMessage(ctx);
		case 'send_broadcast':
			return sendBroadcast(ctx);
		case 'assign_agent':
			return assignAgent(ctx);
		default:
			return closeConversation(ctx);
	}
}

function getEvent(ctx) {
	const { world, params, baseUrl } = ctx;
	const { state } = world;
	const event = state.events.find((e) => e.id === params.id);
	if (!event) throw notFound('Event', params.id);
	event._polls++;
	const reply = (status, result) => ({ status: 200, body: { id: event.id, event_type: event.event_type, status, result } });

	if (event._kind === 'template_message') {
		const message = state.templateMessages.find((m) => m.id === event._message_id);
		if (!message) return reply('failed', null);
		advanceTemplateMessage(message);
		return reply('processed', {
			type: 'template_message',
			id: message.id,
			status: message.status,
			failure_message: message.failure_message,
			liquid_values: message._liquid_values,
			phone_number: message.phone_number,
			updated_at: message.updated_at,
		});
	}
	if (event._kind === 'campaign') {
		if (event._polls === 1) return reply('pending', null);
		const broadcast = state.broadcasts.find((b) => b.id === event._broadcast_id);
		if (!broadcast) return reply('failed', null);
		for (const m of state.templateMessages) if (m.broadcast_id === broadcast.id) advanceTemplateMessage(m);
		const view = serializeBroadcast(state, broadcast, baseUrl);
		return reply('processed', {
			type: 'campaign',
			id: view.id,
			name: view.name,
			status: view.status,
			audience_count: view.audience_count,
			phone_number: view.phone_number,
			launch_time: view.launch_time,
			stats: view.stats,
			whats_app_template: view.whats_app_template,
			template_messages_url: templateMessagesUrl(baseUrl, broadcast.id),
		});
	}
	return reply('processed', event._result ?? null);
}

module.exports = [
	{ method: 'POST', path: '/api/v1/events', handler: createEvent },
	{ method: 'GET', path: '/api/v1/events/:id', handler: getEvent },
];
module.exports.EVENT_TYPES = EVENT_TYPES;
