/**
 * Test glue: one Peach sandbox per test file, re-seeded before every test, and a `run` that executes
 * the built node against it through n8n's real engine.
 */
const { runNode } = require('./index');
const { startSandbox } = require('../../tools/sandbox');

function useSandbox() {
	const context = {
		sandbox: undefined,
		/** Runs the node with a working credential; options.credentials overrides it. */
		run(parameters, options = {}) {
			const { sandbox } = context;
			return runNode({
				parameters,
				credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
				...options,
			});
		},
		/** The requests Peach's API received (sandbox controls and storage uploads left out). */
		apiRequests() {
			return context.sandbox.apiRequests();
		},
	};
	beforeAll(async () => {
		context.sandbox = await startSandbox({ port: 0 });
	});
	beforeEach(() => context.sandbox.reset());
	afterAll(async () => {
		await context.sandbox.close();
	});
	return context;
}

/** Asserts a run failed before anything reached Peach, with a message that names the parameter. */
function expectInputError(result, apiRequests, parameterName) {
	expect(result.error).toBeDefined();
	expect(result.error.message).toContain(parameterName);
	expect(result.error.message).toMatch(/\[item \d+\]/);
	expect(apiRequests).toHaveLength(0);
}

module.exports = { useSandbox, expectInputError, runNode };
