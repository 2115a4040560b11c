/**
 * Test glue for the polling trigger: the node tests' sandbox (one per file, re-seeded before each
 * test), a poller built against it, and a clock helper so records injected "later" really are later.
 */
const { useSandbox } = require('../harness/peach');
const { DIST } = require('../harness/index');
const { createPoller } = require('../harness/poll');

const { HOLD_BACK_MS = 0 } = require(`${DIST}/nodes/PeachPollingTrigger/window.js`);

/** The sandbox's changes that take an `at` (the record's timestamp), and where their options are. */
const STAMPED_CHANGES = { receiveMessage: 0, changeConversation: 1, setTemplateMessageStatus: 1, setBroadcastStatus: 1 };

function usePolling() {
	const context = Object.assign(useSandbox(), {
		/**
		 * "Now" as the trigger reads it: it holds back records dated within HOLD_BACK_MS of the
		 * present, so what a test injects is dated that much earlier by default, as if the next poll
		 * ran HOLD_BACK_MS later. Tests that pass `at` build it from this.
		 */
		now: () => Date.now() - HOLD_BACK_MS,
		/** Waits until a record dated `at` is past the hold-back, i.e. due for the next poll. */
		async untilDue(at) {
			while (context.now() < at) await new Promise((resolve) => setTimeout(resolve, 20));
		},
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
	beforeAll(() => {
		for (const [name, optionsIndex] of Object.entries(STAMPED_CHANGES)) {
			const change = context.sandbox[name];
			context.sandbox[name] = (...args) => {
				const options = { ...(args[optionsIndex] ?? {}) };
				if (options.at === undefined) options.at = context.now();
				args[optionsIndex] = options;
				return change(...args);
			};
		}
	});
	return context;
}

module.exports = { usePolling };
