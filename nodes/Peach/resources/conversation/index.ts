import { resourceProperties } from '../../shared/operation';
import { assignAgent } from './assignAgent';
import { closeConversation } from './close';
import { getManyConversations } from './getMany';
import { getMessages } from './getMessages';
import { updateStatus } from './updateStatus';

export const conversationProperties = resourceProperties(
	'conversation',
	[getManyConversations, getMessages, updateStatus, assignAgent, closeConversation],
	'getAll',
);
