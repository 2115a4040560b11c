/**
 * The trigger's description, its lifecycle methods, its credential and codex: what the editor
 * shows and what n8n calls on activation.
 */
const path = require('path');

const { PeachTrigger } = require('../../dist/nodes/PeachTrigger/PeachTrigger.node.js');
const { PeachWebhookApi } = require('../../dist/credentials/PeachWebhookApi.credentials.js');
const { PEACH_EVENTS } = require('../../dist/nodes/PeachTrigger/events.js');
const codex = require('../../dist/nodes/PeachTrigger/PeachTrigger.node.json');
const packageJson = require('../../package.json');

const README_ANCHOR = 'https://github.com/n8n-nodes-peach/n8n-nodes-peach#trigger-setup';

const trigger = new PeachTrigger();
const { description } = trigger;
const property = (name) => description.properties.find((p) => p.name === name);

/** A `this` that fails on any use, to show a method does nothing with n8n or the network. */
const untouchable = new Proxy(
	{},
	{
		get(_target, key) {
			throw new Error(`lifecycle method used this.${String(key)}`);
		},
	},
);

describe('Peach Trigger description', () => {
	test('is a webhook trigger answering POST at once', () => {
		expect(description).toMatchObject({
			displayName: 'Peach Trigger',
			name: 'peachTrigger',
			group: ['trigger'],
			version: [1, 2],
			defaultVersion: 2,
			inputs: [],
			outputs: ['main'],
		});
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
		]);
		expect(description.usableAsTool).toBeUndefined();
	});

	test('the lifecycle methods exist and do no remote work', async () => {
		const methods = trigger.webhookMethods.default;
		expect(Object.keys(methods).sort()).toEqual(['checkExists', 'create', 'delete']);
		await expect(methods.checkExists.call(untouchable)).resolves.toBe(true);
		await expect(methods.create.call(untouchable)).resolves.toBe(true);
		await expect(methods.delete.call(untouchable)).resolves.toBe(true);
	});

	test('the setup notice gives the steps and says the test and production URLs differ', () => {
		const notices = [property('setupNotice'), property('testUrlNotice')];
		notices.forEach((notice) => expect(notice.type).toBe('notice'));
		// The editor strips HTML from community nodes' notices: plain text only.
		notices.forEach((notice) => expect(notice.displayName).not.toMatch(/<[a-z]/i));
		const text = notices.map((notice) => notice.displayName).join(' ');
		expect(text).toMatch(/1\. .*Production URL/);
		expect(text).toMatch(/2\. .*Peach dashboard.*Webhooks.*paste the URL.*events.*save/);
		expect(text).toMatch(/3\. Publish \(activate\) this workflow/);
		expect(text).toContain('Test URL');
		expect(text).toContain('Listen for test event');
	});

	test('Events: every documented event, grouped by family, plus All Events', () => {
		const events = property('events');
		expect(events.type).toBe('multiOptions');
		const values = events.options.map((o) => o.value);
		expect(values.sort()).toEqual(['*', ...PEACH_EVENTS.map((e) => e.type)].sort());
		expect(PEACH_EVENTS.map((e) => e.type)).toEqual([
			'order.completed',
			'order.canceled',
			'flow_execution.pending',
			'flow_execution.in_progress',
			'flow_execution.completed',
			'message_delivery.sent',
			'message_delivery.delivered',
			'message_delivery.read',
			'message_delivery.failed',
			'message_delivery.replied',
			'ai_flow_execution.started',
			'ai_flow_execution.escalated',
			'ai_flow_execution.completed',
			'ai_flow_execution.analyzed',
		]);
		const families = { order: 'Order', flow_execution: 'Flow Execution', message_delivery: 'Message Delivery', ai_flow_execution: 'AI Agent Execution' };
		for (const option of events.options) {
			expect(option.description).toBeTruthy();
			if (option.value === '*') continue;
			const family = option.value.split('.')[0];
			expect(option.name.startsWith(`${families[family]}: `)).toBe(true);
		}
	});

	test('Authentication: None, Header Secret, Query Token, HMAC-SHA256 Signature; secrets only in the credential', () => {
		const authentication = property('authentication');
		expect(authentication.default).toBe('none');
		expect(authentication.options.map((o) => o.value).sort()).toEqual(
			['headerSecret', 'hmacSignature', 'none', 'queryToken'].sort(),
		);
		for (const p of description.properties) {
			expect(p.typeOptions?.password).toBeUndefined();
			expect(p.name.toLowerCase()).not.toMatch(/secret$|password/);
		}
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: 'peachWebhookApi',
				required: true,
				displayOptions: { show: { authentication: ['headerSecret', 'hmacSignature', 'queryToken'] } },
			}),
		]);
	});

	test('Delivery Filters: message type and recipient phone number', () => {
		const filters = property('deliveryFilters');
		expect(filters.type).toBe('collection');
		expect(filters.options.map((o) => o.name)).toEqual(['messageType', 'recipientPhone']);
		const messageType = filters.options[0];
		expect(messageType.options.map((o) => [o.name, o.value])).toEqual([
			['Session Message', 'message'],
			['Template Message', 'template_message'],
		]);
		expect(filters.options[1].placeholder).toBe('e.g. +919988776655');
	});

	test('Simplify and duplicate options', () => {
		expect(property('simplify')).toMatchObject({ type: 'boolean', default: true });
		const duplicates = description.properties.filter((p) => p.name === 'dropDuplicates');
		expect(duplicates.map((p) => [p.default, p.displayOptions.show['@version']])).toEqual([
			[false, [1]],
			[true, [{ _cnd: { gte: 2 } }]],
		]);
		expect(duplicates[1].description).toMatch(/never dropped: AI agent events name only the agent/);
		expect(property('duplicateWindow').description).toMatch(/at most the 1,000 most recent events/);
		expect(property('duplicateWindow')).toMatchObject({
			type: 'number',
			default: 300,
			displayOptions: { show: { dropDuplicates: [true] } },
		});
	});
});

