import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { messageContactFields, recipientPhoneField } from '../../shared/descriptions';
import type { PeachOperation } from '../../shared/operation';
import { additionalBodyFieldsProperty } from '../../shared/request';
import { messageContact } from '../../shared/messaging';
import {
	inputError,
	normalizePhoneNumber,
	parseJsonParameter,
	requireInteger,
	toUtcDateTime,
} from '../../../shared/validation';

const MINOR_UNITS = 'In minor units, a whole number: 12000 means ₹120.00';

/** Totals that do not add up, found before sending and shown on the output item. */
const warningsByContext = new WeakMap<object, string[]>();

interface LineItemRow {
	name?: string;
	amount?: number;
	saleAmount?: number;
	quantity?: number;
}

/** An amount (whole minor units from 0) or, with `min` 1, a quantity; undefined when left empty. */
function optionalInteger(
	context: IExecuteSingleFunctions,
	value: unknown,
	parameter: string,
	fix = `${MINOR_UNITS}, from 0. Enter the amount without decimals.`,
	min = 0,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireInteger(context, value, parameter, fix, min);
}

const QUANTITY_FIX = 'Quantity is a whole number of units, at least 1, e.g. 2.';

function readLineItems(context: IExecuteSingleFunctions): IDataObject[] {
	const source = context.getNodeParameter('lineItemsSource', 'fields') as string;
	if (source === 'json') {
		const list =
			parseJsonParameter<unknown[]>(context, context.getNodeParameter('lineItemsJson', ''), 'Line Items (JSON)', 'array') ??
			[];
		return list.map((entry, index) => {
			if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
				throw inputError(
					context,
					'Line Items (JSON)',
					`the entry at index ${index} is not an object`,
					'Each entry must look like {"name": "Product 1", "amount": 12000, "quantity": 2}.',
				);
			}
			const item = { ...(entry as IDataObject) };
			for (const key of ['amount', 'sale_amount', 'quantity']) {
				const quantity = key === 'quantity';
				item[key] = optionalInteger(
					context,
					item[key],
					`Line Items (JSON) → index ${index} → ${key}`,
					quantity ? QUANTITY_FIX : undefined,
					quantity ? 1 : 0,
				);
			}
			return item;
		});
	}
	const rows = (context.getNodeParameter('lineItems', {}) as { values?: LineItemRow[] }).values ?? [];
	return rows.map((row, index) => {
		const label = `Line Items → Item ${index + 1}`;
		const saleAmount = optionalInteger(context, row.saleAmount, `${label} → Sale Amount`);
		// A number field cannot be left empty, so 0 is what an untouched Amount looks like: never send it.
		const amount = optionalInteger(context, row.amount, `${label} → Amount`);
		if (!amount) {
			throw inputError(
				context,
				`${label} → Amount`,
				'is not set',
				`Enter the price of one unit. ${MINOR_UNITS}.`,
			);
		}
		return {
			name: row.name,
			amount,
			// 0 means "no sale price": the item is charged at Amount.
			sale_amount: saleAmount === 0 ? undefined : saleAmount,
			quantity: optionalInteger(context, row.quantity, `${label} → Quantity`, QUANTITY_FIX, 1),
		};
	});
}

/** Unix seconds from a date picked in n8n (in the workflow's time zone), an ISO string or a number (seconds or milliseconds). */
function expiryTimestamp(context: IExecuteSingleFunctions, value: unknown): number | undefined {
	const parameter = 'Additional Fields → Expires At';
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || /^\d+$/.test(String(value).trim())) {
		const number = requireInteger(
			context,
			value,
			parameter,
			'Pick a date and time, or map Unix seconds or an ISO date such as 2026-12-31T18:00:00Z.',
			0,
		);
		return number > 1e11 ? Math.floor(number / 1000) : number;
	}
	const date = toUtcDateTime(context, value, parameter);
	return date ? Math.floor(date.time / 1000) : undefined;
}

function amountWithDescription(value: number | undefined, description: IDataObject[string]): IDataObject | undefined {
	if (value === undefined && !description) return undefined;
	return { value, description };
}

/** Compares the totals the user gave with what the line items and charges add up to. */
function totalsWarnings(body: IDataObject): string[] {
	const warnings: string[] = [];
	const items = (body.items as IDataObject[] | undefined) ?? [];
	let computedSubtotal: number | undefined;
	if (items.length && items.every((item) => item.sale_amount !== undefined || item.amount !== undefined)) {
		computedSubtotal = items.reduce(
			(sum, item) =>
				sum + Number(item.sale_amount ?? item.amount) * Number(item.quantity ?? 1),
			0,
		);
	}
	const subtotal = body.subtotal as number | undefined;
	if (subtotal !== undefined && computedSubtotal !== undefined && subtotal !== computedSubtotal) {
		warnings.push(
			`Subtotal is ${subtotal} but the line items add up to ${computedSubtotal} (sale amount, or amount, × quantity). Peach received the values as you set them.`,
		);
	}
	const total = body.total_amount as number | undefined;
	const base = subtotal ?? computedSubtotal;
	if (total !== undefined && base !== undefined) {
		const charge = (key: string) => Number((body[key] as IDataObject | undefined)?.value ?? 0);
		const expected = base + charge('tax') + charge('shipping') - charge('discount');
		if (expected !== total) {
			warnings.push(
				`Total Amount is ${total} but subtotal + tax + shipping − discount is ${expected}. Peach received the values as you set them.`,
			);
		}
	}
	return warnings;
}

