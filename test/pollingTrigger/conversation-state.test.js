/**
 * Conversation Updated compares each conversation with the state it stored at the last poll. States
 * stored by an earlier version of the trigger never read `assigned_to`, so their "no agent" is
 * unknown, not a fact: upgrading must not report every assigned conversation as newly "assigned".
 */
const { conversationUpdated } = require('../../dist/nodes/PeachPollingTrigger/events/conversationUpdated.js');

const CURSOR_MS = Date.parse('2026-12-01T09:00:00Z');
/** The node's parameters as the editor leaves them: no change or filter picked. */
const defaults = { getNodeParameter: (_name, fallback) => fallback };
const plan = () => conversationUpdated.plan.call(defaults, CURSOR_MS);

const conversation = (fields) => ({
	id: 1001,
	status: 'open',
	escalated: false,
	updated_at: '2026-12-01T09:05:00Z',
	created_at: '2026-11-20T10:00:00Z',
	subscriber: { name: 'John Doe', phone_number: '+919988776655' },
	assigned_to: { type: 'user', id: 1, name: 'Priya Sharma' },
	...fields,
});

describe('Conversation Updated: the stored state of a conversation', () => {
	test('a state stored by the earlier version (no agent read) does not make an assigned conversation "assigned"', () => {
		const storedByEarlierVersion = JSON.stringify(['open', false, null]);
		const item = plan().select(conversation(), storedByEarlierVersion);
		expect(item.changes).toEqual([]);
		expect(item.previous).toEqual({ status: 'open', escalated: false, assignee: null });
	});

	test('the earlier state still tells status and escalation changes', () => {
		const item = plan().select(conversation({ status: 'closed', escalated: true }), JSON.stringify(['open', false, null]));
		expect(item.changes).toEqual(['closed', 'escalated']);
	});

	test('an agent the earlier version did read (older `assignee` field) still compares', () => {
		const item = plan().select(
			conversation({ assigned_to: undefined, assignee: { email: 'arjun@example.com' } }),
			JSON.stringify(['open', false, 'priya@example.com']),
		);
		expect(item.changes).toEqual(['assigned']);
	});

	test('a state stored by this version compares agents: none before, one now is "assigned"', () => {
		const p = plan();
		const unassigned = p.snapshot(conversation({ assigned_to: null }));
		expect(p.select(conversation(), unassigned).changes).toEqual(['assigned']);
		const same = p.snapshot(conversation());
		expect(p.select(conversation(), same).changes).toEqual([]);
	});
});
