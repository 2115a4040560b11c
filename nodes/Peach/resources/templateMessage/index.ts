import { resourceProperties } from '../../shared/operation';
import { connectToAiAgent } from './connectToAiAgent';
import { getManyTemplateMessages } from './getMany';
import { getTemplateMessageStatus } from './getStatus';
import { sendTemplateMessage } from './send';
import { sendAppMessage } from './sendAppMessage';

export const templateMessageProperties = resourceProperties(
	'templateMessage',
	[
		sendTemplateMessage,
		getTemplateMessageStatus,
		getManyTemplateMessages,
		connectToAiAgent,
		sendAppMessage,
	],
	'send',
);