async function buildOrder(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const amount = (name: string, label: string) =>
		optionalInteger(this, fields[name], `Additional Fields → ${label}`);
	const body: IDataObject = {
		id: fields.orderReferenceId,
		app_execution_id: fields.appExecutionId,
		type: fields.type,
		contact: messageContact(
			this,
			normalizePhoneNumber(this, this.getNodeParameter('contactPhoneNumber', ''), 'Contact Phone Number'),
			fields,
			'Additional Fields',
		),
		items: readLineItems(this),
		expiration: {
			timestamp: expiryTimestamp(this, fields.expiresAt),
			description: fields.expiryDescription,
		},
		currency: fields.currency,
		subtotal: amount('subtotal', 'Subtotal'),
		tax: amountWithDescription(amount('taxAmount', 'Tax Amount'), fields.taxDescription),
		shipping: amountWithDescription(amount('shippingAmount', 'Shipping Amount'), fields.shippingDescription),
		discount: amountWithDescription(amount('discountAmount', 'Discount Amount'), fields.discountDescription),
		total_amount: amount('totalAmount', 'Total Amount'),
	};
	warningsByContext.set(this, totalsWarnings(body));
	requestOptions.body = body;
	return requestOptions;
}

/** Adds the totals warnings (if any) to the created order. */
async function addTotalsWarnings(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const warnings = warningsByContext.get(this) ?? [];
	if (!warnings.length) return items;
	return items.map((item) => ({ ...item, json: { ...item.json, warnings } }));
}

function amountField(displayName: string, name: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: 0,
		description: `${what}. ${MINOR_UNITS}.`,
	};
}

function descriptionField(displayName: string, name: string, placeholder: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder };
}

export const createOrder: PeachOperation = {
	name: 'Create',
	value: 'create',
	action: 'Create an order',
	description: 'Create an order the contact can pay for on WhatsApp',
	routing: {
		request: { method: 'POST', url: '/api/v1/orders' },
		send: { preSend: [buildOrder] },
		output: { postReceive: [addTotalsWarnings] },
	},
	properties: [
		{
			...recipientPhoneField,
			displayName: 'Contact Phone Number',
			name: 'contactPhoneNumber',
			description: 'WhatsApp number of the customer who pays, with country code',
		},
		{
			displayName: 'Line Items Input',
			name: 'lineItemsSource',
			type: 'options',
			noDataExpression: true,
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields', description: 'Enter each line item as fields' },
				{
					name: 'Using JSON',
					value: 'json',
					description: 'A JSON array of line items, typed or built by an expression',
				},
			],
		},
		{
			displayName: 'Line Items',
			name: 'lineItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Line Item',
			default: {},
			displayOptions: { show: { lineItemsSource: ['fields'] } },
			options: [
				{
					displayName: 'Line Item',
					name: 'values',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Product 1',
						},
						{
							...amountField('Amount', 'amount', 'Price of one unit (shown struck through when a lower Sale Amount is set)'),
							required: true,
							// A number field is never empty, so n8n shows no warning on it: say it here.
							hint: 'Required: the price of one unit, above 0, in minor units (12000 = ₹120.00)',
						},
						{
							displayName: 'Quantity',
							name: 'quantity',
							type: 'number',
							default: 1,
							typeOptions: { minValue: 1 },
						},
						amountField(
							'Sale Amount',
							'saleAmount',
							'Price of one unit actually charged, if lower than Amount; 0 leaves it out',
						),
					],
				},
			],
		},
		{
			displayName: 'Line Items (JSON)',
			name: 'lineItemsJson',
			type: 'json',
			// An empty list, not an example: running an untouched example would bill for it.
			default: '[]',
			placeholder: 'e.g. [{"name": "Product 1", "amount": 12000, "sale_amount": 10000, "quantity": 2}]',
			displayOptions: { show: { lineItemsSource: ['json'] } },
			description: `A JSON array of line items, each with name, amount, sale_amount and quantity. ${MINOR_UNITS}.`,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'App Execution ID',
					name: 'appExecutionId',
					type: 'string',
					default: '',
					placeholder: 'e.g. app_exec_1234',
					description: 'The Peach app execution this order belongs to, if any',
				},
				...messageContactFields,
				{
					displayName: 'Currency',
					name: 'currency',
					type: 'options',
					default: 'INR',
					options: [{ name: 'Indian Rupee (INR)', value: 'INR' }],
					description: 'Currency of every amount (Peach supports INR only)',
				},
				amountField('Discount Amount', 'discountAmount', 'Discount taken off the order'),
				descriptionField('Discount Description', 'discountDescription', 'e.g. 10OFF on first purchase'),
				{
					displayName: 'Expires At',
					name: 'expiresAt',
					type: 'dateTime',
					default: '',
					description: 'When the order can no longer be paid',
				},
				descriptionField('Expiry Description', 'expiryDescription', 'e.g. Sorry, the event is booked.'),
				{
					displayName: 'Order Reference ID',
					name: 'orderReferenceId',
					type: 'string',
					default: '',
					placeholder: 'e.g. your_order_id',
					description:
						'Your own order ID from your shop; Peach returns it as reference_id on the order and in order webhooks',
				},
				amountField('Shipping Amount', 'shippingAmount', 'Shipping charge'),
				descriptionField('Shipping Description', 'shippingDescription', 'e.g. Prime shipping'),
				amountField('Subtotal', 'subtotal', 'Sum of the line items'),
				amountField('Tax Amount', 'taxAmount', 'Taxes on the order'),
				descriptionField('Tax Description', 'taxDescription', 'e.g. GST'),
				amountField('Total Amount', 'totalAmount', 'What the contact pays: subtotal + tax + shipping − discount'),
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: 'physical_goods',
					options: [
						{ name: 'Digital Goods', value: 'digital_goods' },
						{ name: 'Physical Goods', value: 'physical_goods' },
					],
					description: 'What kind of goods the order is for',
				},
			],
		},
		additionalBodyFieldsProperty,
	],
};
