import { resourceProperties } from '../../shared/operation';
import { archiveBroadcast } from './archive';
import { cancelBroadcast } from './cancel';
import { getBroadcast } from './get';
import { getManyBroadcasts } from './getMany';
import { getBroadcastStatus } from './getStatus';
import { launchBroadcast } from './launch';

export const broadcastProperties = resourceProperties(
	'broadcast',
	[
		launchBroadcast,
		getBroadcastStatus,
		getManyBroadcasts,
		getBroadcast,
		archiveBroadcast,
		cancelBroadcast,
	],
	'launch',
);
