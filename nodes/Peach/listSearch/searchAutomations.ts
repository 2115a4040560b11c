import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { recordsOfList } from '../shared/automations';
import { peachApiRequest } from '../../shared/transport';
import { localPage } from './localPages';

/** Automations for the Automation picker, searchable by name, status, execution mode or ID. */
export async function searchAutomations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const body = await peachApiRequest.call(this, 'GET', '/api/v1/streams');
	return localPage(
		recordsOfList(body, ['streams', 'automations']) ?? [],
		['name', 'status', 'execution_mode', 'id'],
		(automation) => ({
			name: `${String(automation.name || automation.id)}${automation.status ? ` (${String(automation.status)})` : ''}`,
			value: String(automation.id),
		}),
		filter,
		paginationToken,
	);
}
