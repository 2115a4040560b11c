import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { filtersCollection } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { returnAllAndLimit } from '../../../shared/pagination';
import { TEMPLATE_CATEGORY_OPTIONS, TEMPLATE_STATUS_OPTIONS } from '../../shared/templates';

/**
 * Peach answers the whole list as a bare array, with no filters or pages, so the filters and the
 * limit apply to that list here, and each template becomes one item.
 */
async function pickTemplates(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	// UNCERTAIN (List all templates): Peach's MCP server sends a page parameter; the docs show no paging.
	if (!Array.isArray(response.body)) {
		throw new NodeOperationError(
			this.getNode(),
			`Peach's answer is not a list of templates [item ${this.getItemIndex()}]`,
			{
				itemIndex: this.getItemIndex(),
				description: 'Check that the Base URL in the credential points at the Peach API.',
			},
		);
	}
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const same = (a: unknown, b: unknown) =>
		String(a ?? '').toLowerCase() === String(b ?? '').trim().toLowerCase();
	const templates = (response.body as IDataObject[]).filter(
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
		// No pager: this list has no pages.
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
