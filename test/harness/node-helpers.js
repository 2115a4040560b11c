/**
 * Test glue shared by the node tests: parameter builders shaped like what the n8n editor stores,
 * and a small ILoadOptionsFunctions whose requests really reach the sandbox (with the credential's
 * Authorization header added the way n8n adds it), for the pickers and the variable fields.
 */
const { DIST } = require('./index');

const { Peach } = require(`${DIST}/nodes/Peach/Peach.node.js`);

/** A resource locator value as the editor stores it. */
function locator(value, mode = 'list') {
	return { __rl: true, mode, value };
}

/** A Template Variables (resource mapper) value: the mapped values and the fields the editor loaded. */
function mapped(value, schema = Object.keys(value).map((id) => ({ id, required: true }))) {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: schema.map((field) => ({
			displayName: field.id,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
			required: false,
			...field,
		})),
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
}

function valueAt(parameters, path) {
	return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), parameters);
}

/** What n8n's httpRequest does, over real HTTP (headers as given). */
async function send(options) {
	return await sendWithCredential({ apiKey: options.headers?.Authorization }, options);
}

/** What n8n's httpRequestWithAuthentication does for the Peach credential, over real HTTP. */
async function sendWithCredential(credential, options) {
	const url = new URL(`${options.baseURL ?? ''}${options.url}`);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const response = await fetch(url, {
		method: options.method ?? 'GET',
		headers: { ...options.headers, Authorization: credential.apiKey },
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await response.text();
	let body = text;
	try {
		body = text ? JSON.parse(text) : '';
	} catch {
		body = text;
	}
	if (response.status >= 400 && !options.ignoreHttpStatusErrors) {
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), { body });
	}
	const headers = Object.fromEntries(response.headers.entries());
	return options.returnFullResponse ? { statusCode: response.status, body, headers } : body;
}

/**
 * A fake ILoadOptionsFunctions for `parameters` (the node's current parameters), talking to the
 * sandbox with its key (or `apiKey`).
 */
function loadOptionsContext(sandbox, parameters = {}, { apiKey = sandbox.apiKey } = {}) {
	const credential = { apiKey, baseUrl: sandbox.url };
	const read = (name, fallback, options) => {
		let value = valueAt(parameters, name);
		if (value === undefined) return fallback;
		if (options?.extractValue && value && typeof value === 'object' && value.__rl) value = value.value;
		return value;
	};
	return {
		getNode: () => ({ id: 'peach', name: 'Peach', type: 'n8n-nodes-peach.peach', typeVersion: 1, parameters }),
		getCredentials: async (type) => {
			if (type !== 'peachApi') throw new Error(`Unexpected credential type ${type}`);
			return { ...credential };
		},
		getNodeParameter: read,
		getCurrentNodeParameter: (name, options) => read(name, undefined, options),
		getCurrentNodeParameters: () => parameters,
		helpers: {
			httpRequest: send,
			async httpRequestWithAuthentication(type, options) {
				if (type !== 'peachApi') throw new Error(`Unexpected credential type ${type}`);
				return await sendWithCredential(credential, options);
			},
		},
	};
}

/**
 * Asserts the run sent exactly one request to Peach, with this method, path and query and the
 * credential's key in Authorization, and returns it.
 */
function theOnlyRequest(ctx, { method, path, query = {} }) {
	const requests = ctx.apiRequests();
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(request).toMatchObject({ method, path, query });
	expect(request.headers.authorization).toBe(ctx.sandbox.apiKey);
	return request;
}

/** The node's own list-search and resource-mapper methods, as n8n calls them. */
function nodeMethods() {
	return new Peach().methods;
}

module.exports = { locator, mapped, loadOptionsContext, nodeMethods, theOnlyRequest };
