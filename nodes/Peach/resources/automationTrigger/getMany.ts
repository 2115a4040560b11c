import { automationLocator, listRecords, readAutomationId } from '../../shared/automations';
import { pathWithId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';
import { returnAllAndLimit } from '../../../shared/pagination';

export const getManyAutomationTriggers: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many automation triggers',
	description: 'List the triggers of an automation: the events that start it',
	routing: {
		request: { method: 'GET', url: '/api/v1/streams' },
		send: { preSend: [pathWithId('/api/v1/streams/{id}/triggers', readAutomationId)] },
		// beyond-the-36.md, "List triggers of an automation": no paging known; the Limit applies here.
		output: { postReceive: [listRecords(['triggers'], 'triggers')] },
	},
	properties: [
		automationLocator({ description: 'The automation whose triggers to list' }),
		...returnAllAndLimit('triggers'),
	],
};
