import { resourceProperties } from '../../shared/operation';

export const broadcastProperties = resourceProperties('broadcast', [], '');
