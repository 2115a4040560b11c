import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { listAllTemplates, templateLabel } from '../shared/templates';
import type { PeachTemplate } from '../shared/templates';

/** Templates shown per page of the picker, paged locally from the whole list. */
export const TEMPLATE_PAGE_SIZE = 25;

async function listTemplates(this: ILoadOptionsFunctions): Promise<PeachTemplate[]> {
	return await listAllTemplates.call(this);
}

/** Matches the search text against what the picker shows: name, language, status, category, ID. */
function matches(template: PeachTemplate, filter?: string): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	if (!needle) return true;
	return [template.template_name, template.name, template.language, template.status, template.category, template.id]
		.map((value) => String(value ?? '').toLowerCase())
		.some((value) => value.includes(needle));
}

async function searchTemplateList(
	context: ILoadOptionsFunctions,
	approvedOnly: boolean,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Math.max(0, Number(paginationToken) || 0);
	const templates = (await listTemplates.call(context)).filter(
		(template) =>
			(!approvedOnly || String(template.status ?? '').toLowerCase() === 'approved') &&
			matches(template, filter),
	);
	const page = templates.slice(offset, offset + TEMPLATE_PAGE_SIZE);
	const next = offset + TEMPLATE_PAGE_SIZE;
	return {
		results: page.map((template) => ({ name: templateLabel(template), value: template.id })),
		paginationToken: next < templates.length ? String(next) : undefined,
	};
}

/** Every template, for the pickers of the WhatsApp Template operations. */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchTemplateList(this, false, filter, paginationToken);
}

/** Approved templates only, for the pickers of Send, Connect to AI Agent, Launch and fallbacks. */
export async function searchApprovedTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchTemplateList(this, true, filter, paginationToken);
}

/** The WhatsApp Business Accounts the account's templates belong to (no list endpoint exists). */
export async function searchBusinessAccounts(
	this: ILoadOptionsFunctions,
): Promise<INodeListSearchResult> {
	const counts = new Map<string, number>();
	for (const template of await listTemplates.call(this)) {
		const account = template.whats_app_business_account_id;
		if (account === undefined || account === null || account === '') continue;
		counts.set(String(account), (counts.get(String(account)) ?? 0) + 1);
	}
	return {
		results: [...counts.entries()].map(([account, count]) => ({
			name: `${account} (${count} template${count === 1 ? '' : 's'})`,
			value: account,
		})),
	};
}

/** Approved templates as options, for the tool's Allowed Templates (a list a person ticks). */
export async function getApprovedTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await listTemplates.call(this))
		.filter((template) => String(template.status ?? '').toLowerCase() === 'approved')
		.map((template) => ({ name: templateLabel(template), value: template.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
