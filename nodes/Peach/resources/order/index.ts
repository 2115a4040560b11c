import { resourceProperties } from '../../shared/operation';

export const orderProperties = resourceProperties('order', [], '');
