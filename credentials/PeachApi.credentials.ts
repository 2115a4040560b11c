import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class PeachApi implements ICredentialType {
	name = 'peachApi';

	displayName = 'Peach API';

	icon: Icon = { light: 'file:../icons/peach.svg', dark: 'file:../icons/peach.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-peach/n8n-nodes-peach#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The API key from the Peach dashboard (Settings → API, or Developers → API Keys). It is sent as it is, without a "Bearer" prefix.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.trypeach.ai',
			placeholder: 'e.g. https://app.trypeach.ai',
			description:
				'Where your Peach account lives: the address only, starting with https://, with no /api/v1 and nothing after the host. Keep the default unless Peach gave you another address (for example https://app.trypeach.io). The Test button checks its form and says what to fix.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description:
				'0 (the default) means no cap: the nodes find Peach’s rate limit by themselves. Set a cap, e.g. 2.5, only when other systems use this account’s limit too (for example another n8n, or broadcasts from the Peach dashboard).',
		},
	];

	// Peach expects the raw key in Authorization, with no scheme in front of it.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiKey}}',
			},
		},
	};

	// No declarative `test`: n8n would use it before the nodes' `testedBy` and show raw error codes
	// (ERR_INVALID_URL, ECONNREFUSED). The Peach nodes test this credential with a function that
	// checks the Base URL's form and explains each failure (nodes/shared/credentialTest.ts).
}
