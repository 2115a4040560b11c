import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret that protects the Peach Trigger's webhook URL. It is never sent anywhere:
 * the trigger compares it with what each incoming request carries (a header, a query token or
 * an HMAC-SHA256 signature), so there is no remote endpoint to test it against. The trigger node
 * checks it locally instead (see `testedBy` in PeachTrigger.node.ts).
 */
export class PeachWebhookApi implements ICredentialType {
	name = 'peachWebhookApi';

	displayName = 'Peach Webhook Secret API';

	icon: Icon = { light: 'file:../icons/peach.svg', dark: 'file:../icons/peach.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-peach/n8n-nodes-peach#trigger-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Shared Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random value (at least 16 characters) that only you and the sender know. Depending on the Peach Trigger\'s Authentication setting it is expected in a header, in the URL\'s query, or as the HMAC-SHA256 signing key.',
		},
	];
}
