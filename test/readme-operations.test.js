/**
 * The README's operations table and count say what the built node really offers: every operation of
 * every resource has a row (resource and operation by their display names), and the stated count
 * matches the code.
 */
const fs = require('fs');
const path = require('path');
const { DIST } = require('./harness');

const { Peach } = require(`${DIST}/nodes/Peach/Peach.node.js`);
const README = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function nodeOperations() {
	const { properties } = new Peach().description;
	const resources = properties.find((property) => property.name === 'resource').options;
	return resources.flatMap((resource) => {
		const selector = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
		);
		return selector.options.map((operation) => `${resource.name} | ${operation.name}`);
	});
}

function readmeRows() {
	const start = README.indexOf('| Resource | Operation |');
	const table = README.slice(start).split('\n\n')[0].split('\n').slice(2);
	return table.map((row) => row.split('|').slice(1, 3).map((cell) => cell.trim()).join(' | '));
}

test('every operation of the node has a row in the README table, and no row is left over', () => {
	expect(readmeRows().sort()).toEqual(nodeOperations().sort());
});

test("the README's stated number of resources and operations matches the node", () => {
	const operations = nodeOperations();
	const resources = new Set(operations.map((entry) => entry.split(' | ')[0]));
	const stated = README.match(/The \*\*Peach\*\* node covers (\w+) resources and (\d+) operations/);
	expect(stated).not.toBeNull();
	expect(stated[1]).toBe(NUMBER_WORDS[resources.size]);
	expect(Number(stated[2])).toBe(operations.length);
});
