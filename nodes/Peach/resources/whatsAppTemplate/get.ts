import { templateLocator } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { templatePath } from './byId';

export const getWhatsAppTemplate: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a WhatsApp template',
	description: 'Get one template with its status and components',
	routing: {
		request: { method: 'GET', url: '/api/v1/whats_app_templates' },
		send: { preSend: [templatePath('/api/v1/whats_app_templates/{id}')] },
	},
	properties: [templateLocator(false)],
};
