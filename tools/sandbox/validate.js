'use strict';
/**
 * A tiny schema checker for request bodies. Errors come back nested by the field's path, the way
 * Peach reports them (`{"contact": {"phone_number": ["is invalid"]}}`; array items by index:
 * `{"broadcast": {"contacts": {"0": {"phone_number": ["can't be blank"]}}}}`). Messages use the
 * Rails wording ("can't be blank", "is invalid", "is not included in the list").
 *
 * Schema nodes:  t.string(opts) t.integer(opts) t.number(opts) t.boolean(opts) t.any(opts)
 *                t.object(properties, opts) t.array(itemSchema, opts)
 *                t.phone(opts) t.enum(values, opts) t.datetime(opts)
 * opts: required, min / max (integers), minItems / maxItems (arrays), pattern + patternMessage,
 *       future (datetimes), check(value) -> message | null (runs when the type is right).
 */

/** E.164: '+' then 8 to 15 digits, no leading zero. */
const E164 = /^\+[1-9]\d{7,14}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const formats = {
	phone: (v) => E164.test(v),
	datetime: (v) => ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v)),
};

const MSG = {
	blank: "can't be blank",
	string: 'must be a string',
	integer: 'must be an integer',
	number: 'must be a number',
	boolean: 'must be a boolean',
	object: 'must be an object',
	array: 'must be an array',
	enum: 'is not included in the list',
	invalid: 'is invalid',
	datetime: 'is not a valid ISO 8601 date-time',
	future: 'must be in the future',
};

const node = (type, opts = {}) => ({ type, ...opts });
const t = {
	string: (opts) => node('string', opts),
	integer: (opts) => node('integer', opts),
	number: (opts) => node('number', opts),
	boolean: (opts) => node('boolean', opts),
	any: (opts) => node('any', opts),
	object: (properties = null, opts = {}) => node('object', { properties, ...opts }),
	array: (items = null, opts = {}) => node('array', { items, ...opts }),
	phone: (opts) => node('string', { format: 'phone', ...opts }),
	enum: (values, opts) => node('string', { enum: values, ...opts }),
	datetime: (opts) => node('string', { format: 'datetime', ...opts }),
};

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function addError(errors, path, message) {
	const keys = path.length ? path.map(String) : ['base'];
	let cursor = errors;
	keys.forEach((key, i) => {
		if (i === keys.length - 1) {
			if (!Array.isArray(cursor[key])) cursor[key] = [];
			cursor[key].push(message);
		} else {
			if (!isPlainObject(cursor[key])) cursor[key] = {};
			cursor = cursor[key];
		}
	});
}

function walk(schema, value, path, errors) {
	const fail = (message) => addError(errors, path, message);
	if (value === undefined || value === null) {
		if (schema.required) fail(MSG.blank);
		return;
	}
	switch (schema.type) {
		case 'string':
			if (typeof value !== 'string') return fail(MSG.string);
			if (schema.required && value.trim() === '') return fail(MSG.blank);
			if (schema.enum && !schema.enum.includes(value)) return fail(MSG.enum);
			if (schema.format === 'phone' && !formats.phone(value)) return fail(MSG.invalid);
			if (schema.format === 'datetime') {
				if (!formats.datetime(value)) return fail(MSG.datetime);
				if (schema.future && Date.parse(value) <= Date.now()) return fail(MSG.future);
			}
			if (schema.pattern && !schema.pattern.test(value)) return fail(schema.patternMessage || MSG.invalid);
			break;
		case 'integer':
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value)) return fail(MSG[schema.type]);
			if (schema.type === 'integer' && !Number.isInteger(value)) return fail(MSG.integer);
			if (schema.min !== undefined && value < schema.min) {
				return fail(
					schema.min === 1 ? 'must be greater than 0' : `must be greater than or equal to ${schema.min}`,
				);
			}
			if (schema.max !== undefined && value > schema.max) {
				return fail(`must be less than or equal to ${schema.max}`);
			}
			break;
		case 'boolean':
			if (typeof value !== 'boolean') return fail(MSG.boolean);
			break;
		case 'object':
			if (!isPlainObject(value)) return fail(MSG.object);
			if (schema.properties) {
				for (const [key, child] of Object.entries(schema.properties)) {
					walk(child, value[key], [...path, key], errors);
				}
			}
			break;
		case 'array':
			if (!Array.isArray(value)) return fail(MSG.array);
			if (schema.minItems && value.length < schema.minItems) return fail(MSG.blank);
			if (schema.maxItems !== undefined && value.length > schema.maxItems) {
				return fail(`is too long (maximum is ${schema.maxItems} items)`);
			}
			if (schema.items) value.forEach((item, i) => walk(schema.items, item, [...path, i], errors));
			break;
		default:
			break;
	}
	if (schema.check) {
		const message = schema.check(value);
		if (message) fail(message);
	}
}

/** Returns the nested reason object, or null when `value` matches `schema`. */
function check(schema, value) {
	const errors = {};
	walk(schema, value, [], errors);
	return Object.keys(errors).length ? errors : null;
}

module.exports = { t, check, formats, addError, E164, MSG };
