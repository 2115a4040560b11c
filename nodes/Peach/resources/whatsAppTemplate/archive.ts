import { templateLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readTemplateId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const archiveWhatsAppTemplate: PeachOperation = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a WhatsApp template',
	description: 'Archive an approved, rejected, paused or draft template so it can no longer be used',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/whats_app_templates' },
		send: { preSend: [pathWithId('/api/v1/whats_app_templates/{id}/archive', readTemplateId)] },
	},
	properties: [templateLocator(false, { description: 'The template to archive' })],
};
