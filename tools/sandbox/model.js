'use strict';
/**
 * Domain logic shared by several route modules: how records are looked up, shown, created and how
 * template messages move through their delivery plan.
 */
const crypto = require('node:crypto');
const { stableId, notFound, unprocessable, reasonAt, publicView, iso, deepMerge } = require('./helpers');

const TEMPLATE_MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'];
const DEFAULT_DELIVERY_PLAN = ['queued', 'sent', 'delivered'];
const DEFAULT_FAILURE_MESSAGE = '(#131026) Message undeliverable';
const MEDIA_HEADER_TYPES = ['image', 'document', 'video'];
const SIGNING_SECRET = 'peach-sandbox-signing-secret';

/** A new, deterministic ID for a record created through the API (sequence restarts on reset). */
function nextId(world, prefix, length = 20) {
	world.seq[prefix] = (world.seq[prefix] || 0) + 1;
	return stableId(prefix, `created:${world.seq[prefix]}`, length);
}

/** Next integer ID after the largest one in `records`. */
const nextIntegerId = (records) => records.reduce((max, r) => Math.max(max, r.id), 0) + 1;

// ---------------------------------------------------------------------------------------------
// WhatsApp templates
// ---------------------------------------------------------------------------------------------

/** Variables a template uses: liquid `{{name | ...}}` in its texts, plus `header_media` for media headers. */
function templateVariables(template) {
	const names = new Set();
	for (const c of template.components) {
		if (c.component_type === 'header' && MEDIA_HEADER_TYPES.includes(c.data_type)) names.add('header_media');
		if (c.component_type === 'header' && c.data_type !== 'text') continue; // a media header's value is its example file
		for (const match of String(c.value ?? '').matchAll(/\{\{\s*([A-Za-z_][\w.]*)/g)) names.add(match[1]);
	}
	return [...names];
}

function findTemplate(state, id) {
	const template = state.templates.find((t) => t.id === id);
	if (!template) throw notFound('WhatsAppTemplate', id);
	return template;
}

const serializeTemplate = (t) => ({ ...publicView(t), components: t.components.map((c) => ({ ...c })) });

/** Checks that a template can be sent: it exists (404) and is approved (422 naming `path`). */
function requireSendableTemplate(state, id, path) {
	const template = findTemplate(state, id);
	if (template.status !== 'approved') throw unprocessable(reasonAt(path, 'is not approved'));
	return template;
}

function missingVariables(template, liquidValues) {
	const values = liquidValues || {};
	return templateVariables(template).filter((name) => values[name] === undefined || values[name] === null || values[name] === '');
}

// ---------------------------------------------------------------------------------------------
// Broadcasts and template messages
// ---------------------------------------------------------------------------------------------

function findBroadcast(state, id) {
	const broadcast = state.broadcasts.find((b) => b.id === id);
	if (!broadcast) throw notFound('Broadcast', id);
	return broadcast;
}

const templateMessagesUrl = (baseUrl, broadcastId) => `${baseUrl}/api/v1/template_messages?broadcast_id=${broadcastId}`;

/** Stats of a broadcast created through the API come from its messages; seeded ones carry theirs. */
function liveStats(state, broadcast) {
	if (!broadcast._created) return { ...broadcast.stats };
	const stats = { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0 };
	for (const m of state.templateMessages) {
		if (m.broadcast_id !== broadcast.id) continue;
		if (m.status === 'failed') stats.failed++;
		if (['sent', 'delivered', 'read'].includes(m.status)) stats.sent++;
		if (['delivered', 'read'].includes(m.status)) stats.delivered++;
		if (m.status === 'read') stats.read++;
	}
	return stats;
}

function serializeBroadcast(state, broadcast, baseUrl) {
	return {
		...publicView(broadcast),
		stats: liveStats(state, broadcast),
		whats_app_template: { ...broadcast.whats_app_template },
		template_messages_url: templateMessagesUrl(baseUrl, broadcast.id),
	};
}

const serializeTemplateMessage = (m) => publicView(m);

/** Creates a template message that follows the delivery plan registered for its phone number. */
function createTemplateMessage(world, { phoneNumber, template, liquidValues, broadcastId = null, extra = {} }) {
	const planned = world.plans.get(phoneNumber);
	const plan = planned ? [...planned.statuses] : [...DEFAULT_DELIVERY_PLAN];
	const at = iso(Date.now());
	const message = {
		id: nextId(world, 'cmsg_', 20),
		status: plan[0],
		phone_number: phoneNumber,
		broadcast_id: broadcastId,
		whats_app_template_id: template.id,
		failure_message: plan[0] === 'failed' ? planned?.failureMessage || DEFAULT_FAILURE_MESSAGE : null,
		created_at: at,
		updated_at: at,
		_liquid_values: liquidValues || null,
		_plan: plan,
		_failure_message: planned?.failureMessage || DEFAULT_FAILURE_MESSAGE,
		_step: 0,
		...extra,
	};
	world.state.templateMessages.unshift(message);
	return message;
}

/**
 * One poll: the k-th poll reports plan[k-1] (the last status repeats forever). A message created
 * with plan ['queued','sent','delivered'] reads queued, sent, delivered, delivered, ...
 */
function advanceTemplateMessage(message) {
	if (!message._plan) return message;
	const status = message._plan[Math.min(message._step, message._plan.length - 1)];
	message._step++;
	if (status !== message.status) {
		message.status = status;
		message.updated_at = iso(Date.now());
	}
	message.failure_message = status === 'failed' ? message._failure_message : null;
	return message;
}

// ---------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------

const CONTACT_FIELDS = ['name', 'email', 'language', 'timezone', 'tags', 'opted_out', 'communication_preference', 'age', 'gender', 'nickname'];

/** Creates or updates the contact with this phone number; metadata is deep-merged. */
function upsertContact(state, fields) {
	const now = iso(Date.now());
	let contact = state.contacts.get(fields.phone_number);
	if (!contact) {
		contact = {
			id: nextIntegerId([...state.contacts.values()]),
			phone_number: fields.phone_number,
			name: null,
			email: null,
			language: null,
			metadata: {},
			timezone: null,
			tags: [],
			opted_out: false,
			communication_preference: 'allow_everything',
			created_at: now,
			updated_at: now,
		};
		state.contacts.set(contact.phone_number, contact);
	}
	updateContact(contact, fields);
	return contact;
}

function updateContact(contact, fields) {
	for (const key of CONTACT_FIELDS) if (fields[key] !== undefined) contact[key] = fields[key];
	if (fields.metadata !== undefined && fields.metadata !== null) contact.metadata = deepMerge(contact.metadata, fields.metadata);
	contact.updated_at = iso(Date.now());
	return contact;
}

/** Finds a contact by phone, tolerating a missing '+' (e.g. WA IDs like 919988776655). */
function findContact(state, phone) {
	return state.contacts.get(phone) || state.contacts.get(`+${String(phone).replace(/^\+/, '')}`) || null;
}

const serializeContact = (c) => ({ ...publicView(c), metadata: { ...c.metadata }, tags: [...(c.tags || [])] });

// ---------------------------------------------------------------------------------------------
// Conversations
// ---------------------------------------------------------------------------------------------

/** The inbox agent with this email; assign_agent names agents by email, so a new one joins the account. */
function inboxAgent(state, email) {
	let agent = state.agents.find((a) => a.email === email);
	if (!agent) {
		agent = { id: nextIntegerId(state.agents), name: email.split('@')[0], email };
		state.agents.push(agent);
	}
	return agent;
}

/** How a conversation shows who it is assigned to: `assigned_to {type, id, name}`, or null. */
const assignedTo = (agent) => (agent ? { type: 'user', id: agent.id, name: agent.name } : null);

/**
 * Something happened on a conversation. Peach filters the list on the last activity
 * (activity_type, activity_since) but does not show it on the conversation, hence the `_` fields.
 */
function touchConversation(conversation, activity, at) {
	Object.assign(conversation, { _last_activity_type: activity, _last_activity_at: at, updated_at: at });
}

const serializeConversation = (c) => ({
	...publicView(c),
	subscriber: { ...c.subscriber },
	assigned_to: c.assigned_to ? { ...c.assigned_to } : null,
});

// ---------------------------------------------------------------------------------------------
// Media
// ---------------------------------------------------------------------------------------------

const SUPPORTED_CONTENT_TYPES = [
	'image/jpeg', 'image/png', 'video/mp4', 'video/3gpp', 'application/pdf', 'text/plain', 'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'audio/mp4', 'audio/mpeg', 'audio/amr',
	'audio/ogg', 'audio/aac',
];

/** Largest accepted upload per content type (WhatsApp's limits: images 5 MB, video/audio 16 MB, documents 100 MB). */
function maxByteSize(contentType) {
	if (contentType.startsWith('image/')) return 5242880;
	if (contentType.startsWith('video/') || contentType.startsWith('audio/')) return 16777216;
	return 104857600;
}

const EXTENSION_TYPES = {
	jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4', '3gp': 'video/3gpp', pdf: 'application/pdf',
	txt: 'text/plain', xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	m4a: 'audio/mp4', mp3: 'audio/mpeg', amr: 'audio/amr', ogg: 'audio/ogg', aac: 'audio/aac',
};
const contentTypeFromFilename = (filename) => EXTENSION_TYPES[String(filename).split('.').pop().toLowerCase()] || null;

/** ActiveStorage-style signed blob ID: base64 JSON message, '--', HMAC. */
function signBlobId(blobId) {
	const message = Buffer.from(
		JSON.stringify({ _rails: { message: Buffer.from(String(blobId)).toString('base64'), exp: null, pur: 'blob_id' } }),
	).toString('base64');
	const digest = crypto.createHmac('sha256', SIGNING_SECRET).update(message).digest('hex');
	return `${message}--${digest}`;
}

function blobIdFromSigned(signedId) {
	const [message, digest] = String(signedId).split('--');
	if (!message || !digest) return null;
	const expected = crypto.createHmac('sha256', SIGNING_SECRET).update(message).digest('hex');
	if (expected !== digest) return null;
	try {
		const parsed = JSON.parse(Buffer.from(message, 'base64').toString('utf8'));
		return Number(Buffer.from(parsed._rails.message, 'base64').toString('utf8'));
	} catch {
		return null;
	}
}

const serializeMedia = (m) => publicView(m);

module.exports = {
	TEMPLATE_MESSAGE_STATUSES,
	DEFAULT_DELIVERY_PLAN,
	DEFAULT_FAILURE_MESSAGE,
	MEDIA_HEADER_TYPES,
	nextId,
	nextIntegerId,
	templateVariables,
	findTemplate,
	serializeTemplate,
	requireSendableTemplate,
	missingVariables,
	findBroadcast,
	templateMessagesUrl,
	serializeBroadcast,
	serializeTemplateMessage,
	createTemplateMessage,
	advanceTemplateMessage,
	upsertContact,
	updateContact,
	findContact,
	serializeContact,
	inboxAgent,
	assignedTo,
	touchConversation,
	serializeConversation,
	SUPPORTED_CONTENT_TYPES,
	maxByteSize,
	contentTypeFromFilename,
	signBlobId,
	blobIdFromSigned,
	serializeMedia,
};
