import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeParameterResourceLocator } from 'n8n-workflow';
import { templateLocator } from '../../shared/descriptions';
import { readTemplateId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { checkTemplateNameLookup } from '../../shared/templates';

const byId = templateLocator(false);

/** The template's ID, or its name in By Name mode, as one path segment. */
function readTemplateIdOrName(context: IExecuteSingleFunctions): string {
	const locator = context.getNodeParameter('templateId', '') as INodeParameterResourceLocator | string;
	if (typeof locator !== 'object' || locator === null || locator.mode !== 'name') return readTemplateId(context);
	return checkTemplateNameLookup(context, locator.value, 'Template');
}

async function setTemplatePath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// beyond-the-36.md, "Address a template by name": which record comes back when a name exists in several languages is UNCERTAIN.
	requestOptions.url = `/api/v1/whats_app_templates/${encodeURIComponent(readTemplateIdOrName(this))}`;
	return requestOptions;
}

export const getWhatsAppTemplate: PeachOperation = {
	name: 'Get',
	value: 'get',
	action: 'Get a WhatsApp template',
	description: 'Get one template, by ID or by name, with its status and components',
	routing: {
		request: { method: 'GET', url: '/api/v1/whats_app_templates' },
		send: { preSend: [setTemplatePath] },
	},
	properties: [
		{
			...byId,
			description:
				'The WhatsApp template. By Name takes its template_name; when a name exists in several languages, check the language of what comes back.',
			// Read-only by-name lookup; writes stay by ID (beyond-the-36.md, "What the node would offer").
			modes: [
				...(byId.modes ?? []),
				{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. order_confirmation' },
			],
		},
	],
};
