import { templateLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readTemplateId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const pauseWhatsAppTemplate: PeachOperation = {
	name: 'Pause',
	value: 'pause',
	action: 'Pause a WhatsApp template',
	description: 'Pause an approved template so it cannot be sent for a while',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/whats_app_templates' },
		send: { preSend: [pathWithId('/api/v1/whats_app_templates/{id}/pause', readTemplateId)] },
	},
	properties: [templateLocator(false, { description: 'The approved template to pause' })],
};
