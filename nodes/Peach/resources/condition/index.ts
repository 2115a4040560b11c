import { resourceProperties } from '../../shared/operation';
import { getManyConditions } from './getMany';

export const conditionProperties = resourceProperties('condition', [getManyConditions], 'getAll');
