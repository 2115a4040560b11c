import { resourceProperties } from '../../shared/operation';

export const templateMessageProperties = resourceProperties('templateMessage', [], '');
