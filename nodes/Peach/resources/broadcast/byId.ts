import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { readBroadcastId } from '../../shared/messaging';

/** preSend of the operations on one broadcast: its checked ID goes into the path (`{id}`). */
export function broadcastPath(path: string) {
	return async function setBroadcastPath(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.url = path.replace('{id}', encodeURIComponent(readBroadcastId(this)));
		return requestOptions;
	};
}
