/**
 * The memory Retry On Fail is answered from (nodes/Peach/shared/earlierTries.ts) stays bounded in
 * count and age. A run dropped from it before its retry came is not guessed at: its retry sends no
 * create at all, since it cannot tell which ones Peach already has.
 */
const path = require('path');
const { DIST } = require('../harness');

const { EarlierTries } = require(path.join(DIST, 'nodes/Peach/shared/earlierTries.js'));

/** The parts of n8n's execute context the memory reads. */
const nodeRun = (executionId, { retryOnFail = true, runIndex = 0 } = {}) => ({
	getNode: () => ({ id: 'peach-node', name: 'Peach', type: 'n8n-nodes-peach.peach', retryOnFail }),
	getExecutionId: () => executionId,
	getWorkflowDataProxy: () => ({ $runIndex: runIndex }),
	getInputData: () => [{ json: {} }],
});
const send = (n) => ({ method: 'POST', url: '/api/v1/events', baseURL: 'http://127.0.0.1:1', body: { n } });
const UNKNOWN = { accepted: false, why: 'Peach answered 500' };
const DROPPED = { accepted: false, why: expect.stringMatching(/dropped to bound memory/) };

describe('the memory of earlier tries', () => {
	afterEach(() => jest.restoreAllMocks());

	test('Retry On Fail off, or no execution ID: nothing is remembered', () => {
		expect(EarlierTries.of(nodeRun('no-retry', { retryOnFail: false }))).toBeUndefined();
		expect(EarlierTries.of(nodeRun(''))).toBeUndefined();
	});

	test('a retry of the same run finds an outcome; another run index or item create does not, a changed request is refused', () => {
		EarlierTries.of(nodeRun('same-run')).remember(3, 0, send(3), UNKNOWN);
		expect(EarlierTries.of(nodeRun('same-run')).find(3, 0, send(3))).toEqual(UNKNOWN);
		expect(EarlierTries.of(nodeRun('same-run')).find(3, 1, send(3))).toBeUndefined();
		// Another request in the same place is not a new create: its outcome is as unknown.
		expect(EarlierTries.of(nodeRun('same-run')).find(3, 0, send(4))).toEqual({ accepted: false, why: expect.stringMatching(/differs/) });
		expect(EarlierTries.of(nodeRun('same-run', { runIndex: 1 })).find(3, 0, send(3))).toBeUndefined();
	});

	test('past 50,000 remembered creates the oldest run is dropped, and its retry sends none of its creates', () => {
		EarlierTries.of(nodeRun('count-old')).remember(0, 0, send(0), UNKNOWN);
		const large = EarlierTries.of(nodeRun('count-large'));
		for (let n = 0; n < 50_000; n++) large.remember(n, 0, send(n), { accepted: true, statusCode: 200, body: { n } });
		const retry = EarlierTries.of(nodeRun('count-old'));
		expect(retry.find(0, 0, send(0))).toEqual(DROPPED);
		expect(retry.find(1, 0, send(1))).toEqual(DROPPED);
		// The newer run is kept whole.
		expect(EarlierTries.of(nodeRun('count-large')).find(49_999, 0, send(49_999))).toEqual({ accepted: true, statusCode: 200, body: { n: 49_999 } });
		large.forget();
	});

	test('a run untouched for more than 6 hours is dropped', () => {
		const start = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
		EarlierTries.of(nodeRun('age-old')).remember(0, 0, send(0), UNKNOWN);
		clock.mockReturnValue(start + 6 * 60 * 60 * 1000 + 1000);
		expect(EarlierTries.of(nodeRun('age-old')).find(0, 0, send(0))).toEqual(DROPPED);
	});

	test('a run that ended without a failure is forgotten: the same requests later are new sends', () => {
		const run = EarlierTries.of(nodeRun('finished'));
		run.remember(0, 0, send(0), { accepted: true, statusCode: 200, body: {} });
		run.forget();
		expect(EarlierTries.of(nodeRun('finished')).find(0, 0, send(0))).toBeUndefined();
	});
});
