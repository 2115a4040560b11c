'use strict';
/** WhatsApp templates: list (bare array), fetch, create (draft), update, archive, pause, submit. */
const { t, check, addError } = require('../validate');
const { unprocessable, iso } = require('../helpers');
const { nextId, findTemplate, serializeTemplate } = require('../model');
const { WABA_ID } = require('../seed');

const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const COMPONENT_TYPES = ['header', 'body', 'footer', 'buttons'];
const DATA_TYPES = ['text', 'image', 'video', 'document', 'location'];
const SUB_TYPES = ['quick_reply', 'url', 'phone_number', 'copy_code', 'flow', 'otp'];

const wabaId = t.any({
	check: (v) => (Number.isInteger(v) || (typeof v === 'string' && /^\d+$/.test(v)) ? null : 'must be an integer'),
});

const componentFields = (typeRequired) => ({
	component_type: t.enum(COMPONENT_TYPES, { required: typeRequired }),
	data_type: t.enum(DATA_TYPES),
	value: t.string(),
	sub_type: t.enum(SUB_TYPES),
	name: t.string(),
	index: t.integer({ min: 0 }),
});

const createSchema = t.object({
	whats_app_template: t.object(
		{
			template_name: t.string({ required: true }),
			language: t.string({ required: true, pattern: /^[a-z]{2,3}(_[A-Z]{2})?$/ }),
			category: t.enum(CATEGORIES, { required: true }),
			purpose: t.string(),
			whats_app_business_account_id: wabaId,
			folder: t.string(),
			name: t.string(),
			components_attributes: t.array(t.object(componentFields(true), { required: true }), { required: true, minItems: 1 }),
		},
		{ required: true },
	),
});

const updateSchema = t.object({
	whats_app_template: t.object(
		{
			template_name: t.string(),
			language: t.string({ pattern: /^[a-z]{2,3}(_[A-Z]{2})?$/ }),
			category: t.enum(CATEGORIES),
			purpose: t.string(),
			folder: t.string(),
			name: t.string(),
			components_attributes: t.array(
				t.object(
					{
						id: t.any({ check: (v) => (typeof v === 'string' || Number.isInteger(v) ? null : 'is invalid') }),
						_destroy: t.any({ check: (v) => ([true, false, 'true', 'false', '1', '0', 1, 0].includes(v) ? null : 'must be a boolean') }),
						...componentFields(false),
					},
					{ required: true },
				),
			),
		},
		{ required: true },
	),
});

const isDestroy = (v) => [true, 'true', '1', 1].includes(v);

function buildComponent(world, attrs, index) {
	world.seq.component = (world.seq.component || 5000) + 1;
	const component = {
		id: String(world.seq.component),
		component_type: attrs.component_type,
		data_type: attrs.data_type || 'text',
		value: attrs.value ?? null,
		index: attrs.index ?? index,
	};
	if (attrs.sub_type !== undefined) component.sub_type = attrs.sub_type;
	if (attrs.name !== undefined) component.name = attrs.name;
	return component;
}

/** A template needs one body with text; checked on create and after an update. */
function bodyProblems(components, reason, path) {
	const bodies = components.filter((c) => c.component_type === 'body');
	if (!bodies.length) addError(reason, path, 'must include a body component');
	components.forEach((c, i) => {
		if (c.component_type === 'body' && !(typeof c.value === 'string' && c.value.trim())) addError(reason, [...path, i, 'value'], "can't be blank");
	});
}

function listTemplates(ctx) {
	return { status: 200, body: ctx.world.state.templates.map(serializeTemplate) };
}

/** By ID, or by template_name ([MCP]: "The template ID or template_name"); a name in several languages gives the first. */
function getTemplate(ctx) {
	const { templates } = ctx.world.state;
	const byName = templates.find((t) => t.id !== ctx.params.id && t.template_name === ctx.params.id);
	return { status: 200, body: serializeTemplate(byName ?? findTemplate(ctx.world.state, ctx.params.id)) };
}

