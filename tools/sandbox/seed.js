'use strict';
/**
 * Deterministic seed data for the Peach sandbox. IDs and contents are the same on every run (IDs are
 * hashed from stable names, everything else comes from a fixed-seed PRNG); timestamps are relative
 * to the moment of seeding, so "updated in the last 24 hours" stays true whenever the tests run.
 *
 * seed(now) -> { state, fixtures }. `fixtures` names the records tests and examples can rely on.
 */
const { stableId, alnum, createRandom, iso, MINUTE, HOUR, DAY } = require('./helpers');
const { templateVariables, signBlobId, assignedTo } = require('./model');
const { seedAutomations } = require('./seed-automations');

const BUSINESS_NUMBERS = [
	{ number: '919876543222', display_name: 'Peach Demo Store' },
	{ number: '14155550123', display_name: 'Peach Demo US' },
];
const WABA_ID = 456;
const AGENTS = [
	{ id: 1, name: 'Priya Sharma', email: 'priya@peachdemo.store' },
	{ id: 2, name: 'Arjun Mehta', email: 'arjun@peachdemo.store' },
	{ id: 3, name: 'Meera Iyer', email: 'meera@peachdemo.store' },
	{ id: 4, name: 'Support Team', email: 'support@peachdemo.store' },
];
const FAILURE_MESSAGES = [
	'(#131026) Message undeliverable',
	'(#131047) Re-engagement message: more than 24 hours have passed since the customer last replied',
	'(#131049) Meta chose not to deliver this marketing message to maintain healthy ecosystem engagement',
	'(#131021) Recipient cannot be sender',
];

// ---------------------------------------------------------------------------------------------
// WhatsApp templates
// ---------------------------------------------------------------------------------------------

const quick = (...labels) => labels.map((name) => ({ sub_type: 'quick_reply', name, value: name }));
const link = (name, value) => ({ sub_type: 'url', name, value });

