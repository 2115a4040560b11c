import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { filtersCollection } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { returnAllAndLimit } from '../../../shared/pagination';
import { listAllTemplates, TEMPLATE_CATEGORY_OPTIONS, TEMPLATE_STATUS_OPTIONS } from '../../shared/templates';

/**
 * Peach answers the list with no filters (see listAllTemplates for its pages), so the filters and
 * the limit apply to the whole list here, and each template becomes one item.
 */
async function pickTemplates(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const all = await listAllTemplates.call(this, response.body);
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const same = (a: unknown, b: unknown) =>
		String(a ?? '').toLowerCase() === String(b ?? '').trim().toLowerCase();
	const templates = (all as IDataObject[]).filter(
		(template) =>
			(!filters.status || same(template.status, filters.status)) &&
			(!filters.category || same(template.category, filters.category)) &&
			(!filters.language || same(template.language, filters.language)),
	);
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = Number(this.getNodeParameter('limit', 50));
	return (returnAll ? templates : templates.slice(0, limit)).map((json) => ({ json }));
}

export const getManyWhatsAppTemplates: PeachOperation = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many WhatsApp templates',
	description: 'List your WhatsApp templates, optionally only those with a status, category or language',
	routing: {
		request: { method: 'GET', url: '/api/v1/whats_app_templates' },
		output: { postReceive: [pickTemplates] },
	},
	properties: [
		// No routing pager: the filters apply locally, so listAllTemplates reads every page first.
		...returnAllAndLimit('templates'),
		filtersCollection([
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'MARKETING',
				options: TEMPLATE_CATEGORY_OPTIONS,
				description: 'Only templates of this category',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US',
				description: 'Only templates in this language (its code, as Peach shows it)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'approved',
				options: TEMPLATE_STATUS_OPTIONS,
				description: 'Only templates with this status',
			},
		]),
	],
};
