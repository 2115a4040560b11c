import { resourceProperties } from '../../shared/operation';

export const mediaProperties = resourceProperties('media', [], '');
