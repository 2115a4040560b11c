import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MAX_PAGES, MAX_PAGE_SIZE, queryOfLink } from '../shared/pagination';
import { peachApiRequest } from '../shared/transport';

export interface ListRequest {
	path: string;
	/** The key of the records in Peach's envelope, e.g. `messages`. */
	itemsKey: string;
	/** Filters sent on every page. */
	qs: IDataObject;
	/** The page-size parameter names the list may read (see each event for why). */
	pageSizeParams: string[];
}

/**
 * Reads pages of a Peach list, keeping every filter on every page, until `next` is null, a page
 * comes back empty, or `maxPages` pages were read. Requests go through the shared Peach request
 * (and its rate limiter), so a 429 is waited out there.
 */
export async function readPages(
	context: IPollFunctions,
	request: ListRequest,
	maxPages = MAX_PAGES,
	perPage = MAX_PAGE_SIZE,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const sizeQuery: IDataObject = {};
	for (const name of request.pageSizeParams) sizeQuery[name] = perPage;
	let page = 1;
	const seenPages = new Set<number>();
	for (let count = 1; count <= maxPages; count++) {
		seenPages.add(page);
		const body = (await peachApiRequest.call(context, 'GET', request.path, {
			qs: { ...request.qs, ...sizeQuery, page },
		})) as IDataObject;
		const list = body?.[request.itemsKey];
		if (!Array.isArray(list)) {
			throw new NodeOperationError(context.getNode(), `Peach's answer has no "${request.itemsKey}" list`, {
				description: 'Check that the Base URL in the credential points at the Peach API.',
			});
		}
		records.push(...(list as IDataObject[]));
		const next = typeof body.next === 'string' && body.next ? body.next : undefined;
		if (!next || list.length === 0) return records;
		const nextPage = Number(queryOfLink(next).page ?? page + 1);
		if (!Number.isInteger(nextPage) || seenPages.has(nextPage)) return records;
		page = nextPage;
	}
	if (maxPages < MAX_PAGES) return records;
	throw new NodeOperationError(
		context.getNode(),
		`Stopped after ${MAX_PAGES} pages of ${request.itemsKey}: Peach kept announcing a next page`,
		{
			description:
				'Nothing was emitted and the trigger will try again on the next poll. Narrow the Filters if this keeps happening.',
		},
	);
}
