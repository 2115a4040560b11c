import { templateLocator } from '../../shared/descriptions';
import { pathWithId } from '../../shared/ids';
import { readTemplateId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';

export const submitWhatsAppTemplate: PeachOperation = {
	name: 'Submit',
	value: 'submit',
	action: 'Submit a WhatsApp template for review',
	description: 'Send a draft (or rejected) template to Meta for review and approval',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/whats_app_templates' },
		send: { preSend: [pathWithId('/api/v1/whats_app_templates/{id}/submit', readTemplateId)] },
	},
	properties: [templateLocator(false, { description: 'The draft template to submit' })],
};
