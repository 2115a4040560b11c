'use strict';
/** Contacts: create/upsert one or many, read back, update by phone number, bulk communication preferences. */
const { t } = require('../validate');
const { validate, unprocessable, reasonAt, notFound } = require('../helpers');
const { upsertContact, updateContact, findContact, serializeContact } = require('../model');

const PREFERENCES = ['allow_everything', 'disallow_marketing', 'disallow_automated_messaging', 'mute_all'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_BATCH = 1000;

const editableFields = {
	name: t.string(),
	email: t.string({ pattern: EMAIL }),
	language: t.string(),
	metadata: t.object(),
	timezone: t.string(),
	tags: t.array(t.string({ required: true })),
	opted_out: t.boolean(),
	communication_preference: t.enum(PREFERENCES),
};

const contactSchema = t.object({ phone_number: t.phone({ required: true }), ...editableFields }, { required: true });
const updateSchema = t.object({ ...editableFields, age: t.integer({ min: 0 }), gender: t.string(), nickname: t.string() }, { required: true });

function createContacts(ctx) {
	const { body, world } = ctx;
	if (Array.isArray(body)) {
		if (body.length > MAX_BATCH) throw unprocessable(reasonAt([], `is too long (maximum is ${MAX_BATCH} contacts per request)`));
		validate(t.array(contactSchema, { required: true, minItems: 1 }), body);
		const contacts = body.map((fields) => serializeContact(upsertContact(world.state, fields)));
		return { status: 201, body: { contacts } };
	}
	validate(contactSchema, body);
	return { status: 201, body: serializeContact(upsertContact(world.state, body)) };
}

function requireContact(ctx) {
	const contact = findContact(ctx.world.state, ctx.params.phone_number);
	if (!contact) throw notFound('Contact', ctx.params.phone_number, 'phone_number');
	return contact;
}

function getContact(ctx) {
	return { status: 200, body: serializeContact(requireContact(ctx)) };
}

function patchContact(ctx) {
	const contact = requireContact(ctx);
	validate(updateSchema, ctx.body);
	const { phone_number: _ignored, ...fields } = ctx.body;
	return { status: 200, body: serializeContact(updateContact(contact, fields)) };
}

function bulkUpdatePreferences(ctx) {
	const { body, world } = ctx;
	validate(
		t.object({
			phone_numbers: t.array(t.phone({ required: true }), { required: true, minItems: 1, maxItems: MAX_BATCH }),
			communication_preference: t.enum(PREFERENCES, { required: true }),
		}),
		body,
	);
	let updated = 0;
	const notFoundPhones = [];
	for (const phone of body.phone_numbers) {
		const contact = findContact(world.state, phone);
		if (!contact) {
			notFoundPhones.push(phone);
			continue;
		}
		updateContact(contact, { communication_preference: body.communication_preference });
		updated++;
	}
	return { status: 200, body: { updated, not_found: notFoundPhones } };
}

module.exports = [
	{ method: 'POST', path: '/api/v1/contacts', handler: createContacts },
	{ method: 'POST', path: '/api/v1/contacts/bulk_update_communication_preferences', handler: bulkUpdatePreferences },
	{ method: 'GET', path: '/api/v1/contacts/:phone_number', handler: getContact },
	{ method: 'PATCH', path: '/api/v1/contacts/:phone_number', handler: patchContact },
];
module.exports.PREFERENCES = PREFERENCES;
