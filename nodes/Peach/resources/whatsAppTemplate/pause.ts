import { templateLocator } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { templatePath } from './byId';

export const pauseWhatsAppTemplate: PeachOperation = {
	name: 'Pause',
	value: 'pause',
	action: 'Pause a WhatsApp template',
	description: 'Pause an approved template so it cannot be sent for a while',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/whats_app_templates' },
		send: { preSend: [templatePath('/api/v1/whats_app_templates/{id}/pause')] },
	},
	properties: [templateLocator(false, { description: 'The approved template to pause' })],
};
