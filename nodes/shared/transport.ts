import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { peachApiError } from './errors';

/** Where the request helper can run: inside an operation (preSend/postReceive), behind a picker or in a poll. */
export type PeachRequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

interface PeachCredential {
	apiKey?: string;
	baseUrl?: string;
}

/**
 * One Peach API call outside the declarative routing (pickers, template checks, status polling).
 * The credential adds the key exactly as it does for the node's own requests, and a non-2xx answer
 * becomes the same readable error every operation shows.
 */
export async function peachApiRequest<T = unknown>(
	this: PeachRequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<T> {
	const credential = await this.getCredentials<PeachCredential>('peachApi');
	const baseURL = String(credential.baseUrl || 'https://app.trypeach.ai').replace(/\/+$/, '');
	const request: IHttpRequestOptions = {
		method,
		baseURL,
		url: path,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	if (options.qs && Object.keys(options.qs).length) request.qs = options.qs;
	if (options.body) request.body = options.body;
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		'peachApi',
		request,
	)) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) {
		const itemIndex =
			'getItemIndex' in this && typeof this.getItemIndex === 'function'
				? this.getItemIndex()
				: undefined;
		throw peachApiError(this.getNode(), {
			statusCode: response.statusCode,
			body: response.body,
			headers: response.headers as IDataObject,
			path,
			itemIndex,
			secrets: [credential.apiKey ?? ''],
		});
	}
	return response.body as T;
}
