'use strict';
// An automation built and started from n8n: create it, add a trigger to it, run it for a contact,
// each node's output checked item by item against what the sandbox stored.
const { any, regex } = require('../expect');

const JOHN = '+919988776655';
const DEFINITION = {
	start_step: 'reminder',
	steps: {
		reminder: {
			type: 'send_message',
			payload: { message: { text: 'Your payment of {{amount_due}} failed. Update your card: {{update_card_url}}' } },
			next_step: null,
		},
	},
};

module.exports = [
	{
		name: 'automation: create, add a trigger, run it for a contact',
		requires: ['automation:create', 'automationTrigger:create', 'automation:runForContact'],
		workflow: (ctx) =>
			ctx.wf.linear('E2E automation', [
				ctx.wf.peach('Create Automation', {
					resource: 'automation',
					operation: 'create',
					name: 'E2E payment follow-up',
					definition: JSON.stringify(DEFINITION),
					additionalFields: { status: 'published', description: 'made by the e2e suite' },
				}),
				ctx.wf.peach('Add Trigger', {
					resource: 'automationTrigger',
					operation: 'create',
					automationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					condition: { __rl: true, mode: 'list', value: 'Payment Failed', cachedResultName: 'Payment Failed (stripe)' },
					dataMappings: {
						recipient: [{ field: 'phone_number', path: '$.customer_phone' }],
						variable: [{ field: 'amount_due', path: '$.amount_due' }],
					},
				}),
				ctx.wf.peach('Run for Contact', {
					resource: 'automation',
					operation: 'runForContact',
					automationId: { __rl: true, mode: 'id', value: "={{ $('Create Automation').item.json.id }}" },
					contactPhoneNumber: JOHN,
					additionalFields: { contactName: 'John Doe' },
					data: '={{ { amount_due: "₹2,499", update_card_url: "https://billing.example.com/update-card" } }}',
				}),
			]),
		expect: (ctx) => ({
			'Create Automation': [
				{ id: regex(/^strm_/), name: 'E2E payment follow-up', status: 'published', definition: DEFINITION, execution_mode: 'definition_driven' },
			],
			'Add Trigger': [
				{
					id: regex(/^trig_/),
					status: 'draft',
					condition: { expression_id: ctx.sandbox.state.expressions.find((e) => e.description === 'Payment Failed').id },
					data_mappings: [
						{ mapping_for: 'recipient', value: { phone_number: '$.customer_phone' } },
						{ mapping_for: 'variable', value: { amount_due: '$.amount_due' } },
					],
				},
			],
			'Run for Contact': [
				{
					event_id: any(String),
					status: 'queued',
					contact: { phone_number: JOHN, name: 'John Doe' },
					data: { amount_due: '₹2,499', update_card_url: 'https://billing.example.com/update-card' },
				},
			],
		}),
		check: async (res, ctx) => {
			const { state } = ctx.sandbox;
			const created = res.items('Create Automation')[0].json;
			ctx.expect.equal(state.streams[0].id, created.id, 'the created automation is stored first');
			ctx.expect.equal(res.items('Add Trigger')[0].json.stream_id, created.id, 'the trigger belongs to the new automation');
			ctx.expect.equal(state.triggers.filter((t) => t.stream_id === created.id).length, 1, 'one trigger stored');
			ctx.expect.equal(state.automationRuns.length, 1, 'one run stored');
			ctx.expect.equal(state.automationRuns[0].stream_id, created.id, 'the run started the new automation');
			const calls = ctx.sandbox.apiRequests().map((r) => `${r.method} ${r.path}`);
			ctx.expect.equal(
				calls,
				['POST /api/v1/streams', `POST /api/v1/streams/${created.id}/triggers`, `POST /api/v1/streams/${created.id}/events`],
				'requests Peach received',
			);
			ctx.expect.equal(
				ctx.sandbox.apiRequests()[1].body,
				{
					condition: 'Payment Failed',
					data_mappings: [
						{ mapping_for: 'recipient', value: { phone_number: '$.customer_phone' } },
						{ mapping_for: 'variable', value: { amount_due: '$.amount_due' } },
					],
				},
				'trigger body',
			);
		},
	},
];
