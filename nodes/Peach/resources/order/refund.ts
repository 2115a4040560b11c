import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { orderIdField } from '../../shared/descriptions';
import { readOrderId } from '../../shared/ids';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { inputError, requireInteger } from '../../../shared/validation';

async function buildRefund(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const orderId = encodeURIComponent(readOrderId(this));
	const refund = this.getNodeParameter('refund', 'full') as string;
	const options = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { speed: options.speed };
	if (refund === 'partial') {
		const value = requireInteger(
			this,
			this.getNodeParameter('amount', ''),
			'Amount',
			'The refund is a whole number in minor units: 1200 means ₹12.00.',
		);
		if (value <= 0) {
			throw inputError(this, 'Amount', `${value} is not a refund amount`, 'Enter more than 0, in minor units: 1200 means ₹12.00.');
		}
		body.amount = { currency: options.currency, value };
	}
	// UNCERTAIN (Create a refund for an order): that leaving out amount refunds the whole order.
	requestOptions.url = `/api/v1/orders/${orderId}/refunds`;
	requestOptions.body = body;
	return requestOptions;
}

export const refundOrder: PeachOperation = {
	name: 'Refund',
	value: 'refund',
	action: 'Refund an order',
	description: 'Refund all or part of a paid order through WhatsApp Payments',
	routing: {
		request: { method: 'POST', url: '/api/v1/orders' },
		send: { preSend: [buildRefund] },
	},
	properties: [
		orderIdField,
		{
			displayName: 'Refund',
			name: 'refund',
			type: 'options',
			default: 'full',
			options: [
				{ name: 'Full Amount', value: 'full', description: 'Refund the whole order (no amount is sent)' },
				{ name: 'Part of the Amount', value: 'partial', description: 'Refund the amount you enter' },
			],
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
			displayOptions: { show: { refund: ['partial'] } },
			description: 'How much to refund. In minor units, a whole number: 1200 means ₹12.00.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Currency',
					name: 'currency',
					type: 'options',
					default: 'INR',
					options: [{ name: 'Indian Rupee (INR)', value: 'INR' }],
					description: 'Currency of the refund amount (Peach supports INR only)',
					displayOptions: { show: { '/refund': ['partial'] } },
				},
				{
					displayName: 'Speed',
					name: 'speed',
					type: 'options',
					default: 'normal',
					options: [
						{ name: 'Instant', value: 'instant' },
						{ name: 'Normal', value: 'normal' },
					],
					description:
						'How fast to refund; a request only, the payment gateway decides the actual speed',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
