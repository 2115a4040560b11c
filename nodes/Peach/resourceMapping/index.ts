import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { getTemplateComponents, getTemplateVariables } from './templateVariables';

/** Fields that appear once a template is picked: its variables, or (Update) its components. */
export const resourceMapping: Record<string, (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>> = {
	getTemplateComponents,
	getTemplateVariables,
};