/** [template_name, display name, language, category, status, purpose, folder, {header, body, footer, buttons}] */
const TEMPLATE_SPECS = [
	['order_confirmation', 'Order confirmation', 'en', 'UTILITY', 'approved', 'transactional', 'Orders', {
		header: { data_type: 'text', value: 'Order {{order_id}} confirmed' },
		body: "Hi {{first_name | example: 'John'}}, thanks for shopping with us! Your order {{order_id | example: 'ORD-1001'}} of {{amount | example: '₹1,200'}} is confirmed and will ship soon.",
		footer: 'Peach Demo Store',
		buttons: [link('Track order', 'https://shop.example.com/track/{{order_id}}')],
	}],
	['welcome_message', 'Welcome message', 'en', 'MARKETING', 'approved', 'general', 'Onboarding', {
		body: 'Welcome to Peach Demo Store! Reply HI to browse our catalogue or tap a button below.',
		footer: 'Reply STOP to unsubscribe',
		buttons: quick('Shop now', 'Talk to us'),
	}],
	['summer_sale_image', 'Summer sale (image)', 'en', 'MARKETING', 'approved', 'promotion', 'Marketing', {
		header: { data_type: 'image', value: 'https://cdn.example.com/peach/summer-sale.png' },
		body: "Hi {{first_name | example: 'John'}}, our summer sale is live: {{discount | example: '20%'}} off everything until Sunday!",
		footer: 'Reply STOP to unsubscribe',
		buttons: [link('Shop the sale', 'https://shop.example.com/sale')],
	}],
	['invoice_document', 'Invoice (document)', 'en', 'UTILITY', 'approved', 'transactional', 'Billing', {
		header: { data_type: 'document', value: 'https://cdn.example.com/peach/invoice-sample.pdf' },
		body: "Hi {{first_name | example: 'John'}}, please find invoice {{invoice_number | example: 'INV-2041'}} attached. Thank you for your business.",
		footer: 'Peach Demo Store',
	}],
	['otp_login', 'Login code', 'en', 'AUTHENTICATION', 'approved', 'otp', 'Security', {
		body: "{{otp | example: '482913'}} is your verification code. For your security, do not share this code.",
		footer: 'This code expires in 10 minutes.',
		buttons: [link('Copy code', 'https://shop.example.com/otp/{{otp}}')],
	}],
	['delivery_update', 'Delivery update', 'en_US', 'UTILITY', 'approved', 'transactional', 'Orders', {
		body: "Hi {{first_name | example: 'Jane'}}, your package {{tracking_id | example: '1Z999AA10123456784'}} is out for delivery today.",
		buttons: [link('Track package', 'https://shop.example.com/track/{{tracking_id}}')],
	}],
	['payment_reminder', 'Payment reminder', 'en', 'UTILITY', 'approved', 'transactional', 'Billing', {
		body: "Hi {{first_name | example: 'John'}}, a payment of {{amount | example: '₹2,499'}} for order {{order_id | example: 'ORD-1001'}} is due on {{due_date | example: '12 June'}}.",
		footer: 'Ignore if already paid',
		buttons: [link('Pay now', 'https://shop.example.com/pay/{{order_id}}')],
	}],
	['feedback_request', 'Feedback request', 'en', 'MARKETING', 'approved', 'general', 'Support', {
		body: 'How was your experience with Peach Demo Store? Tap a button below to tell us.',
		buttons: quick('Loved it', 'It was okay', 'Not great'),
	}],
	['appointment_reminder', 'Appointment reminder', 'en_US', 'UTILITY', 'approved', 'transactional', 'Appointments', {
		body: "Hi {{first_name | example: 'Jane'}}, this is a reminder of your appointment on {{appointment_time | example: 'Monday 10:30 AM'}}.",
		buttons: quick('Confirm', 'Reschedule'),
	}],
	['diwali_offer_hi', 'Diwali offer (Hindi)', 'hi', 'MARKETING', 'approved', 'promotion', 'Marketing', {
		header: { data_type: 'image', value: 'https://cdn.example.com/peach/diwali.png' },
		body: "नमस्ते {{first_name | example: 'राहुल'}}, दिवाली ऑफर: सभी उत्पादों पर {{discount | example: '25%'}} की छूट!",
		footer: 'Peach Demo Store',
		buttons: quick('अभी खरीदें'),
	}],
	['order_shipped_es', 'Pedido enviado', 'es', 'UTILITY', 'approved', 'transactional', 'Orders', {
		body: "Hola {{first_name | example: 'Juan'}}, tu pedido {{order_id | example: 'ORD-1001'}} ha sido enviado.",
		footer: 'Peach Demo Store',
	}],
	['cart_reminder', 'Abandoned cart reminder', 'en', 'MARKETING', 'approved', 'promotion', 'Marketing', {
		header: { data_type: 'image', value: 'https://cdn.example.com/peach/cart.png' },
		body: "Hi {{first_name | example: 'John'}}, you left {{item_count | example: '2'}} items in your cart. Complete your order before they sell out!",
		buttons: [link('View cart', 'https://shop.example.com/cart/{{cart_token}}')],
	}],
	['back_in_stock', 'Back in stock', 'en', 'MARKETING', 'approved', 'promotion', 'Marketing', {
		body: "Good news! {{product_name | example: 'Classic White Sneakers'}} is back in stock.",
		buttons: quick('Buy now', 'Not interested'),
	}],
	['account_update', 'Account updated', 'en', 'UTILITY', 'approved', 'general', 'Security', {
		body: "Your account details were updated. If this wasn't you, reply HELP and our team will get in touch.",
		footer: 'Peach Demo Store',
	}],
	['otp_signup_hi', 'Signup code (Hindi)', 'hi', 'AUTHENTICATION', 'approved', 'otp', 'Security', {
		body: "{{otp | example: '739201'}} आपका सत्यापन कोड है। इसे किसी के साथ साझा न करें।",
	}],
	['ticket_created', 'Support ticket created', 'en', 'UTILITY', 'approved', 'general', 'Support', {
		body: "Hi {{first_name | example: 'John'}}, we received your request. Your ticket number is {{ticket_id | example: 'T-4821'}}.",
		buttons: quick('Add details', 'Close ticket'),
	}],
	['event_ticket_document', 'Event ticket (document)', 'en', 'UTILITY', 'approved', 'transactional', 'Events', {
		header: { data_type: 'document', value: 'https://cdn.example.com/peach/ticket.pdf' },
		body: "Your ticket for {{event_name | example: 'Peach Live 2025'}} is attached. See you there!",
	}],
	['new_collection_video', 'New collection (video)', 'en', 'MARKETING', 'approved', 'promotion', 'Marketing', {
		header: { data_type: 'video', value: 'https://cdn.example.com/peach/collection.mp4' },
		body: 'Our new monsoon collection just dropped. Watch the lookbook and shop your favourites.',
		buttons: [link('Shop collection', 'https://shop.example.com/monsoon')],
	}],
	['refund_processed', 'Refund processed', 'en', 'UTILITY', 'approved', 'transactional', 'Billing', {
		body: "Hi {{first_name | example: 'John'}}, your refund of {{amount | example: '₹1,200'}} for order {{order_id | example: 'ORD-1001'}} has been processed.",
		footer: 'It may take 5-7 days to reflect in your account.',
	}],
	['weekly_newsletter', 'Weekly newsletter', 'en', 'MARKETING', 'approved', 'general', 'Marketing', {
		body: "This week's picks are here: fresh arrivals, staff favourites and a surprise deal. Tap below to see them.",
		buttons: [link('See picks', 'https://shop.example.com/weekly')],
	}],
	['promo_es', 'Promoción', 'es', 'MARKETING', 'approved', 'promotion', 'Marketing', {
		body: "Hola {{first_name | example: 'Juan'}}, usa el código {{code | example: 'PEACH10'}} para obtener un descuento en tu próxima compra.",
	}],
	['subscription_renewal', 'Subscription renewal', 'en_US', 'UTILITY', 'approved', 'transactional', 'Billing', {
		body: "Hi {{first_name | example: 'Jane'}}, your {{plan_name | example: 'Pro'}} plan renews on {{renewal_date | example: 'July 1'}}.",
		buttons: quick('Manage plan'),
	}],
	['loyalty_points_update', 'Loyalty points', 'en', 'MARKETING', 'pending', 'promotion', 'Loyalty', {
		body: "Hi {{first_name | example: 'John'}}, you have {{points | example: '1,250'}} loyalty points waiting to be used.",
	}],
	['festive_greetings_hi', 'Festive greetings (Hindi)', 'hi', 'MARKETING', 'pending', 'general', 'Marketing', {
		body: 'Peach Demo Store की ओर से आपको और आपके परिवार को त्योहारों की शुभकामनाएँ!',
	}],
	['password_reset', 'Password reset', 'en', 'AUTHENTICATION', 'pending', 'otp', 'Security', {
		body: "{{otp | example: '552019'}} is your password reset code.",
	}],
	['flash_sale_aggressive', 'Flash sale', 'en', 'MARKETING', 'rejected', 'promotion', 'Marketing', {
		body: 'LAST CHANCE!!! Everything must go. Buy now or regret forever!!!',
	}],
	['new_product_launch', 'New product launch', 'en', 'MARKETING', 'draft', 'promotion', 'Marketing', {
		header: { data_type: 'image', value: 'https://cdn.example.com/peach/launch.png' },
		body: "Meet {{product_name | example: 'Peach Buds'}}: our newest release, available from {{launch_date | example: 'Friday'}}.",
	}],
	['survey_invite', 'Survey invite', 'en_US', 'MARKETING', 'draft', 'general', 'Support', {
		body: 'Got two minutes? Help us improve by answering a short survey.',
		buttons: [link('Take survey', 'https://shop.example.com/survey')],
	}],
	['order_cancelled_es', 'Pedido cancelado', 'es', 'UTILITY', 'draft', 'transactional', 'Orders', {
		body: "Hola {{first_name | example: 'Juan'}}, tu pedido {{order_id | example: 'ORD-1001'}} ha sido cancelado.",
	}],
	['clearance_sale', 'Clearance sale', 'en', 'MARKETING', 'paused', 'promotion', 'Marketing', {
		body: "Clearance sale: up to {{discount | example: '60%'}} off on last season's styles.",
		buttons: quick('Shop now'),
	}],
];

