import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { peachApiRequest } from '../../shared/transport';

const PAGE_SIZE = 100;

interface MediaPage {
	next?: string | null;
	medias?: Array<{ id: number; filename?: string; content_type?: string; media_url?: string }>;
}

/** Files of the media library for the Media picker, filtered by file name. */
export async function searchMedias(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const body = await peachApiRequest.call(this, 'GET', '/api/v1/medias', {
		qs: { page, per: PAGE_SIZE },
	}) as MediaPage;
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (body.medias ?? [])
		.filter((media) => !needle || String(media.filename ?? '').toLowerCase().includes(needle))
		.map((media) => ({
			name: `${media.filename ?? `Media ${media.id}`}${media.media_url ? ` (${media.media_url})` : ''}`,
			value: String(media.id),
		}));
	return { results, paginationToken: body.next ? String(page + 1) : undefined };
}
