'use strict';
/**
 * Automations (Peach "Streams"), their triggers and the condition library ("expressions"): list,
 * create, read, update, run for a contact. Lists answer bare arrays (no paging), a choice where
 * beyond-the-36.md says the envelope is NOT FOUND. Trigger errors carry Peach's documented `code`.
 */
const { t } = require('../validate');
const { HttpError, validate, unprocessable, notFound, readFilters, iso, clone } = require('../helpers');
const { upsertContact, nextId } = require('../model');
const { BUSINESS_NUMBERS } = require('../seed');

const STATUSES = ['draft', 'published', 'archived'];
const EXECUTION_MODES = ['backend_driven', 'definition_driven'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An error with Peach's machine code ([SKILL]: `code`), plus the sandbox's own wording in `reason`. */
function codedError(status, code, reason, extra = {}) {
	return new HttpError(status, { status: 'failed', code, reason, ...extra });
}

// ---------------------------------------------------------------------------------------------
// Automations
// ---------------------------------------------------------------------------------------------

/** The step graph: {start_step, steps: {id: {type, payload?, next_step}}}; every next_step names a step or is null. */
const definitionSchema = (required) =>
	t.object(
		{
			start_step: t.string({ required: true }),
			steps: t.object(null, {
				required: true,
				check: (steps) => {
					const ids = Object.keys(steps);
					if (!ids.length) return "can't be blank";
					for (const [id, step] of Object.entries(steps)) {
						if (!step || typeof step !== 'object' || Array.isArray(step)) return `${id} must be an object`;
						if (typeof step.type !== 'string' || !step.type) return `${id}.type can't be blank`;
						if (step.payload !== undefined && (typeof step.payload !== 'object' || step.payload === null)) return `${id}.payload must be an object`;
						if (step.next_step !== undefined && step.next_step !== null && !ids.includes(step.next_step)) {
							return `${id}.next_step "${step.next_step}" is not a step`;
						}
					}
					return null;
				},
			}),
		},
		{
			required,
			check: (definition) =>
				definition.steps && typeof definition.steps === 'object' && typeof definition.start_step === 'string' && !(definition.start_step in definition.steps)
					? `start_step "${definition.start_step}" is not a step`
					: null,
		},
	);

const businessNumber = t.string({
	check: (value) => (BUSINESS_NUMBERS.some((b) => b.number === value) ? null : 'is not a WhatsApp number of this account'),
});

const createStreamSchema = t.object(
	{
		name: t.string({ required: true }),
		definition: definitionSchema(true),
		description: t.string(),
		status: t.enum(STATUSES),
		business_phone_number: businessNumber,
	},
	{ required: true },
);

const updateStreamSchema = t.object(
	{ name: t.string({ check: (v) => (v.trim() ? null : "can't be blank") }), description: t.string(), status: t.enum(STATUSES), definition: definitionSchema(false) },
	{ required: true },
);

const runSchema = t.object(
	{
		contact: t.object(
			{ phone_number: t.phone({ required: true }), name: t.string(), email: t.string({ pattern: EMAIL }) },
			{ required: true },
		),
	},
	{ required: true },
);

function findStream(state, id) {
	const stream = state.streams.find((s) => s.id === id);
	if (!stream) throw notFound('Stream', id);
	return stream;
}

function listStreams(ctx) {
	const filters = readFilters(ctx.query, { execution_mode: EXECUTION_MODES });
	const streams = ctx.world.state.streams.filter((s) => !filters.execution_mode || s.execution_mode === filters.execution_mode);
	return { status: 200, body: clone(streams) };
}

function getStream(ctx) {
	return { status: 200, body: clone(findStream(ctx.world.state, ctx.params.id)) };
}

function createStream(ctx) {
	const { world, body } = ctx;
	validate(createStreamSchema, body);
	const now = iso(Date.now());
	const stream = {
		id: nextId(world, 'strm_', 16),
		name: body.name,
		description: body.description ?? null,
		status: body.status ?? 'draft',
		execution_mode: 'definition_driven',
		business_phone_number: body.business_phone_number ?? BUSINESS_NUMBERS[0].number,
		definition: clone(body.definition),
		created_at: now,
		updated_at: now,
	};
	world.state.streams.unshift(stream);
	return { status: 201, body: clone(stream) };
}

function updateStream(ctx) {
	const stream = findStream(ctx.world.state, ctx.params.id);
	validate(updateStreamSchema, ctx.body);
	for (const key of ['name', 'description', 'status']) if (ctx.body[key] !== undefined) stream[key] = ctx.body[key];
	// The whole graph is replaced (beyond-the-36.md: "most likely").
	if (ctx.body.definition !== undefined) stream.definition = clone(ctx.body.definition);
	stream.updated_at = iso(Date.now());
	return { status: 200, body: clone(stream) };
}

/** Starts the automation for one contact; only a published automation runs (UNCERTAIN in the docs, likely). */
function runStream(ctx) {
	const { world, body } = ctx;
	const stream = findStream(world.state, ctx.params.id);
	validate(runSchema, body);
	if (stream.status !== 'published') {
		throw unprocessable({ base: [`Automation is ${stream.status}; publish it before running it`] });
	}
	const { contact, ...data } = body;
	upsertContact(world.state, { phone_number: contact.phone_number, name: contact.name, email: contact.email });
	const run = {
		event_id: nextId(world, 'sevt_', 16),
		status: 'queued',
		stream_id: stream.id,
		contact: clone(contact),
		data: clone(data),
		created_at: iso(Date.now()),
	};
	world.state.automationRuns.push(run);
	return { status: 202, body: clone(run) };
}

// ---------------------------------------------------------------------------------------------
// Conditions (expressions) and triggers
// ---------------------------------------------------------------------------------------------

function listExpressions(ctx) {
	const { source } = readFilters(ctx.query, { source: 'string' });
	const expressions = ctx.world.state.expressions.filter((e) => !source || e.source === source);
	return { status: 200, body: clone(expressions) };
}

const stringMap = (opts) =>
	t.object(null, {
		check: (value) => (Object.values(value).every((v) => typeof v === 'string') ? null : 'values must be strings'),
		...opts,
	});

const dataMappingsSchema = t.array(
	t.object(
		{
			mapping_for: t.enum(['recipient', 'variable'], { required: true }),
			value: stringMap({
				required: true,
				check: (value) =>
					!Object.values(value).every((v) => typeof v === 'string')
						? 'values must be strings'
						: Object.values(value).every((v) => v.startsWith('$'))
							? null
							: 'values must be JSONPath expressions starting with $',
			}),
		},
		{ required: true },
	),
);

const createTriggerSchema = t.object(
	{
		condition: t.string(),
		expression_id: t.string(),
		source: t.string(),
		variables: stringMap(),
		data_mappings: dataMappingsSchema,
		activate: t.boolean(),
		description: t.string(),
		event_source_id: t.string(),
	},
	{ required: true },
);

const updateTriggerSchema = t.object(
	{ variables: stringMap(), data_mappings: dataMappingsSchema, activate: t.boolean(), description: t.string() },
	{ required: true },
);

/** The expression a trigger asks for, with Peach's documented errors (beyond-the-36.md, "Create a trigger"). */
function resolveExpression(state, body) {
	if (body.expression_id) {
		const expression = state.expressions.find((e) => e.id === body.expression_id);
		if (!expression) throw codedError(404, 'condition_not_found', `No condition with expression_id ${body.expression_id}`);
		return expression;
	}
	if (!body.condition) throw unprocessable({ condition: ["can't be blank"] });
	const named = state.expressions.filter((e) => e.description === body.condition && (!body.source || e.source === body.source));
	if (!named.length) {
		throw codedError(404, 'condition_not_found', `No condition named "${body.condition}"${body.source ? ` in ${body.source}` : ''}`);
	}
	const connected = named.filter((e) => state.connectedSources.includes(e.source));
	if (connected.length > 1) {
		const sources = connected.map((e) => e.source);
		throw codedError(409, 'condition_ambiguous', `"${body.condition}" exists in ${sources.join(', ')}; pass source`, { sources });
	}
	return connected[0] ?? named[0];
}

function checkVariables(expression, variables = {}) {
	const missing = expression.variables.filter((name) => typeof variables[name] !== 'string' || !variables[name]);
	if (missing.length) {
		throw codedError(422, 'missing_variables', `Missing variables: ${missing.join(', ')}`, { missing_variables: missing });
	}
}

function checkConnected(state, expression) {
	if (!state.connectedSources.includes(expression.source)) {
		throw codedError(409, 'event_source_not_connected', `The ${expression.source} integration is not connected to this account`);
	}
}

function listTriggers(ctx) {
	const stream = findStream(ctx.world.state, ctx.params.id);
	return { status: 200, body: clone(ctx.world.state.triggers.filter((tr) => tr.stream_id === stream.id)) };
}

function createTrigger(ctx) {
	const { world, body } = ctx;
	const stream = findStream(world.state, ctx.params.id);
	validate(createTriggerSchema, body);
	const expression = resolveExpression(world.state, body);
	checkConnected(world.state, expression);
	checkVariables(expression, body.variables);
	const now = iso(Date.now());
	const trigger = {
		id: nextId(world, 'trig_', 16),
		stream_id: stream.id,
		status: body.activate ? 'active' : 'draft',
		description: body.description ?? null,
		condition: { expression_id: expression.id, topic: expression.topic, variables: clone(body.variables ?? {}) },
		data_mappings: clone(body.data_mappings ?? []),
		created_at: now,
		updated_at: now,
	};
	world.state.triggers.push(trigger);
	return { status: 201, body: clone(trigger) };
}

function updateTrigger(ctx) {
	const { world, body } = ctx;
	const trigger = world.state.triggers.find((tr) => tr.id === ctx.params.id);
	if (!trigger) throw notFound('Trigger', ctx.params.id);
	validate(updateTriggerSchema, body);
	const expression = world.state.expressions.find((e) => e.id === trigger.condition.expression_id);
	if (body.variables !== undefined) {
		if (expression) checkVariables(expression, body.variables);
		trigger.condition.variables = clone(body.variables);
	}
	// data_mappings replaces every existing mapping ([DOC-AI-26] Update trigger).
	if (body.data_mappings !== undefined) trigger.data_mappings = clone(body.data_mappings);
	if (body.description !== undefined) trigger.description = body.description;
	if (body.activate === true) {
		if (expression) checkConnected(world.state, expression);
		trigger.status = 'active';
	} else if (body.activate === false) trigger.status = 'paused';
	trigger.updated_at = iso(Date.now());
	return { status: 200, body: clone(trigger) };
}

module.exports = [
	{ method: 'GET', path: '/api/v1/streams', handler: listStreams },
	{ method: 'POST', path: '/api/v1/streams', handler: createStream },
	{ method: 'GET', path: '/api/v1/streams/:id', handler: getStream },
	{ method: 'PATCH', path: '/api/v1/streams/:id', handler: updateStream },
	{ method: 'POST', path: '/api/v1/streams/:id/events', handler: runStream },
	{ method: 'GET', path: '/api/v1/streams/:id/triggers', handler: listTriggers },
	{ method: 'POST', path: '/api/v1/streams/:id/triggers', handler: createTrigger },
	{ method: 'PATCH', path: '/api/v1/triggers/:id', handler: updateTrigger },
	{ method: 'GET', path: '/api/v1/expressions', handler: listExpressions },
];
