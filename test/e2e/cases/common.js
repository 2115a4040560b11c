'use strict';
// Helpers shared by case files (not a case file itself: it exports no cases).

// A cheap read operation the node has, to exercise credentials and errors with.
const READ_OPERATIONS = [
	{ op: 'conversation:getAll', params: { resource: 'conversation', operation: 'getAll', returnAll: false, limit: 1 } },
	{ op: 'broadcast:getAll', params: { resource: 'broadcast', operation: 'getAll', returnAll: false, limit: 1 } },
	{ op: 'whatsAppTemplate:getAll', params: { resource: 'whatsAppTemplate', operation: 'getAll', returnAll: false, limit: 1 } },
	{ op: 'media:getAll', params: { resource: 'media', operation: 'getAll', returnAll: false, limit: 1 } },
];

function readOperation(ctx) {
	return READ_OPERATIONS.find((r) => ctx.pkg.has(r.op));
}

module.exports = { readOperation, READ_OPERATIONS };
