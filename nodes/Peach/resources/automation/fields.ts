import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { AUTOMATION_STATUS_OPTIONS } from '../../shared/automations';
import { inputError, keepAsIs, parseJsonParameter } from '../../../shared/validation';

/** Fields Create and Update share. */
export const automationNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Payment failed follow-up',
};

export const automationDescriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. Reminds the customer to update their card',
};

export function automationStatusField(defaultStatus: string, description: string): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: defaultStatus,
		options: AUTOMATION_STATUS_OPTIONS,
		description,
	};
}

const EXAMPLE =
	'{"start_step": "thanks", "steps": {"thanks": {"type": "send_message", "payload": {"message": {"text": "Thanks! Order {{order_id}} is confirmed."}}, "next_step": null}}}';

/** The Definition (JSON) field of Create and Update. */
export function definitionField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Definition (JSON)',
		name: 'definition',
		type: 'json',
		// Empty, not an example: an untouched example would become a real automation.
		default: '{}',
		placeholder: `e.g. ${EXAMPLE}`,
		description:
			"The automation's steps as Peach's step graph: start_step names the first step, steps maps each step ID to its type, payload and next_step (null ends the flow). {{key}} in a text is filled from the trigger's variable mappings.",
		...overrides,
	} as INodeProperties;
}

/**
 * The definition as an object, checked before sending: a JSON object that is not empty and whose
 * start_step, when given, names one of its steps. beyond-the-36.md, "Create an automation": the step
 * grammar beyond {start_step, steps: {id: {type, payload, next_step}}} is unknown, so nothing more is checked.
 */
export function readDefinition(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
): IDataObject | undefined {
	const definition = parseJsonParameter(context, value, parameter, 'object');
	if (!definition || Object.keys(definition).length === 0) return undefined;
	const { start_step: start, steps } = definition;
	if (start !== undefined && steps && typeof steps === 'object' && !Array.isArray(steps)) {
		if (!Object.prototype.hasOwnProperty.call(steps, String(start))) {
			throw inputError(
				context,
				parameter,
				`start_step "${String(start)}" is not one of the steps (${Object.keys(steps).join(', ') || 'none'})`,
				'Set start_step to the ID of the first step, a key of "steps".',
			);
		}
	}
	// null ends a flow (next_step: null), so the graph is sent exactly as written.
	return keepAsIs(definition);
}
