import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

/** Entries per picker page for lists Peach answers whole (no paging known): the picker pages locally. */
export const LOCAL_PAGE_SIZE = 25;

/** One picker page of the `entries` that contain the search text in any of `fields`; the token is the offset. */
export function localPage(
	entries: IDataObject[],
	fields: string[],
	toResult: (entry: IDataObject) => { name: string; value: string },
	filter?: string,
	paginationToken?: string,
): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const matching = needle
		? entries.filter((entry) =>
				fields.some((field) => String(entry[field] ?? '').toLowerCase().includes(needle)),
			)
		: entries;
	const offset = Math.max(0, Number(paginationToken) || 0);
	const next = offset + LOCAL_PAGE_SIZE;
	return {
		results: matching.slice(offset, next).map(toResult),
		paginationToken: next < matching.length ? String(next) : undefined,
	};
}
