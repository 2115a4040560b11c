import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inputError } from './validation';

/** The largest page Peach serves (`per` is capped at 1000). */
export const MAX_PAGE_SIZE = 1000;

/** A run that needs more pages than this is stopped: it would be a looping `next`, not real data. */
export const MAX_PAGES = 500;

/** The query of Peach's `next` link (absolute or relative) as an object. */
export function queryOfLink(link: string): IDataObject {
	const query: IDataObject = {};
	new URL(link, 'http://peach.invalid').searchParams.forEach((value, key) => {
		query[key] = value;
	});
	return query;
}

/** Which page a query asks for: its `page` (as text, so 1 and "1" match), or the whole query without one. */
function pageKey(query: IDataObject): string {
	if (query.page !== undefined) return `page=${String(query.page)}`;
	return JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Pagination for Peach's `page`/`per` lists (envelope `{count, next, prev, <items>}`).
 *
 * Unlike n8n's generic pagination, which replaces the whole query string with the pagination
 * request, this keeps every filter on every page. It follows `next` until it is null, asks for the
 * largest page when returning all (or exactly the limit otherwise), and emits one item per record.
 */
export function paginatePeachList(itemsKey: string) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
		const per = Math.min(MAX_PAGE_SIZE, returnAll ? MAX_PAGE_SIZE : limit);
		const filters = { ...((requestData.options.qs as IDataObject) ?? {}) };
		const records: INodeExecutionData[] = [];
		let pageQuery: IDataObject = { page: 1 };
		// Every page asked for so far, page 1 included: a `next` back to any of them is a loop.
		const seenPages = new Set<string>([pageKey(pageQuery)]);

		for (let pageCount = 1; ; pageCount++) {
			if (pageCount > MAX_PAGES) {
				throw new NodeOperationError(
					this.getNode(),
					`Stopped after ${MAX_PAGES} pages of ${itemsKey}: Peach kept announcing a next page [item ${this.getItemIndex()}]`,
					{
						itemIndex: this.getItemIndex(),
						description:
							'Narrow the list with the Filters, or turn off Return All and set a Limit.',
					},
				);
			}
			const qs: IDataObject = { ...filters, ...pageQuery, per };
			const [page] = await this.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, qs },
			});
			const body = (page?.json ?? {}) as IDataObject;
			const pageRecords = body[itemsKey];
			if (!Array.isArray(pageRecords)) {
				throw new NodeOperationError(
					this.getNode(),
					`Peach's answer has no "${itemsKey}" list [item ${this.getItemIndex()}]`,
					{
						itemIndex: this.getItemIndex(),
						description: 'Check that the Base URL in the credential points at the Peach API.',
					},
				);
			}
			for (const record of pageRecords) {
				records.push({ json: record as IDataObject });
				if (records.length >= limit) return records;
			}
			const next = typeof body.next === 'string' && body.next ? body.next : undefined;
			if (!next || pageRecords.length === 0) return records;
			pageQuery = queryOfLink(next);
			if (pageQuery.page === undefined) pageQuery.page = Number(qs.page) + 1;
			const key = pageKey(pageQuery);
			if (seenPages.has(key)) {
				throw new NodeOperationError(
					this.getNode(),
					`Peach's next link points back to a page of ${itemsKey} already read (page ${String(pageQuery.page)}), so Return All would loop [item ${this.getItemIndex()}]`,
					{
						itemIndex: this.getItemIndex(),
						description:
							'No records were output twice: the run stopped at the repeat. Turn off Return All and set a Limit, or narrow the list with the Filters; if it keeps happening, Peach is paging this list wrongly.',
					},
				);
			}
			seenPages.add(key);
		}
	};
}

/** preSend of the Limit field: a Limit from an expression must still be a whole number from 1. */
export async function checkListLimit(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('returnAll', false)) return requestOptions;
	const limit = this.getNodeParameter('limit', 50);
	const number = typeof limit === 'string' && limit.trim() !== '' ? Number(limit) : limit;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
		throw inputError(
			this,
			'Limit',
			`"${String(limit)}" is not a number of results`,
			'Enter a whole number from 1, or turn on Return All.',
		);
	}
	return requestOptions;
}

/**
 * Return All + Limit of a list. `returnAllRouting` is how Return All fetches (a paginator); the
 * Limit is checked before anything is sent.
 */
export function returnAllAndLimit(
	recordsLabel: string,
	returnAllRouting?: INodePropertyRouting,
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			...(returnAllRouting ? { routing: returnAllRouting } : {}),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			hint: `How many ${recordsLabel} to return at most`,
			displayOptions: { show: { returnAll: [false] } },
			routing: { send: { preSend: [checkListLimit] } },
		},
	];
}

/** Return All + Limit for a `page`/`per` list whose records sit under `itemsKey`. */
export function returnAllOrLimit(itemsKey: string, recordsLabel: string): INodeProperties[] {
	return returnAllAndLimit(recordsLabel, {
		send: { paginate: true },
		operations: { pagination: paginatePeachList(itemsKey) },
	});
}
