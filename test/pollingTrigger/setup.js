/**
 * Test glue for the polling trigger: the node tests' sandbox (one per file, re-seeded before each
 * test), a poller built against it, and a clock helper so records injected "later" really are later.
 */
const { useSandbox } = require('../harness/peach');
const { createPoller } = require('../harness/poll');

function usePolling() {
	const context = Object.assign(useSandbox(), {
		/** A trigger with these parameters, as an active workflow in the given persistence mode. */
		poller(parameters, persistence = 'memory') {
			const { sandbox } = context;
			return createPoller({ parameters, credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url }, persistence });
		},
		/**
		 * Activates the trigger the way n8n does. In durable mode n8n drops what the activation poll
		 * stores (it commits only scheduled polls), so the first scheduled poll starts the window.
		 */
		async activate(parameters, persistence = 'memory') {
			const poller = context.poller(parameters, persistence);
			const activation = await poller.activate();
			if (persistence === 'durable') await poller.poll();
			await context.tick();
			return { poller, activation };
		},
		/** Waits for the clock to move on by a few ms, so what is injected next is after the cursor. */
		tick: () => new Promise((resolve) => setTimeout(resolve, 5)),
		/** Requests of one route, in order. */
		requestsTo(path) {
			return context.sandbox.apiRequests().filter((request) => request.path === path);
		},
	});
	return context;
}

module.exports = { usePolling };
