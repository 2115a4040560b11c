import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
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
				'Where your Peach account lives. Keep the default unless Peach gave you another address (for example https://app.trypeach.io).',
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

	// Listing one conversation is the cheapest authenticated read Peach offers.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/conversations',
			qs: { per: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Peach answered 401 Unauthorized: the API key is wrong, revoked or pasted with extra characters. Copy it again from the Peach dashboard (Settings → API).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Peach answered 404 Not Found: the Base URL does not point at a Peach account. Use https://app.trypeach.ai unless Peach gave you another address.',
				},
			},
		],
	};
}
