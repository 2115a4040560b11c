import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { fetchTemplate, variableFields } from '../shared/templates';

function pickedTemplateId(context: ILoadOptionsFunctions): string {
	const value = context.getNodeParameter('templateId', '', { extractValue: true });
	return String(value ?? '').trim();
}

/**
 * The picked template's variables as fields (Template Variables). They are required for a single
 * message; for a broadcast they may also come per contact, so none is required there.
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const templateId = pickedTemplateId(this);
	if (!templateId) return { fields: [], emptyFieldsNotice: 'Pick a template first: its variables appear here.' };
	const template = await fetchTemplate.call(this, templateId);
	const required = this.getNodeParameter('operation', '') !== 'launch';
	const fields = variableFields(template, required);
	return fields.length
		? { fields }
		: { fields, emptyFieldsNotice: 'This template has no variables: there is nothing to fill in.' };
}

const COMPONENT_LABELS: Record<string, string> = {
	header: 'Header',
	body: 'Body',
	footer: 'Footer',
	buttons: 'Button',
};

/** The picked template's components as fields (Update → Component Texts), each with its current text. */
export async function getTemplateComponents(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const templateId = pickedTemplateId(this);
	if (!templateId) return { fields: [], emptyFieldsNotice: 'Pick a template first: its components appear here.' };
	const template = await fetchTemplate.call(this, templateId);
	const components = [...(template.components ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
	const fields: ResourceMapperField[] = components
		.filter((component) => component.id !== undefined && component.id !== null)
		.map((component) => {
			const kind = COMPONENT_LABELS[String(component.component_type)] ?? String(component.component_type);
			const detail = [component.name, component.data_type !== 'text' ? component.data_type : undefined]
				.filter(Boolean)
				.join(', ');
			return {
				id: String(component.id),
				displayName: `${kind}${detail ? ` (${detail})` : ''} #${component.id}`,
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'string',
				removed: true,
				defaultValue: component.value ?? '',
			};
		});
	return fields.length
		? { fields }
		: { fields, emptyFieldsNotice: 'This template has no components with text to change.' };
}
