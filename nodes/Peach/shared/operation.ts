import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
} from 'n8n-workflow';
import { operationEffect } from './guardRails';
import { withToolVariant } from './toolFields';

/** One operation of a resource: its entry in the Operation list and the fields it shows. */
export interface PeachOperation {
	name: string;
	value: string;
	action: string;
	description: string;
	routing: INodePropertyRouting;
	properties: INodeProperties[];
}

function showFor(resource: string, operation: string, displayOptions?: IDisplayOptions): IDisplayOptions {
	return {
		...displayOptions,
		show: { ...displayOptions?.show, resource: [resource], operation: [operation] },
	};
}

/** The Operation selector of a resource plus every operation's fields, shown only for that operation. */
export function resourceProperties(
	resource: string,
	operations: PeachOperation[],
	defaultOperation: string,
): INodeProperties[] {
	const options: INodePropertyOptions[] = [...operations]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map(({ name, value, action, description, routing }) => ({
			name,
			value,
			action,
			// What it costs or changes, in one line, for people and for an AI Agent choosing a tool.
			description: `${description}. ${operationEffect(resource, value)?.effect ?? ''}`.trim(),
			routing,
		}));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...operations.flatMap((operation) =>
			operation.properties.flatMap(withToolVariant).map((property) => ({
				...property,
				displayOptions: showFor(resource, operation.value, property.displayOptions),
			})),
		),
	];
}
