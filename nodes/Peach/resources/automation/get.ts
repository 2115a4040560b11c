import { automationLocator, readAutomationId } from '../../shared/automations';
import { pathWithId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';

export const getAutomation: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get an automation',
	description: 'Get one automation with its step definition',
	routing: {
		// beyond-the-36.md, "Get an automation": the answer is not documented; it is output as it comes.
		request: { method: 'GET', url: '/api/v1/streams' },
		send: { preSend: [pathWithId('/api/v1/streams/{id}', readAutomationId)] },
	},
	properties: [automationLocator()],
};
