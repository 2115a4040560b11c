import { listRecords } from '../../shared/automations';
import { filtersCollection } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalQueryParametersProperty } from '../../shared/request';
import { returnAllAndLimit } from '../../../shared/pagination';

export const getManyAutomations: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many automations',
	description: 'List your Peach automations, optionally only those of one execution mode',
	routing: {
		// beyond-the-36.md, "List automations": no paging is known, so the whole list is read and the Limit applies here.
		request: { method: 'GET', url: '/api/v1/streams' },
		output: { postReceive: [listRecords(['streams', 'automations'], 'automations')] },
	},
	properties: [
		...returnAllAndLimit('automations'),
		filtersCollection([
			{
				displayName: 'Execution Mode',
				name: 'executionMode',
				type: 'options',
				default: 'definition_driven',
				// beyond-the-36.md, "List automations": the two modes are not described; the descriptions are inferred.
				options: [
					{
						name: 'Backend Driven',
						value: 'backend_driven',
						description: 'Automations built and run by Peach itself, e.g. in the Peach web app',
					},
					{
						name: 'Definition Driven',
						value: 'definition_driven',
						description: 'Automations defined by a JSON step graph, e.g. made with Automation → Create',
					},
				],
				description: 'Only automations of this execution mode',
				routing: { send: { type: 'query', property: 'execution_mode' } },
			},
		]),
		additionalQueryParametersProperty,
	],
};
