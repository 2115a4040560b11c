import { resourceProperties } from '../../shared/operation';

export const whatsAppTemplateProperties = resourceProperties('whatsAppTemplate', [], '');
