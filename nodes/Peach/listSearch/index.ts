import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchConversations } from './searchConversations';
import { searchMedias } from './searchMedias';

/** Searchable lists behind the node's "From list" pickers. */
export const listSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {
	searchConversations,
	searchMedias,
};