function createTemplate(ctx) {
	const { world, body } = ctx;
	const reason = check(createSchema, body) || {};
	const attrs = body?.whats_app_template?.components_attributes;
	if (!reason.whats_app_template?.components_attributes && Array.isArray(attrs) && attrs.length) {
		bodyProblems(attrs, reason, ['whats_app_template', 'components_attributes']);
	}
	if (Object.keys(reason).length) throw unprocessable(reason);
	const w = body.whats_app_template;
	const now = iso(Date.now());
	const template = {
		id: nextId(world, 'wat_', 24),
		template_name: w.template_name,
		name: w.name ?? w.template_name,
		language: w.language,
		category: w.category,
		status: 'draft',
		purpose: w.purpose ?? null,
		folder: w.folder ?? null,
		whats_app_business_account_id: w.whats_app_business_account_id === undefined ? WABA_ID : Number(w.whats_app_business_account_id),
		components: w.components_attributes.map((a, i) => buildComponent(world, a, i)),
		created_at: now,
		updated_at: now,
	};
	world.state.templates.push(template);
	return { status: 201, body: serializeTemplate(template) };
}

function updateTemplate(ctx) {
	const { world, body } = ctx;
	const template = findTemplate(world.state, ctx.params.id);
	const reason = check(updateSchema, body) || {};
	if (Object.keys(reason).length) throw unprocessable(reason);
	const w = body.whats_app_template;
	const path = ['whats_app_template', 'components_attributes'];

	// Rails nested attributes: {id, value} updates, {id, _destroy: true} removes, no id adds (needs component_type).
	let components = template.components.map((c) => ({ ...c }));
	(w.components_attributes || []).forEach((a, i) => {
		if (a.id === undefined || a.id === null) {
			if (!a.component_type) addError(reason, [...path, i, 'component_type'], "can't be blank");
			return;
		}
		if (!components.some((c) => c.id === String(a.id))) addError(reason, [...path, i, 'id'], 'is invalid');
	});
	if (Object.keys(reason).length) throw unprocessable(reason);
	(w.components_attributes || []).forEach((a) => {
		if (a.id === undefined || a.id === null) {
			components.push(buildComponent(world, a, components.length));
		} else if (isDestroy(a._destroy)) {
			components = components.filter((c) => c.id !== String(a.id));
		} else {
			const target = components.find((c) => c.id === String(a.id));
			for (const key of ['component_type', 'data_type', 'value', 'sub_type', 'name', 'index']) if (a[key] !== undefined) target[key] = a[key];
		}
	});
	bodyProblems(components, reason, path);
	if (Object.keys(reason).length) throw unprocessable(reason);

	for (const key of ['template_name', 'language', 'category', 'purpose', 'folder', 'name']) if (w[key] !== undefined) template[key] = w[key];
	template.components = components;
	template.updated_at = iso(Date.now());
	return { status: 200, body: serializeTemplate(template) };
}

const transition = (to, from, verb) => (ctx) => {
	const template = findTemplate(ctx.world.state, ctx.params.id);
	if (!from.includes(template.status)) {
		throw unprocessable({ status: [`can't ${verb} a template that is ${template.status} (allowed when ${from.join(', ')})`] });
	}
	template.status = to;
	template.updated_at = iso(Date.now());
	return { status: 200, body: serializeTemplate(template) };
};

module.exports = [
	{ method: 'GET', path: '/api/v1/whats_app_templates', handler: listTemplates },
	{ method: 'POST', path: '/api/v1/whats_app_templates', handler: createTemplate },
	{ method: 'GET', path: '/api/v1/whats_app_templates/:id', handler: getTemplate },
	{ method: 'PATCH', path: '/api/v1/whats_app_templates/:id', handler: updateTemplate },
	{ method: 'PATCH', path: '/api/v1/whats_app_templates/:id/archive', handler: transition('archived', ['approved', 'rejected', 'draft', 'paused'], 'archive') },
	{ method: 'PATCH', path: '/api/v1/whats_app_templates/:id/pause', handler: transition('paused', ['approved'], 'pause') },
	{ method: 'PATCH', path: '/api/v1/whats_app_templates/:id/submit', handler: transition('pending', ['draft', 'rejected'], 'submit') },
];
module.exports.CATEGORIES = CATEGORIES;