describe('Peach Trigger version 2: nothing for n8n to evaluate per request', () => {
	const { webhookDescriptionIsNativelyResolvable } = require('n8n-workflow');

	test('new nodes get version 2, whose webhook description n8n resolves without its expression engine', () => {
		expect(description.defaultVersion).toBe(2);
		for (const webhook of description.webhooks) expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
		// n8n evaluates `$parameter.options.binaryData` for every request to a typeVersion 1 webhook;
		// the node has no such option, so version 2 leaves n8n nothing to evaluate.
		expect(description.properties.map((p) => p.name)).not.toContain('options');
	});
});

describe('Peach Webhook Secret credential', () => {
	const credential = new PeachWebhookApi();
	const check = trigger.methods.credentialTest[description.credentials[0].testedBy];

	test('one password field, icons and the README anchor', () => {
		expect(credential.name).toBe('peachWebhookApi');
		expect(credential.documentationUrl).toBe(README_ANCHOR);
		expect(credential.icon).toEqual({ light: 'file:../icons/peach.svg', dark: 'file:../icons/peach.dark.svg' });
		expect(credential.properties).toEqual([
			expect.objectContaining({ name: 'secret', type: 'string', typeOptions: { password: true }, required: true }),
		]);
	});

	test('is checked locally by the trigger (nothing remote to test)', async () => {
		expect(typeof check).toBe('function');
		const test = (secret) => check.call(untouchable, { id: '1', name: 'x', type: 'peachWebhookApi', data: { secret } });
		await expect(test('short')).resolves.toMatchObject({ status: 'Error', message: expect.stringContaining('16') });
		await expect(test(' pch_whsec_5a1f0c9e7d2b ')).resolves.toMatchObject({ status: 'Error' });
		await expect(test(undefined)).resolves.toMatchObject({ status: 'Error' });
		await expect(test('pch_whsec_5a1f0c9e7d2b4c3a')).resolves.toMatchObject({ status: 'OK' });
	});
});

describe('codex and registration', () => {
	test('codex names the node type, categories and the README anchor', () => {
		expect(codex).toMatchObject({
			node: 'n8n-nodes-peach.peachTrigger',
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: ['Communication', 'Marketing & Content'],
			resources: {
				primaryDocumentation: [{ url: README_ANCHOR }],
				credentialDocumentation: [{ url: README_ANCHOR }],
			},
		});
	});

	test('package.json registers the trigger and its credential', () => {
		expect(packageJson.n8n.nodes).toContain('dist/nodes/PeachTrigger/PeachTrigger.node.js');
		expect(packageJson.n8n.credentials).toContain('dist/credentials/PeachWebhookApi.credentials.js');
		expect(path.basename(require.resolve('../../dist/nodes/PeachTrigger/PeachTrigger.node.js'))).toBe(
			'PeachTrigger.node.js',
		);
	});
});
