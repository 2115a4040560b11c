import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { listSearch } from './listSearch';
import { getAutomations } from './listSearch/searchAutomations';
import { getApprovedTemplates } from './listSearch/searchTemplates';
import { automationProperties } from './resources/automation';
import { automationTriggerProperties } from './resources/automationTrigger';
import { broadcastProperties } from './resources/broadcast';
import { conditionProperties } from './resources/condition';
import { contactProperties } from './resources/contact';
import { conversationProperties } from './resources/conversation';
import { mediaProperties } from './resources/media';
import { orderProperties } from './resources/order';
import { templateMessageProperties } from './resources/templateMessage';
import { whatsAppTemplateProperties } from './resources/whatsAppTemplate';
import { resourceMapping } from './resourceMapping';
import { guardRailProperties, guardRailsProperty } from './shared/guardRails';
import {
	requestFinalizerProperty,
	requestOptionsProperty,
	responseCheckProperty,
} from './shared/request';
import { runPeachItems } from './shared/router';
import { PEACH_API_CREDENTIAL_TEST, testPeachApiCredential } from '../shared/credentialTest';
import { parameterTypeCheckProperty } from '../shared/parameterTypes';

/**
 * The node's parameters. The type check reads this list lazily and sits first, so its preSend runs
 * before any operation reads a value.
 */
const properties: INodeProperties[] = [
	// Text fields that also take a list from an expression: Tags, Phone Numbers.
	parameterTypeCheckProperty(() => properties, { listParameters: ['tags', 'phoneNumbers'] }),
	responseCheckProperty,
	// Shown only in the tool version (what an AI Agent may do), before everything else.
	...guardRailProperties,
	// Before every operation's own preSend, so a refused call never reaches Peach.
	guardRailsProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Automation', value: 'automation' },
			{ name: 'Automation Trigger', value: 'automationTrigger' },
			{ name: 'Broadcast', value: 'broadcast' },
			{ name: 'Condition', value: 'condition' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Conversation', value: 'conversation' },
			{ name: 'Media', value: 'media' },
			{ name: 'Order', value: 'order' },
			{ name: 'Template Message', value: 'templateMessage' },
			{ name: 'WhatsApp Template', value: 'whatsAppTemplate' },
		],
		default: 'templateMessage',
	},
	...templateMessageProperties,
	...broadcastProperties,
	...whatsAppTemplateProperties,
	...conversationProperties,
	...contactProperties,
	...orderProperties,
	...mediaProperties,
	...automationProperties,
	...automationTriggerProperties,
	...conditionProperties,
	requestFinalizerProperty,
	requestOptionsProperty,
];

export class Peach implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Peach',
		name: 'peach',
		icon: { light: 'file:../../icons/peach.svg', dark: 'file:../../icons/peach.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp template messages and broadcasts, manage templates, inbox conversations, contacts, orders and media with Peach',
		defaults: { name: 'Peach' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'peachApi', required: true, testedBy: 'peachApiConnection' }],
		properties,
	};

	methods = {
		credentialTest: { [PEACH_API_CREDENTIAL_TEST]: testPeachApiCredential },
		listSearch,
		loadOptions: { getApprovedTemplates, getAutomations },
		resourceMapping,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPeachItems.call(this, descriptionOf(this.getNode().type));
	}
}

let peachDescription: INodeTypeDescription | undefined;

/**
 * The description the running node was built from. The tool variant n8n makes for an AI Agent has
 * the same properties under a name ending in "Tool", which is what `@tool` display conditions test.
 */
function descriptionOf(nodeType: string): INodeTypeDescription {
	peachDescription ??= new Peach().description;
	return nodeType.endsWith('Tool')
		? { ...peachDescription, name: `${peachDescription.name}Tool` }
		: peachDescription;
}
