import { resourceProperties } from '../../shared/operation';
import { getManyConversations } from './getMany';

export const conversationProperties = resourceProperties(
	'conversation',
	[getManyConversations],
	'getAll',
);
