import { resourceProperties } from '../../shared/operation';
import { archiveWhatsAppTemplate } from './archive';
import { createWhatsAppTemplate } from './create';
import { getWhatsAppTemplate } from './get';
import { getManyWhatsAppTemplates } from './getMany';
import { pauseWhatsAppTemplate } from './pause';
import { submitWhatsAppTemplate } from './submit';
import { updateWhatsAppTemplate } from './update';

export const whatsAppTemplateProperties = resourceProperties(
	'whatsAppTemplate',
	[
		getManyWhatsAppTemplates,
		createWhatsAppTemplate,
		updateWhatsAppTemplate,
		archiveWhatsAppTemplate,
		pauseWhatsAppTemplate,
		submitWhatsAppTemplate,
		getWhatsAppTemplate,
	],
	'getAll',
);
