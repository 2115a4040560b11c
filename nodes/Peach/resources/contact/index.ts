import { resourceProperties } from '../../shared/operation';
import { createContact } from './create';
import { createManyContacts } from './createMany';
import { getContact } from './get';
import { updateContact } from './update';
import { updateCommunicationPreferences } from './updateCommunicationPreferences';

export const contactProperties = resourceProperties(
	'contact',
	[createContact, createManyContacts, getContact, updateContact, updateCommunicationPreferences],
	'create',
);
