import { resourceProperties } from '../../shared/operation';
import { createAutomation } from './create';
import { getAutomation } from './get';
import { getManyAutomations } from './getMany';
import { runAutomationForContact } from './runForContact';
import { updateAutomation } from './update';

export const automationProperties = resourceProperties(
	'automation',
	[runAutomationForContact, getManyAutomations, getAutomation, createAutomation, updateAutomation],
	'runForContact',
);
