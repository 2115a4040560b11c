import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { recordsOfList } from '../shared/automations';
import { peachApiRequest } from '../../shared/transport';
import { localPage } from './localPages';

/** Automations for the Automation picker, searchable by name, status, execution mode or ID. */
export async function searchAutomations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return localPage(
		await listAutomations.call(this),
		['name', 'status', 'execution_mode', 'id'],
		automationOption,
		filter,
		paginationToken,
	);
}

/** Automations as options, for the tool's Allowed Automations (a list a person ticks). */
export async function getAutomations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await listAutomations.call(this))
		.map(automationOption)
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function listAutomations(this: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const body = await peachApiRequest.call(this, 'GET', '/api/v1/streams');
	return recordsOfList(body, ['streams', 'automations']) ?? [];
}

/** An automation as the pickers show it: its name and status. */
function automationOption(automation: IDataObject): { name: string; value: string } {
	return {
		name: `${String(automation.name || automation.id)}${automation.status ? ` (${String(automation.status)})` : ''}`,
		value: String(automation.id),
	};
}
