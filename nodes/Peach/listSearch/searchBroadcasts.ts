import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { peachApiRequest } from '../../shared/transport';

const PAGE_SIZE = 50;

/** Pages read for one search at most, so a search with few hits still answers quickly. */
const MAX_PAGES_PER_SEARCH = 10;

interface BroadcastPage {
	next?: string | null;
	broadcasts?: IDataObject[];
}

function broadcastLabel(broadcast: IDataObject): string {
	const name = String(broadcast.name || broadcast.id);
	const launch = typeof broadcast.launch_time === 'string' ? broadcast.launch_time.slice(0, 10) : '';
	const details = [broadcast.status, launch].filter(Boolean).join(', ');
	return details ? `${name} (${details})` : name;
}

/**
 * Broadcasts for the Broadcast picker, newest first, one Peach page per picker page. Peach cannot
 * search broadcasts, so search text filters by name, status or ID here, reading further pages
 * until something matches (bounded); the token is the next page to read.
 */
export async function searchBroadcasts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	let page = Math.max(1, Number(paginationToken) || 1);
	const results: INodeListSearchResult['results'] = [];
	for (let read = 0; read < MAX_PAGES_PER_SEARCH; read++) {
		const body = (await peachApiRequest.call(this, 'GET', '/api/v1/broadcasts', {
			qs: { page, per: PAGE_SIZE },
		})) as BroadcastPage;
		for (const broadcast of body.broadcasts ?? []) {
			const text = [broadcast.name, broadcast.status, broadcast.id].map((v) => String(v ?? '').toLowerCase());
			if (!needle || text.some((value) => value.includes(needle))) {
				results.push({ name: broadcastLabel(broadcast), value: String(broadcast.id) });
			}
		}
		const hasNext = Boolean(body.next) && (body.broadcasts ?? []).length > 0;
		page += 1;
		if (!hasNext) return { results };
		if (results.length) break;
	}
	return { results, paginationToken: String(page) };
}