function buildTemplates(rand, now) {
	let componentSeq = 1200;
	return TEMPLATE_SPECS.map(([templateName, name, language, category, status, purpose, folder, parts], i) => {
		const components = [];
		const add = (component) => components.push({ id: String(++componentSeq), ...component, index: components.length });
		if (parts.header) add({ component_type: 'header', data_type: parts.header.data_type, value: parts.header.value });
		add({ component_type: 'body', data_type: 'text', value: parts.body });
		if (parts.footer) add({ component_type: 'footer', data_type: 'text', value: parts.footer });
		for (const button of parts.buttons || []) {
			add({ component_type: 'buttons', data_type: 'text', value: button.value, sub_type: button.sub_type, name: button.name });
		}
		const created = now - (200 - i * 5) * DAY - rand.int(0, 12) * HOUR;
		return {
			id: stableId('wat_', `template:${templateName}`, 24),
			template_name: templateName,
			name,
			language,
			category,
			status,
			purpose,
			folder,
			whats_app_business_account_id: WABA_ID,
			components,
			created_at: iso(created),
			updated_at: iso(created + rand.int(1, 72) * HOUR),
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------

const IN_FIRST = ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Isha', 'Kabir', 'Meera', 'Arjun', 'Diya', 'Rahul', 'Sneha', 'Aditya', 'Kavya', 'Siddharth', 'Neha', 'Karan', 'Pooja', 'Varun', 'Riya', 'Nikhil', 'Tanvi', 'Manish', 'Shreya', 'Dev', 'Aisha'];
const IN_LAST = ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Singh', 'Mehta', 'Kapoor', 'Rao', 'Joshi', 'Banerjee', 'Menon', 'Chopra', 'Desai'];
const US_NAMES = ['Emily Carter', 'Michael Brooks', 'Sarah Nguyen', 'David Miller', 'Olivia Johnson', 'James Wilson'];
const ES_NAMES = ['Lucía García', 'Mateo Fernández', 'Sofía Martínez', 'Hugo López'];
const CITIES = ['Mumbai', 'Bengaluru', 'Delhi', 'Pune', 'Chennai', 'Hyderabad', 'Kolkata', 'Jaipur'];
const TAGS = ['vip', 'newsletter', 'wholesale', 'repeat_buyer', 'app_user', 'cod'];

function buildContacts(rand, now) {
	const contacts = [];
	const push = (name, phone, language, timezone, extra = {}) => {
		const id = contacts.length + 1;
		const created = now - rand.int(20, 400) * DAY;
		const [first] = name.split(' ');
		contacts.push({
			id,
			phone_number: phone,
			name,
			email: `${first.normalize('NFD').replace(/[^\w]/g, '').toLowerCase()}${id}@example.com`,
			language,
			metadata: extra.metadata || { customer_tier: rand.pick(['gold', 'silver', 'bronze']), city: rand.pick(CITIES) },
			timezone,
			tags: extra.tags || TAGS.filter(() => rand.chance(0.25)),
			opted_out: extra.opted_out ?? rand.chance(0.06),
			communication_preference:
				extra.communication_preference ||
				rand.weighted([['allow_everything', 8], ['disallow_marketing', 1], ['disallow_automated_messaging', 0.5], ['mute_all', 0.3]]),
			created_at: iso(created),
			updated_at: iso(created + rand.int(1, 15) * DAY),
		});
	};
	// The two people of the docs' examples, so doc snippets work against the sandbox as written.
	push('John Doe', '+919988776655', 'en', 'Asia/Kolkata', {
		metadata: { customer_tier: 'gold', city: 'Mumbai' },
		tags: ['vip', 'newsletter'],
		opted_out: false,
		communication_preference: 'allow_everything',
	});
	push('Alfred Hitchcock', '+13309106536', 'en', 'America/New_York', {
		metadata: { customer_tier: 'silver', city: 'Cleveland' },
		tags: ['newsletter'],
		opted_out: false,
		communication_preference: 'allow_everything',
	});
	for (let i = 0; i < 38; i++) {
		const name = `${IN_FIRST[(i * 7) % IN_FIRST.length]} ${IN_LAST[(i * 5) % IN_LAST.length]}`;
		push(name, `+91${9810000000 + i * 104729}`, rand.chance(0.25) ? 'hi' : 'en', 'Asia/Kolkata');
	}
	US_NAMES.forEach((name, i) => push(name, `+1415555${String(2000 + i * 37).padStart(4, '0')}`, 'en', 'America/Los_Angeles'));
	ES_NAMES.forEach((name, i) => push(name, `+3461${String(1000000 + i * 7331).padStart(7, '0')}`, 'es', 'Europe/Madrid'));
	return contacts;
}

// ---------------------------------------------------------------------------------------------
// Broadcasts and template messages
// ---------------------------------------------------------------------------------------------

const CAMPAIGN_THEMES = ['Summer sale', 'Diwali offer', 'New arrivals', 'Weekend flash deal', 'Loyalty rewards', 'Back in stock', 'Monsoon collection', 'Cart recovery', 'Festive greetings', 'App launch', 'Clearance', 'Payment reminders'];
const SEGMENTS = ['VIP customers', 'Mumbai', 'Bengaluru', 'Delhi NCR', 'Repeat buyers', 'App users', 'Newsletter list', 'Lapsed customers', 'Wholesale'];

/** [status, how many] for the 60 broadcasts; the biggest sent one comes first (fixtures.broadcasts.large). */
const BROADCAST_PLAN = [['sent', 36], ['draft', 6], ['scheduled', 5], ['queued', 3], ['sending', 3], ['canceled', 4], ['archived', 3]];

function buildBroadcasts(rand, now, approvedTemplates) {
	const broadcasts = [];
	let n = 0;
	for (const [status, howMany] of BROADCAST_PLAN) {
		for (let k = 0; k < howMany; k++, n++) {
			const template = approvedTemplates[(n * 3) % approvedTemplates.length];
			let launch = null;
			if (status === 'sent') launch = k === 0 ? now - 3 * HOUR : now - (k < 6 ? rand.int(2, 20) * HOUR : rand.int(2, 45) * DAY);
			if (status === 'archived') launch = now - rand.int(60, 120) * DAY;
			if (status === 'sending') launch = now - rand.int(5, 50) * MINUTE;
			if (status === 'queued') launch = now - rand.int(1, 4) * MINUTE;
			if (status === 'scheduled') launch = now + rand.int(1, 10) * DAY + rand.int(0, 23) * HOUR;
			if (status === 'canceled') launch = k % 2 ? now + rand.int(1, 5) * DAY : now - rand.int(1, 20) * DAY;
			const created = (launch && launch < now ? launch : now) - rand.int(1, 72) * HOUR;
			broadcasts.push({
				id: stableId('cmp_', `broadcast:${n}`, 20),
				name: `${CAMPAIGN_THEMES[n % CAMPAIGN_THEMES.length]} - ${SEGMENTS[(n * 5) % SEGMENTS.length]}`,
				status,
				delivery_mode: rand.chance(0.7) ? 'instant' : 'gradual',
				audience_count: status === 'draft' ? 0 : rand.int(40, 4000),
				phone_number: BUSINESS_NUMBERS[n % 5 === 4 ? 1 : 0].number,
				launch_time: launch === null ? null : iso(launch),
				stats: { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0 },
				whats_app_template: { id: template.id, template_name: template.template_name, language: template.language },
				created_at: iso(created),
				updated_at: iso(Math.min(now, Math.max(created, launch || created))),
			});
		}
	}
	return broadcasts;
}

/** How a delivered-ish message is spread over the final statuses. */
const FINAL_STATUS = [['read', 38], ['delivered', 36], ['sent', 12], ['failed', 9]];

function buildTemplateMessages(rand, now, { broadcasts, approvedTemplates, contacts }) {
	const messages = [];
	const phonePool = contacts.map((c) => c.phone_number);
	const randomPhone = () => (rand.chance(0.3) ? rand.pick(phonePool) : `+91${7000000000 + rand.int(0, 2999999) * 997}`);
	const push = (fields) => {
		const status = fields.status;
		messages.push({
			id: stableId('cmsg_', `template_message:${messages.length}`, 20),
			status,
			phone_number: fields.phone_number,
			broadcast_id: fields.broadcast_id,
			whats_app_template_id: fields.whats_app_template_id,
			failure_message: status === 'failed' ? rand.pick(FAILURE_MESSAGES) : null,
			created_at: iso(fields.created),
			updated_at: iso(fields.updated),
			_liquid_values: fields.liquid_values || null,
		});
	};

	// One third belong to launched broadcasts: 150 to the big one (fixtures.broadcasts.large), the rest spread out.
	const launched = broadcasts.filter((b) => ['sent', 'sending', 'archived', 'canceled'].includes(b.status) && Date.parse(b.launch_time) < now);
	const [large, ...others] = launched;
	const shares = new Map([[large, 150]]);
	let remaining = 867 - 150;
	others.forEach((b, i) => {
		const share = i === others.length - 1 ? remaining : Math.min(remaining, rand.int(10, 26));
		shares.set(b, share);
		remaining -= share;
	});
	for (const [broadcast, share] of shares) {
		const launch = Date.parse(broadcast.launch_time);
		for (let i = 0; i < share; i++) {
			// A broadcast launched minutes ago has sent nothing in the future: keep every seed in the past.
			const created = Math.min(now - 2 * MINUTE, launch + rand.int(0, 20) * MINUTE);
			const status = broadcast.status === 'sending' && rand.chance(0.4) ? 'queued' : rand.weighted(FINAL_STATUS);
			const updated = Math.min(now - MINUTE, created + rand.int(1, 150) * MINUTE);
			push({ status, phone_number: randomPhone(), broadcast_id: broadcast.id, whats_app_template_id: broadcast.whats_app_template.id, created, updated: Math.max(created, updated) });
		}
		broadcast.audience_count = Math.max(broadcast.audience_count, share);
	}
	// The rest are one-off sends: 85% within the last 24 hours, the others up to a week old.
	while (messages.length < 2600) {
		const recent = rand.chance(0.85);
		const created = recent ? now - rand.int(5, 23 * 60) * MINUTE : now - rand.int(26, 7 * 24) * HOUR;
		const status = created > now - 10 * MINUTE && rand.chance(0.5) ? 'queued' : rand.weighted(FINAL_STATUS);
		const updated = Math.min(now - MINUTE, created + rand.int(0, 50) * MINUTE);
		const template = rand.pick(approvedTemplates);
		push({ status, phone_number: randomPhone(), broadcast_id: null, whats_app_template_id: template.id, created, updated: Math.max(created, updated), liquid_values: { first_name: 'John' } });
	}
	return messages;
}

function broadcastStats(broadcast, messages) {
	const stats = { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0 };
	for (const m of messages) {
		if (m.status === 'failed') stats.failed++;
		if (['sent', 'delivered', 'read'].includes(m.status)) stats.sent++;
		if (['delivered', 'read'].includes(m.status)) stats.delivered++;
		if (m.status === 'read') stats.read++;
	}
	stats.replied = Math.floor(stats.read * 0.2);
	return stats;
}

// ---------------------------------------------------------------------------------------------
// Conversations and messages
// ---------------------------------------------------------------------------------------------

const INBOUND_TEXTS = ['Hi, is this available in size M?', 'When will my order arrive?', 'Can I change my delivery address?', 'Thanks!', 'I want to return an item', 'Do you ship to Pune?', 'Is COD available?', 'Yes please', 'What are your store timings?', 'The payment failed, can you help?'];
const OUTBOUND_TEXTS = ['Hi! Happy to help. Could you share your order number?', 'Yes, it is available in M. Shall I place the order?', 'Your order will arrive by Thursday.', 'Done, the address is updated.', 'We have started your return. A pickup is scheduled for tomorrow.', 'Yes, we ship across India.', 'Cash on delivery is available for orders under ₹5,000.', 'Our stores are open 10 AM to 9 PM, all days.'];
const AI_AGENT = { id: 'aiflw_Sup9rtAg3ntX1', name: 'Support assistant' };

function buildConversations(rand, now, contacts) {
	const conversations = [];
	for (let i = 0; i < 2600; i++) {
		const known = contacts[i];
		const subscriber = known
			? { name: known.name, phone_number: known.phone_number }
			: { name: `${rand.pick(IN_FIRST)} ${rand.pick(IN_LAST)}`, phone_number: `+91${8000000000 + i * 7919}` };
		const ageDays = rand.chance(0.5) ? rand.next() * 2 : rand.next() * 45;
		const lastActivity = now - Math.floor(ageDays * DAY) - rand.int(1, 59) * MINUTE;
		const status = i === 0 ? 'open' : rand.weighted([['open', 30], ['pending', 15], ['awaiting_customer_response', 20], ['closed', 35]]);
		conversations.push({
			id: 1001 + i,
			status,
			escalated: i === 0 ? false : rand.chance(0.15),
			has_call_permission: rand.chance(0.2),
			_last_activity_type: rand.weighted([['message', 60], ['status_change', 15], ['assignment', 15], ['escalation', 10]]),
			_last_activity_at: iso(lastActivity),
			updated_at: iso(lastActivity + rand.int(0, 5) * 1000),
			created_at: iso(lastActivity - rand.int(1, 30) * DAY),
			subscriber,
			assigned_to: rand.chance(0.6) ? assignedTo(rand.pick(AGENTS)) : null,
		});
	}
	return conversations;
}

function buildMessages(rand, now, conversations, contacts) {
	const messages = [];
	contacts.forEach((contact, k) => {
		const conversation = conversations[k];
		const business = BUSINESS_NUMBERS[k % 7 === 6 ? 1 : 0];
		const end = Date.parse(conversation._last_activity_at);
		for (let j = 0; j < 8; j++) {
			const inbound = j % 2 === 0;
			const created = end - (7 - j) * rand.int(3, 40) * MINUTE;
			const byAi = !inbound && rand.chance(0.4);
			const withMedia = inbound && rand.chance(0.1);
			const n = messages.length;
			messages.push({
				id: String(900001 + n),
				external_id: `wamid.HBgM${stableId('', `message:${n}`, 28)}`,
				direction: inbound ? 'inbound' : 'outbound',
				text: withMedia ? 'Photo of the product' : inbound ? rand.pick(INBOUND_TEXTS) : rand.pick(OUTBOUND_TEXTS),
				content_type: withMedia ? 'image' : 'text',
				status: inbound ? 'received' : rand.weighted([['read', 5], ['delivered', 3], ['sent', 1]]),
				channel: 'whatsapp',
				conversation_id: conversation.id,
				created_at: iso(created),
				phone_number: { ...business },
				author: inbound
					? { type: 'contact', name: contact.name, email: contact.email, phone_number: contact.phone_number, ai_flow: null }
					: byAi
						? { type: 'ai_flow', name: AI_AGENT.name, email: null, phone_number: null, ai_flow: { ...AI_AGENT } }
						: { type: 'user', name: 'Priya (Support)', email: AGENTS[0].email, phone_number: null, ai_flow: null },
				media: withMedia ? { url: `https://cdn.example.com/peach/inbound/${n}.jpg`, mime_type: 'image/jpeg', filename: `IMG_${4000 + n}.jpg` } : null,
				_contact_phone: contact.phone_number,
			});
		}
	});
	return messages;
}

// ---------------------------------------------------------------------------------------------
// Orders and media
// ---------------------------------------------------------------------------------------------

function buildOrders(now, contacts) {
	const item = (id, productId, name, quantity, amount, sale) => ({ id, product_id: productId, name, quantity, amount, sale_amount: sale, currency: null });
	const specs = [
		{ key: 'pending', status: 'pending', ref: 'ext_ord_1245', type: 'digital_goods', contact: contacts[0], items: [item(1, 1, 'Product 1', 1, 10000, 10000), item(2, 3, 'Product 2', 1, 10000, 10000)], ageH: 2, expiresH: 22 },
		{ key: 'completed', status: 'completed', ref: 'ext_ord_1188', type: 'physical_goods', contact: contacts[2], items: [item(3, 7, 'Classic White Sneakers', 1, 349900, 299900)], tax: [53982, 'GST'], shipping: [0, 'Free shipping'], ageH: 30, expiresH: -6 },
		{ key: 'completed2', status: 'completed', ref: null, type: 'physical_goods', contact: contacts[3], items: [item(4, 9, 'Cotton Kurta', 2, 129900, 119900)], shipping: [9900, 'Express'], discount: [10000, 'WELCOME100'], ageH: 70, expiresH: -40 },
		{ key: 'canceled', status: 'canceled', ref: 'ext_ord_1102', type: 'physical_goods', contact: contacts[4], items: [item(5, 12, 'Steel Water Bottle', 3, 59900, 49900)], ageH: 120, expiresH: -90 },
		{ key: 'pending2', status: 'pending', ref: 'ext_ord_1301', type: 'digital_goods', contact: contacts[1], items: [item(6, 15, 'E-book: Cooking with Peaches', 1, 49900, 39900)], expirationDescription: 'Sorry, the offer has ended.', ageH: 1, expiresH: 47 },
	];
	return specs.map((s) => {
		const id = stableId('wa_ord_', `order:${s.key}`, 12);
		const subtotal = s.items.reduce((sum, it) => sum + it.sale_amount * it.quantity, 0);
		const [tax, taxDescription] = s.tax || [0, null];
		const [shipping, shippingDescription] = s.shipping || [0, null];
		const [discount, discountDescription] = s.discount || [0, null];
		const created = now - s.ageH * HOUR;
		return {
			id,
			status: s.status,
			reference_id: s.ref || id,
			external_id: s.ref,
			product_type: s.type,
			subtotal,
			tax,
			tax_description: taxDescription,
			shipping,
			shipping_description: shippingDescription,
			discount,
			discount_description: discountDescription,
			total_amount: subtotal + tax + shipping - discount,
			expiration: iso(now + s.expiresH * HOUR),
			expiration_description: s.expirationDescription || null,
			contact: { phone_number: s.contact.phone_number, name: s.contact.name },
			items: s.items,
			created_at: iso(created),
			updated_at: iso(s.status === 'pending' ? created : created + 20 * MINUTE),
			_key: s.key,
		};
	});
}

const MEDIA_KINDS = [
	['image/png', 'png', 'banner'], ['image/jpeg', 'jpg', 'product'], ['application/pdf', 'pdf', 'brochure'], ['video/mp4', 'mp4', 'lookbook'],
	['image/jpeg', 'jpg', 'offer'], ['application/pdf', 'pdf', 'invoice-template'], ['audio/mpeg', 'mp3', 'jingle'],
	['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', 'price-list'],
];

function buildMedias(rand, now) {
	const medias = [];
	const blobs = [];
	for (let i = 0; i < 40; i++) {
		const [contentType, ext, stem] = MEDIA_KINDS[i % MEDIA_KINDS.length];
		const filename = `${stem}-${String(i + 1).padStart(2, '0')}.${ext}`;
		const created = now - (90 - i * 2) * DAY - rand.int(0, 600) * MINUTE;
		const blobId = 101 + i;
		const byteSize = rand.int(20000, contentType.startsWith('image/') ? 900000 : 4000000);
		blobs.push({
			id: blobId,
			key: `1/${alnum(`blob:${blobId}`, 28).toLowerCase()}`,
			filename,
			content_type: contentType,
			metadata: { source: 'api', peach_media_direct_upload: true, account_id: 1 },
			byte_size: byteSize,
			checksum: Buffer.from(alnum(`checksum:${blobId}`, 16)).toString('base64').slice(0, 22) + '==',
			created_at: iso(created),
			signed_id: signBlobId(blobId),
			_uploaded: true,
		});
		medias.push({ id: 11 + i, content_type: contentType, created_at: iso(created + 5000), filename, media_url: `media://${blobId}`, _blob_id: blobId });
	}
	return { medias, blobs };
}

// ---------------------------------------------------------------------------------------------

function seed(now = Date.now()) {
	const rand = createRandom(20250527);
	const templates = buildTemplates(rand, now);
	const approved = templates.filter((t) => t.status === 'approved');
	const contactList = buildContacts(rand, now);
	const broadcasts = buildBroadcasts(rand, now, approved);
	const templateMessages = buildTemplateMessages(rand, now, { broadcasts, approvedTemplates: approved, contacts: contactList });
	const byBroadcast = new Map();
	for (const m of templateMessages) if (m.broadcast_id) (byBroadcast.get(m.broadcast_id) || byBroadcast.set(m.broadcast_id, []).get(m.broadcast_id)).push(m);
	for (const broadcast of broadcasts) {
		const own = byBroadcast.get(broadcast.id);
		if (own) broadcast.stats = broadcastStats(broadcast, own);
	}
	const conversations = buildConversations(rand, now, contactList);
	const messages = buildMessages(rand, now, conversations, contactList);
	const orders = buildOrders(now, contactList);
	const { medias, blobs } = buildMedias(rand, now);
	const automations = seedAutomations(now);

	const state = {
		templates,
		broadcasts,
		templateMessages,
		conversations,
		agents: AGENTS.map((agent) => ({ ...agent })),
		messages,
		contacts: new Map(contactList.map((c) => [c.phone_number, c])),
		orders,
		refunds: [],
		medias,
		blobs,
		events: [],
		...automations.state,
	};

	const byName = (name) => templates.find((t) => t.template_name === name).id;
	const idsByStatus = {};
	for (const b of broadcasts) (idsByStatus[b.status] ||= []).push(b.id);
	const fixtures = {
		apiKeyHeader: 'Authorization',
		businessPhoneNumbers: BUSINESS_NUMBERS.map((b) => b.number),
		whatsAppBusinessAccountId: WABA_ID,
		templates: {
			approvedWithVariables: byName('order_confirmation'),
			approvedWithVariablesNames: templateVariables(templates.find((t) => t.template_name === 'order_confirmation')),
			approvedNoVariables: byName('welcome_message'),
			approvedImageHeader: byName('summer_sale_image'),
			approvedDocumentHeader: byName('invoice_document'),
			approvedVideoHeader: byName('new_collection_video'),
			approvedAuthentication: byName('otp_login'),
			approvedHindi: byName('diwali_offer_hi'),
			approvedSpanish: byName('order_shipped_es'),
			pending: byName('loyalty_points_update'),
			rejected: byName('flash_sale_aggressive'),
			draft: byName('new_product_launch'),
			paused: byName('clearance_sale'),
		},
		broadcasts: { ...idsByStatus, large: idsByStatus.sent[0] },
		contact: { phone_number: '+919988776655', name: 'John Doe' },
		otherContact: { phone_number: '+13309106536', name: 'Alfred Hitchcock' },
		openConversationId: conversations[0].id,
		orders: Object.fromEntries(orders.map((o) => [o._key, o.id])),
		media: { id: medias[0].id, media_url: medias[0].media_url },
		aiAgentId: AI_AGENT.id,
		...automations.fixtures,
	};
	return { state, fixtures };
}

module.exports = { seed, BUSINESS_NUMBERS, FAILURE_MESSAGES, WABA_ID, broadcastStats };
