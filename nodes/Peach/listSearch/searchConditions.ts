import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { recordsOfList } from '../shared/automations';
import { peachApiRequest } from '../../shared/transport';
import { localPage } from './localPages';

/**
 * Conditions of Peach's library for the Condition picker. The value is the condition's name (its
 * `description`), which is what Create a trigger takes; its source is shown beside it. Once the
 * trigger's Source is set, only that integration's conditions are listed.
 */
export async function searchConditions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const typed = String(this.getCurrentNodeParameter('additionalFields.source') ?? '').trim();
	// An expression is only known at run time: list every source then.
	const source = typed.startsWith('=') ? '' : typed;
	const body = await peachApiRequest.call(this, 'GET', '/api/v1/expressions', { qs: source ? { source } : {} });
	return localPage(
		recordsOfList(body, ['expressions', 'conditions']) ?? [],
		['description', 'source', 'topic', 'id'],
		(condition) => ({
			name: `${String(condition.description || condition.id)}${condition.source ? ` (${String(condition.source)})` : ''}`,
			value: String(condition.description ?? ''),
		}),
		filter,
		paginationToken,
	);
}
