import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import type { WindowEvent, WindowPlan } from '../window';
import { checkUrlValue } from '../../shared/validation';
import { readFilters, selected, textFilter } from './filters';

export const TEMPLATE_MESSAGE_STATUS_CHANGED = 'templateMessageStatusChanged';

export const templateMessageStatusChangedProperties: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		// The status enum is cut off in the docs (messaging-broadcasts-templates.md, Poll template
		// messages status): these are the delivery statuses Peach's webhooks report.
		options: [
			{ name: 'Delivered', value: 'delivered', description: "The message reached the contact's phone" },
			{ name: 'Failed', value: 'failed', description: 'WhatsApp could not deliver the message' },
			{ name: 'Read', value: 'read', description: 'The contact opened the message' },
			{ name: 'Sent', value: 'sent', description: 'WhatsApp accepted the message' },
		],
		default: [],
		displayOptions: { show: { event: [TEMPLATE_MESSAGE_STATUS_CHANGED] } },
		description:
			'Which new statuses start the workflow, e.g. only Failed to alert on failed deliveries. None selected means any status.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: [TEMPLATE_MESSAGE_STATUS_CHANGED] } },
		options: [
			{
				displayName: 'Broadcast ID',
				name: 'broadcastId',
				type: 'string',
				default: '',
				placeholder: 'e.g. cmp_1234abcd',
				description: 'Only messages of this broadcast (from Broadcast → Get Many)',
			},
			{
				displayName: 'Template ID',
				name: 'templateId',
				type: 'string',
				default: '',
				placeholder: 'e.g. wat_1234abcd',
				description: 'Only messages sent from this WhatsApp template (from WhatsApp Template → Get Many)',
			},
		],
	},
];

/**
 * "Template Message Status Changed": GET /api/v1/template_messages?updated_since= (documented, with
 * broadcast_id and page/per), one item per status change that passes the filters.
 */
export const templateMessageStatusChanged: WindowEvent = {
	event: TEMPLATE_MESSAGE_STATUS_CHANGED,
	path: '/api/v1/template_messages',
	itemsKey: 'template_messages',
	timestampField: 'updated_at',
	sinceParam: 'updated_since',
	pageSizeParams: ['per'],
	plan(this: IPollFunctions): WindowPlan {
		const statuses = new Set(selected(this.getNodeParameter('statuses', [])));
		const filters = readFilters(this);
		const broadcastId = textFilter(filters, 'broadcastId');
		const templateId = textFilter(filters, 'templateId');
		const qs: IDataObject = {};
		// The broadcast goes into the query, so it gets the check of every value in a URL.
		if (broadcastId) {
			qs.broadcast_id = checkUrlValue(
				this,
				broadcastId,
				'Filters → Broadcast ID',
				'Enter one broadcast ID as Broadcast → Get Many shows it, e.g. cmp_1234abcd.',
			);
		}
		// `status` is sent only by Peach's MCP server (Poll template messages status): checked here too.
		if (statuses.size === 1) qs.status = [...statuses][0];
		return {
			qs,
			select(record) {
				if (statuses.size && !statuses.has(String(record.status ?? ''))) return undefined;
				if (broadcastId && record.broadcast_id !== broadcastId) return undefined;
				// 4 of the 6 fields of a template message are NOT FOUND (Poll template messages status):
				// the template is read from whats_app_template_id, as the send request names it.
				if (templateId && record.whats_app_template_id !== templateId) return undefined;
				return { ...record };
			},
		};
	},
};
