import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchAutomations } from './searchAutomations';
import { searchBroadcasts } from './searchBroadcasts';
import { searchConditions } from './searchConditions';
import { searchConversations } from './searchConversations';
import { searchMedias } from './searchMedias';
import {
	searchApprovedTemplates,
	searchBusinessAccounts,
	searchTemplates,
} from './searchTemplates';

/** Searchable lists behind the node's "From list" pickers. */
export const listSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {
	searchApprovedTemplates,
	searchAutomations,
	searchBroadcasts,
	searchBusinessAccounts,
	searchConditions,
	searchConversations,
	searchMedias,
	searchTemplates,
};
