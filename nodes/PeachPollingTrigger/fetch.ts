import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MAX_PAGES, MAX_PAGE_SIZE, queryOfLink } from '../shared/pagination';
import { peachApiRequest } from '../shared/transport';
import { parseInstant } from './cursor';

export interface ListRequest {
	path: string;
	/** The key of the records in Peach's envelope, e.g. `messages`. */
	itemsKey: string;
	/** Filters sent on every page. */
	qs: IDataObject;
	/** The page-size parameter names the list may read (see each event for why). */
	pageSizeParams: string[];
}

export interface ReadOptions {
	maxPages?: number;
	perPage?: number;
	/** Epoch ms after which no page is asked for (the poll's time bound). */
	deadline?: number;
	/**
	 * Records older than `ms` by `field` are not wanted. Peach's time filters may be ignored (they
	 * are not all documented): when the list comes newest first, a page entirely older than `ms`
	 * means every later page is older too, and reading stops there.
	 */
	olderThan?: { field: string; ms: number };
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Whether the records read so far are newest first: times never rise from one record to the next,
 * and fall at least once. Peach does not document the order of its lists; anything else (oldest
 * first, unordered, all at one instant) keeps every page read, which is slower but loses nothing.
 */
function newestFirst(records: IDataObject[], field: string): boolean {
	let previous: number | undefined;
	let falls = false;
	for (const record of records) {
		const at = parseInstant(record[field]);
		if (at === undefined) continue;
		if (previous !== undefined) {
			if (at > previous) return false;
			if (at < previous) falls = true;
		}
		previous = at;
	}
	return falls;
}

function pagingError(context: IPollFunctions, request: ListRequest, what: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Stopped reading ${request.itemsKey}: ${what}`, {
		description:
			'Nothing was emitted and the stored position was kept: the next poll reads the list again from the same point. If this keeps happening, Peach\'s paging is broken for this list; narrow the Filters or contact Peach.',
	});
}

/**
 * Reads pages of a Peach list, keeping every filter on every page, until `next` is null, a page
 * comes back empty, `maxPages` pages were read, or (newest first) a page is entirely older than
 * `olderThan`. A `next` link back to a page already read fails the poll rather than drop the rest.
 * Entries that are not objects (a `null` in the list) are left out with a warning. Requests go
 * through the shared Peach request (and its rate limiter), so a 429 is waited out there.
 */
export async function readPages(
	context: IPollFunctions,
	request: ListRequest,
	options: ReadOptions = {},
): Promise<IDataObject[]> {
	const { maxPages = MAX_PAGES, perPage = MAX_PAGE_SIZE, deadline, olderThan } = options;
	const records: IDataObject[] = [];
	const sizeQuery: IDataObject = {};
	for (const name of request.pageSizeParams) sizeQuery[name] = perPage;
	let page = 1;
	const pagesRead = new Set<number>();
	for (let count = 1; count <= maxPages; count++) {
		if (deadline !== undefined && Date.now() >= deadline) {
			throw pagingError(context, request, `the poll ran out of time before page ${page}`);
		}
		pagesRead.add(page);
		const body = (await peachApiRequest.call(context, 'GET', request.path, {
			qs: { ...request.qs, ...sizeQuery, page },
			deadline,
		})) as IDataObject;
		const list = body?.[request.itemsKey];
		if (!Array.isArray(list)) {
			throw new NodeOperationError(context.getNode(), `Peach's answer has no "${request.itemsKey}" list`, {
				description: 'Check that the Base URL in the credential points at the Peach API.',
			});
		}
		const entries = list.filter(isRecord);
		if (entries.length < list.length) {
			context.logger.warn(
				`Peach Polling Trigger skipped ${list.length - entries.length} entries of ${request.itemsKey} page ${page} that are not records (e.g. null)`,
			);
		}
		records.push(...entries);
		const next = typeof body.next === 'string' && body.next ? body.next : undefined;
		if (!next || list.length === 0) return records;
		if (
			olderThan &&
			entries.length > 0 &&
			entries.every((record) => (parseInstant(record[olderThan.field]) ?? Infinity) < olderThan.ms) &&
			newestFirst(records, olderThan.field)
		) {
			return records;
		}
		const nextPage = Number(queryOfLink(next).page ?? page + 1);
		if (!Number.isInteger(nextPage) || nextPage < 1) {
			throw pagingError(context, request, `the next link of page ${page} names no page number`);
		}
		if (pagesRead.has(nextPage)) {
			throw pagingError(context, request, `the next link of page ${page} points back to page ${nextPage}, already read`);
		}
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
