import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import {
	BASE_URL_FIELD,
	checkBaseUrl,
	connectionFailureKind,
	DEFAULT_BASE_URL,
	describeConnectionFailure,
} from './baseUrl';
import { scrubSecrets } from './errors';
import { errorCode, isTimeout } from './transport';

/** The name the nodes' `testedBy` gives the Peach API credential's test. */
export const PEACH_API_CREDENTIAL_TEST = 'peachApiConnection';

/** Long enough for a slow network, short enough that the Test button does not seem to hang. */
export const CREDENTIAL_TEST_TIMEOUT_MS = 15_000;

/** Listing one conversation is the cheapest authenticated read Peach offers. */
const TEST_PATH = '/api/v1/conversations';

function fail(message: string, secrets: string[]): INodeCredentialTestResult {
	return { status: 'Error', message: scrubSecrets(message, secrets) };
}

/** The API key's form: what Peach would refuse whatever the key is. */
function apiKeyProblem(apiKey: unknown): string | undefined {
	if (typeof apiKey !== 'string' || apiKey === '') {
		return 'Enter the API key from the Peach dashboard (Settings → API) in API Key.';
	}
	if (/^bearer\s/i.test(apiKey.trim())) {
		return 'Remove "Bearer " from the start of API Key: Peach expects the key alone.';
	}
	if (apiKey.trim() !== apiKey) {
		return 'Remove the spaces or line breaks at the start or end of API Key.';
	}
	return undefined;
}

/**
 * The Peach API credential's Test button. A request-based test would show n8n's raw error codes
 * (ERR_INVALID_URL, ECONNREFUSED); this checks the Base URL's form first, then asks Peach for one
 * conversation and says in words what any failure means. It never repeats the API key.
 */
export async function testPeachApiCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const apiKey = credential.data?.apiKey;
	const secrets = typeof apiKey === 'string' ? [apiKey, apiKey.trim()] : [];
	const keyProblem = apiKeyProblem(apiKey);
	if (keyProblem) return fail(keyProblem, secrets);
	const baseUrl = checkBaseUrl(credential.data?.baseUrl);
	if (!baseUrl.ok) return fail(`Base URL ${baseUrl.problem}. ${baseUrl.fix}`, secrets);
	const where = `${baseUrl.url}${TEST_PATH}`;

	let response: { statusCode: number; body: unknown };
	try {
		// A credential test's context offers only `request`: ICredentialTestFunctions has no httpRequest.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- the only request helper a credential test gets
		response = (await this.helpers.request({
			method: 'GET',
			uri: where,
			qs: { per: 1 },
			headers: { Authorization: apiKey, Accept: 'application/json' },
			json: true,
			timeout: CREDENTIAL_TEST_TIMEOUT_MS,
			resolveWithFullResponse: true,
			simple: false,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const code = errorCode(error);
		const kind = connectionFailureKind(code);
		if (kind) {
			const { problem, fix } = describeConnectionFailure(kind, baseUrl.hostPort, code);
			return fail(`${problem}. ${fix}`, secrets);
		}
		if (isTimeout(error)) {
			return fail(
				`${baseUrl.hostPort} accepted the connection but did not answer within ${CREDENTIAL_TEST_TIMEOUT_MS / 1000} s. Check that ${BASE_URL_FIELD} is your Peach address (${DEFAULT_BASE_URL} unless Peach gave you another), and the n8n host's network; if Peach is slow right now, test again later.`,
				secrets,
			);
		}
		if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
			return fail(
				`The TLS certificate of ${baseUrl.hostPort} could not be verified (${code}). Check that ${BASE_URL_FIELD} is your Peach address, or use http:// only for a local test server.`,
				secrets,
			);
		}
		if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'EPROTO') {
			return fail(
				`The connection to ${baseUrl.hostPort} broke before it answered (${code}). If the Base URL starts with http:// for a server that only speaks https:// (or the other way round), change it; otherwise test again.`,
				secrets,
			);
		}
		return fail(
			`Could not ask Peach at ${baseUrl.hostPort} (${code || 'no answer'}). Check ${BASE_URL_FIELD} and the n8n host's network.`,
			secrets,
		);
	}

	const { statusCode, body } = response;
	if (statusCode === 401) {
		return fail(
			'Peach did not accept the API key (401). Copy it again from the Peach dashboard (Settings → API), with no spaces and no "Bearer" prefix.',
			secrets,
		);
	}
	if (statusCode === 403) {
		return fail(
			'Peach refused this API key (403): it may not read conversations. Check the key and its permissions in the Peach dashboard (Settings → API).',
			secrets,
		);
	}
	if (statusCode === 404) {
		return fail(
			`${baseUrl.hostPort} answered 404 Not Found for ${TEST_PATH}: the Base URL does not point at Peach's API. Use ${DEFAULT_BASE_URL} unless Peach gave you another address.`,
			secrets,
		);
	}
	if (statusCode === 429) {
		return fail(
			'Peach answered 429: this account is at its rate limit right now. Test again in a minute.',
			secrets,
		);
	}
	if (statusCode >= 500) {
		return fail(
			`Peach is failing to answer (${statusCode}). This is on Peach's side (or a proxy in front of it); test again later.`,
			secrets,
		);
	}
	if (statusCode >= 300) {
		return fail(
			`${baseUrl.hostPort} answered ${statusCode} for ${TEST_PATH}, which Peach's API does not. Check ${BASE_URL_FIELD}: ${DEFAULT_BASE_URL} unless Peach gave you another address.`,
			secrets,
		);
	}
	if (body === null || typeof body !== 'object') {
		return fail(
			`${baseUrl.hostPort} answered, but not as Peach's API does (the answer is not JSON). Check ${BASE_URL_FIELD}: ${DEFAULT_BASE_URL} unless Peach gave you another address.`,
			secrets,
		);
	}
	return { status: 'OK', message: `Connected to Peach at ${baseUrl.hostPort}; the API key works.` };
}
