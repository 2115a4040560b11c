'use strict';
/** Orders: create (answers the Find-order shape plus payment_link), find, refund; and the payment page. */
const { t } = require('../validate');
const { validate, unprocessable, notFound, iso, publicView, HOUR } = require('../helpers');
const { nextId } = require('../model');

const amountLine = () => t.object({ value: t.integer({ required: true, min: 0 }), description: t.string() });

const orderSchema = t.object(
	{
		id: t.string(),
		app_execution_id: t.string(),
		type: t.enum(['physical_goods', 'digital_goods']),
		contact: t.object({
			phone_number: t.phone({ required: true }),
			name: t.string(),
			email: t.string(),
			language: t.string(),
			metadata: t.object(),
		}),
		items: t.array(
			t.object(
				{
					name: t.string(),
					amount: t.integer({ min: 0 }),
					quantity: t.integer({ min: 1 }),
					sale_amount: t.integer({ min: 0 }),
				},
				{ required: true },
			),
		),
		expiration: t.object({ timestamp: t.integer({ required: true, min: 0 }), description: t.string() }),
		currency: t.enum(['INR']),
		subtotal: t.integer({ min: 0 }),
		tax: amountLine(),
		shipping: amountLine(),
		discount: amountLine(),
		total_amount: t.integer({ min: 0 }),
	},
	{ required: true },
);

const refundSchema = t.object(
	{
		speed: t.enum(['normal', 'instant']),
		amount: t.object({ currency: t.enum(['INR']), value: t.integer({ required: true, min: 1 }) }),
	},
	// A request with no body at all asks for a full refund (RefundRequest: every field optional).
	{ required: false },
);

const serializeOrder = (o) => ({
	...publicView(o),
	contact: o.contact ? { ...o.contact } : null,
	items: o.items.map((i) => ({ ...i })),
});

function findOrder(state, id) {
	const order = state.orders.find((o) => o.id === id);
	if (!order) throw notFound('Order', id);
	return order;
}

function createOrder(ctx) {
	const { world, body } = ctx;
	validate(orderSchema, body);
	const now = Date.now();
	const id = nextId(world, 'wa_ord_', 12);
	let itemSeq = world.state.orders.reduce((max, o) => Math.max(max, ...o.items.map((i) => i.id)), 0);
	const items = (body.items || []).map((item, i) => ({
		id: ++itemSeq,
		product_id: 100 + itemSeq,
		name: item.name ?? `Item ${i + 1}`,
		quantity: item.quantity ?? 1,
		amount: item.amount ?? item.sale_amount ?? 0,
		sale_amount: item.sale_amount ?? item.amount ?? 0,
		currency: null,
	}));
	const subtotal = body.subtotal ?? items.reduce((sum, i) => sum + i.sale_amount * i.quantity, 0);
	const line = (name) => [body[name]?.value ?? 0, body[name]?.description ?? null];
	const [tax, taxDescription] = line('tax');
	const [shipping, shippingDescription] = line('shipping');
	const [discount, discountDescription] = line('discount');
	const order = {
		id,
		status: 'pending',
		reference_id: body.id ?? id,
		external_id: body.id ?? null,
		product_type: body.type ?? 'physical_goods',
		subtotal,
		tax,
		tax_description: taxDescription,
		shipping,
		shipping_description: shippingDescription,
		discount,
		discount_description: discountDescription,
		total_amount: body.total_amount ?? subtotal + tax + shipping - discount,
		expiration: body.expiration ? iso(body.expiration.timestamp * 1000) : iso(now + 24 * HOUR),
		expiration_description: body.expiration?.description ?? null,
		contact: body.contact ? { phone_number: body.contact.phone_number, name: body.contact.name ?? null } : null,
		items,
		created_at: iso(now),
		updated_at: iso(now),
		_app_execution_id: body.app_execution_id ?? null,
	};
	world.state.orders.push(order);
	return { status: 201, body: { ...serializeOrder(order), payment_link: `${ctx.baseUrl}/pay/${id}` } };
}

function getOrder(ctx) {
	return { status: 200, body: serializeOrder(findOrder(ctx.world.state, ctx.params.id)) };
}

function createRefund(ctx) {
	const { world, body } = ctx;
	const order = findOrder(world.state, ctx.params.id);
	validate(refundSchema, body ?? undefined);
	const refunded = world.state.refunds.filter((r) => r.order_id === order.id).reduce((sum, r) => sum + r.amount.value, 0);
	const remaining = order.total_amount - refunded;
	const value = body?.amount?.value ?? remaining; // no amount: refund what is left
	if (value > remaining) throw unprocessable({ amount: { value: [`must be less than or equal to ${remaining}`] } });
	if (value <= 0) throw unprocessable({ amount: { value: ['must be greater than 0'] } });
	const refund = {
		id: nextId(world, 'rfnd_', 14),
		order_id: order.id,
		status: 'pending',
		speed: body?.speed ?? 'normal',
		amount: { currency: 'INR', value },
		created_at: iso(Date.now()),
	};
	world.state.refunds.push(refund);
	return { status: 201, body: { ...refund, amount: { ...refund.amount } } };
}

/** Stand-in for the WhatsApp payment page behind payment_link (HTML, no auth). */
function paymentPage(ctx) {
	const order = ctx.world.state.orders.find((o) => o.id === ctx.params.id);
	if (!order) return { status: 404, body: 'Order not found', contentType: 'text/plain' };
	const amount = (order.total_amount / 100).toFixed(2);
	return {
		status: 200,
		contentType: 'text/html; charset=utf-8',
		body: `<!doctype html><title>Pay ${order.id}</title><h1>Peach sandbox payment</h1><p>Order ${order.id}: INR ${amount} (${order.status})</p>`,
	};
}

module.exports = [
	{ method: 'POST', path: '/api/v1/orders', handler: createOrder },
	{ method: 'GET', path: '/api/v1/orders/:id', handler: getOrder },
	{ method: 'POST', path: '/api/v1/orders/:id/refunds', handler: createRefund },
	{ method: 'GET', path: '/pay/:id', handler: paymentPage, auth: false },
];
