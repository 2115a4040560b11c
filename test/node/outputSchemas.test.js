/**
 * The output schemas n8n shows before a node has run (__schema__/v1.0.0/<resource>/<operation>.json):
 * each is found by n8n-core's own resolver in dist/ (where the build puts it), is a schema the
 * editor accepts (an object with properties), and describes what the node really emits against
 * the sandbox: every field of a real output item is in the schema with the same JSON type.
 */
const fs = require('fs');
const path = require('path');
const { resolveOutputSchemaPath } = require('n8n-core');
const { useSandbox } = require('../harness/peach');
const { locator } = require('../harness/node-helpers');
const { DIST } = require('../harness');

const NODE_DIR = path.join(DIST, 'nodes/Peach');
const SOURCE_DIR = path.resolve(__dirname, '../../nodes/Peach/__schema__/v1.0.0');

function schemaFor(resource, operation) {
	const file = resolveOutputSchemaPath({ nodeDir: NODE_DIR, version: 1, resource, operation });
	return file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

const typeOf = (value) =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/** Paths of `value` the schema does not describe, or describes with another type. */
function mismatches(schema, value, at = '$') {
	if (value === null) return []; // documented nullable fields (descriptions, assignee) are typed by their non-null form
	const actual = typeOf(value);
	const expected = schema.type;
	if (!(expected === actual || (expected === 'number' && actual === 'integer'))) return [`${at}: ${actual}, schema says ${expected}`];
	if (actual === 'array') return value.flatMap((entry, i) => mismatches(schema.items, entry, `${at}[${i}]`));
	if (actual !== 'object' || !Object.keys(schema.properties ?? {}).length) return [];
	return Object.entries(value).flatMap(([key, entry]) =>
		schema.properties[key] ? mismatches(schema.properties[key], entry, `${at}.${key}`) : [`${at}.${key}: not in the schema`],
	);
}

describe('output schemas', () => {
	const ctx = useSandbox();
	const fx = () => ctx.sandbox.fixtures;

	test('every schema is copied to dist/, found by n8n-core, and has the shape the editor accepts', () => {
		const files = fs.readdirSync(SOURCE_DIR).flatMap((resource) =>
			fs.readdirSync(path.join(SOURCE_DIR, resource)).map((file) => [resource, file.replace(/\.json$/, '')]),
		);
		expect(files.length).toBeGreaterThanOrEqual(23);
		for (const [resource, operation] of files) {
			const schema = schemaFor(resource, operation);
			expect(schema).toEqual(expect.objectContaining({ type: 'object', properties: expect.any(Object) }));
			expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
		}
		expect(schemaFor('templateMessage', 'send')).toBeDefined();
		expect(schemaFor('conversation', 'getAll')).toBeDefined();
	});

	test.each([
		['templateMessage', 'send', () => ({ phoneNumber: '+919988776655', templateId: locator(fx().templates.approvedNoVariables, 'id') })],
		['templateMessage', 'send (waiting for delivery)', () => ({ phoneNumber: '+919988776655', templateId: locator(fx().templates.approvedNoVariables, 'id'), waitForDelivery: true, waitUntil: 'sent', pollInterval: 0.5 })],
		['conversation', 'getAll', () => ({ limit: 20 })],
		['conversation', 'getMessages', () => ({ limit: 20 })],
		['broadcast', 'getAll', () => ({ limit: 10 })],
		['broadcast', 'get', () => ({ broadcastId: locator(fx().broadcasts.sent[0], 'id') })],
		['whatsAppTemplate', 'getAll', () => ({ limit: 10 })],
		['order', 'get', () => ({ orderId: fx().orders.completed })],
		['media', 'getAll', () => ({ limit: 10 })],
		['templateMessage', 'getAll', () => ({ limit: 10 })],
	])('%s → %s: what the node emits is what the schema describes', async (resource, label, parameters) => {
		const operation = label.split(' ')[0];
		const result = await ctx.run({ resource, operation, ...parameters() });
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		const schema = schemaFor(resource, operation);
		expect(result.items.flatMap((item) => mismatches(schema, item))).toEqual([]);
	});
});
