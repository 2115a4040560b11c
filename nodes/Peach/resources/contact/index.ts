import { resourceProperties } from '../../shared/operation';

export const contactProperties = resourceProperties('contact', [], '');
