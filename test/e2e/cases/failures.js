'use strict';
// Failures as a user meets them in n8n: a wrong API key fails the execution with the node's 401
// message, and "continue on fail" turns the failure into an error item while the workflow goes on.
const { readOperation } = require('./common');
const { regex, present } = require('../expect');

const API_KEY_HINT = /API key/i;

module.exports = [
	{
		name: 'failures: a wrong API key fails the execution with the 401 message',
		skip: (ctx) => (readOperation(ctx) ? null : 'the node has no read operation yet'),
		expectExecution: 'error',
		workflow: (ctx) =>
			ctx.wf.linear('E2E wrong API key', [ctx.wf.peach('Peach', readOperation(ctx).params, { credential: 'peachWrongKey' })]),
		check: async (res, ctx) => {
			const err = res.nodeError('Peach') || res.error;
			ctx.expect.assert(err, 'the Peach node reported no error');
			const text = `${err.message} ${err.description || ''}`;
			ctx.expect.assert(/401|unauthori[sz]ed/i.test(text), `the error does not say 401/Unauthorized: ${text}`);
			ctx.expect.assert(API_KEY_HINT.test(text), `the error does not point at the API key: ${text}`);
			ctx.expect.assert(res.lastNode === 'Peach', `the execution stopped at "${res.lastNode}", not at the Peach node`);
		},
	},
	{
		name: 'failures: "continue on fail" emits an error item and the workflow goes on',
		skip: (ctx) => (readOperation(ctx) ? null : 'the node has no read operation yet'),
		workflow: (ctx) =>
			ctx.wf.linear('E2E continue on fail', [
				ctx.wf.peach('Peach', readOperation(ctx).params, { credential: 'peachWrongKey', continueOnFail: true }),
				ctx.wf.noOp('After'),
			]),
		expect: {
			Peach: [{ error: regex(API_KEY_HINT) }],
			After: [{ error: present() }],
		},
	},
];
