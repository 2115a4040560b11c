import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ResourceMapperValue,
} from 'n8n-workflow';
import { templateLocator } from '../../shared/descriptions';
import { readTemplateId } from '../../shared/messaging';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFields, additionalBodyFieldsProperty } from '../../shared/request';
import { checkTemplateName, TEMPLATE_CATEGORY_OPTIONS } from '../../shared/templates';
import { inputError, parseJsonParameter } from '../../../shared/validation';

const FIELDS = 'Update Fields';

/** The components whose text the user changed in the Component Texts mapper: `{id, value}` each. */
function changedComponents(context: IExecuteSingleFunctions): IDataObject[] {
	const mapped = context.getNodeParameter('componentTexts', {}) as Partial<ResourceMapperValue>;
	const values = (mapped?.value ?? {}) as IDataObject;
	const shown = new Set((mapped?.schema ?? []).filter((field) => !field.removed).map((field) => field.id));
	return Object.entries(values)
		.filter(([id, value]) => (shown.size === 0 || shown.has(id)) && value !== undefined && value !== null)
		.map(([id, value]) => ({ id, value: String(value) }));
}

async function buildUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const templateId = readTemplateId(this);
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const fromJson =
		parseJsonParameter<IDataObject[]>(
			this,
			fields.componentsJson,
			`${FIELDS} → Components (JSON)`,
			'array',
		) ?? [];
	const components = [...changedComponents(this), ...fromJson];
	// UNCERTAIN (Update template): the docs mark every field required; Peach's MCP server sends only what changes.
	const template: IDataObject = {
		template_name:
			fields.templateName === undefined || fields.templateName === ''
				? undefined
				: checkTemplateName(this, fields.templateName, `${FIELDS} → Template Name`),
		folder: fields.folder,
		category: fields.category,
		components_attributes: components,
	};
	const hasChange =
		Object.keys(additionalBodyFields(this) ?? {}).length > 0 ||
		Object.values(template).some(
			(value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
		);
	if (!hasChange) {
		throw inputError(
			this,
			FIELDS,
			'nothing to update',
			'Add a field under Update Fields (name, folder, category or components), or change a text under Component Texts.',
		);
	}
	requestOptions.url = `/api/v1/whats_app_templates/${encodeURIComponent(templateId)}`;
	requestOptions.body = { whats_app_template: template };
	return requestOptions;
}

export const updateWhatsAppTemplate: PeachOperation = {
	name: 'Update',
	value: 'update',
	action: 'Update a WhatsApp template',
	description: "Change a template's name, folder, category or the texts of its components",
	routing: {
		request: { method: 'PATCH', url: '/api/v1/whats_app_templates' },
		send: { preSend: [buildUpdateBody] },
	},
	properties: [
		templateLocator(false, { description: 'The template to change' }),
		{
			displayName: 'Component Texts',
			name: 'componentTexts',
			type: 'resourceMapper',
			noDataExpression: true,
			// Shown once a template is picked: before that the editor could only say "no fields found".
			displayOptions: { show: { templateId: [{ _cnd: { exists: true } }] } },
			default: { mappingMode: 'defineBelow', value: null },
			description:
				"The template's header, body, footer and buttons. Add the ones to change; each starts with its current text.",
			typeOptions: {
				loadOptionsDependsOn: ['templateId.value'],
				resourceMapper: {
					resourceMapperMethod: 'getTemplateComponents',
					mode: 'add',
					valuesLabel: 'Component Texts',
					fieldWords: { singular: 'component', plural: 'components' },
					addAllFields: false,
					multiKeyMatch: false,
					// The method's emptyFieldsNotice speaks for an empty list (noFieldsError shows before a pick).
					supportAutoMap: false,
				},
			},
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Category',
					name: 'category',
					type: 'options',
					default: 'MARKETING',
					options: TEMPLATE_CATEGORY_OPTIONS,
					description: 'WhatsApp’s category for the template',
				},
				{
					displayName: 'Components (JSON)',
					name: 'componentsJson',
					type: 'json',
					default: '[]',
					placeholder:
						'e.g. [{"component_type": "footer", "data_type": "text", "value": "Reply STOP to opt out"}]',
					description:
						'Component changes as Peach’s components_attributes: a component’s ID with a new value changes it, its ID with _destroy: true removes it, and an entry with component_type but no ID adds one',
				},
				{
					displayName: 'Folder',
					name: 'folder',
					type: 'string',
					default: '',
					placeholder: 'e.g. Orders',
					description: 'The folder in Peach to keep the template in',
				},
				{
					displayName: 'Template Name',
					name: 'templateName',
					type: 'string',
					default: '',
					placeholder: 'e.g. order_confirmation_v2',
					description: 'A new name for the template',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
