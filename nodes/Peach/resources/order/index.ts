import { resourceProperties } from '../../shared/operation';
import { createOrder } from './create';
import { getOrder } from './get';
import { refundOrder } from './refund';

export const orderProperties = resourceProperties('order', [createOrder, getOrder, refundOrder], 'create');
