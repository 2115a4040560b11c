import { templateLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readTemplateId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const getWhatsAppTemplate: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a WhatsApp template',
	description: 'Get one template with its status and components',
	routing: {
		request: { method: 'GET', url: '/api/v1/whats_app_templates' },
		send: { preSend: [pathWithId('/api/v1/whats_app_templates/{id}', readTemplateId)] },
	},
	properties: [templateLocator(false)],
};
