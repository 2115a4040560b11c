import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

/** Fields that appear once a template is picked: one per template variable. */
export const resourceMapping: Record<string, (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>> = {};
