import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { readTemplateId } from '../../shared/messaging';

/** preSend of the operations on one template: its checked ID goes into the path (`{id}`). */
export function templatePath(path: string) {
	return async function setTemplatePath(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.url = path.replace('{id}', encodeURIComponent(readTemplateId(this)));
		return requestOptions;
	};
}
