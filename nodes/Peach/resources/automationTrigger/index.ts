import { resourceProperties } from '../../shared/operation';
import { createAutomationTrigger } from './create';
import { getManyAutomationTriggers } from './getMany';
import { updateAutomationTrigger } from './update';

export const automationTriggerProperties = resourceProperties(
	'automationTrigger',
	[createAutomationTrigger, getManyAutomationTriggers, updateAutomationTrigger],
	'create',
);
