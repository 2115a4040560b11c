import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchBroadcasts } from './searchBroadcasts';
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
	searchBroadcasts,
	searchBusinessAccounts,
	searchConversations,
	searchMedias,
	searchTemplates,
};
