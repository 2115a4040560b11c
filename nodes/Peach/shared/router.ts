import type {
	DeclarativeRestApiSettings,
	INodeParameters,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError } from 'n8n-workflow';
import { sleepUnlessAborted } from '../../shared/limiter';
import {
	attachRun,
	DEFAULT_RATE_LIMIT_MAX_WAIT_S,
	DEFAULT_RATE_LIMIT_RETRIES,
	DEFAULT_TIMEOUT_MS,
	sendToPeach,
} from '../../shared/transport';
import type { PeachCredential, PeachRun, SendSettings } from '../../shared/transport';
import { EarlierTries, notSentAgainError, sendingOnceAcrossTries } from './earlierTries';

/**
 * Runs the Peach node's items. The operations are described declaratively (each operation's
 * `routing`: method and path, preSend hooks that build the request, postReceive hooks that shape
 * the output, a paginator), and this runs that description itself instead of n8n's routing:
 * - each parameter is evaluated once per item, and only when something reads it (n8n's routing
 *   evaluates every top-level parameter of every operation, twice, for every item);
 * - every request goes through `sendToPeach`, paced by the account's limiter, 429s resent, creates
 *   never resent;
 * - items run side by side up to a bound, after a failure no new item starts, and the error says
 *   how many items Peach had already accepted;
 * - with Retry On Fail, a create an earlier try of the run sent is not sent again (earlierTries.ts).
 */

/** Items in progress at once; the limiter decides how fast their requests really go. */
const ITEMS_IN_PROGRESS = 64;

type PaginationFunction = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

interface RequestPlan {
	options: IHttpRequestOptions;
	preSend: PreSendAction[];
	postReceive: PostReceiveAction[];
	paginate: boolean;
	pagination?: PaginationFunction;
	maxResults?: number;
}

function emptyPlan(): RequestPlan {
	return {
		options: { url: '', method: 'GET', qs: {}, body: {}, headers: {} },
		preSend: [],
		postReceive: [],
		paginate: false,
	};
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let cursor = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof cursor[key] !== 'object' || cursor[key] === null) cursor[key] = {};
		cursor = cursor[key] as IDataObject;
	}
	cursor[keys[keys.length - 1]] = value as IDataObject[string];
}

function rawValue(parameters: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

/**
 * Reads one property's `routing` (and that of the option or collection entries the user chose)
 * into the plan, the way n8n's routing does, reading the parameter's value only where the routing
 * sends it.
 */
function addRouting(
	context: IExecuteSingleFunctions,
	plan: RequestPlan,
	property: INodeProperties | INodePropertyOptions,
	parameters: IDataObject,
	path: string,
): void {
	const routing = property.routing;
	const name = 'name' in property ? property.name : '';
	const fullName = path ? `${path}.${name}` : name;
	if (routing) {
		const send = routing.send;
		const readsValue =
			!!send &&
			(send.property !== undefined ||
				send.paginate === '={{ $value }}' ||
				send.paginate === '={{$value}}');
		const value = readsValue
			? context.getNodeParameter(fullName, undefined, {
					extractValue: 'type' in property && property.type === 'resourceLocator',
				})
			: undefined;
		if (routing.request) Object.assign(plan.options, routing.request);
		if (send?.property !== undefined) {
			const target = (send.type === 'body' ? plan.options.body : plan.options.qs) as IDataObject;
			if (send.propertyInDotNotation === false)
				target[send.property] = value as IDataObject[string];
			else setPath(target, send.property, value);
		}
		if (send?.paginate !== undefined)
			plan.paginate = send.paginate === true || (typeof send.paginate === 'string' && !!value);
		if (send?.preSend) plan.preSend.push(...send.preSend);
		if (routing.output?.postReceive) plan.postReceive.push(...routing.output.postReceive);
		if (typeof routing.output?.maxResults === 'number') plan.maxResults = routing.output.maxResults;
		if (typeof routing.operations?.pagination === 'function') {
			plan.pagination = routing.operations.pagination as unknown as PaginationFunction;
		}
	}
	if (!('type' in property)) return;
	if (property.type === 'options' && property.options) {
		const chosen = rawValue(parameters, fullName);
		const option = (property.options as INodePropertyOptions[]).find(
			(entry) => entry.value === chosen,
		);
		if (option?.routing) addRouting(context, plan, option, parameters, path);
	} else if (property.type === 'collection' && property.options) {
		const set = (rawValue(parameters, fullName) ?? {}) as IDataObject;
		for (const option of property.options as INodeProperties[]) {
			if (Object.prototype.hasOwnProperty.call(set, option.name)) {
				addRouting(context, plan, option, parameters, fullName);
			}
		}
	}
}

/** The request an item's operation describes, before its preSend hooks run. */
function planRequest(
	context: IExecuteSingleFunctions,
	description: INodeTypeDescription,
): RequestPlan {
	const node = context.getNode();
	const parameters = node.parameters as INodeParameters;
	const plan = emptyPlan();
	for (const property of description.properties) {
		if (!NodeHelpers.displayParameter(parameters, property, node, description, parameters))
			continue;
		addRouting(context, plan, property, parameters as IDataObject, '');
	}
	return plan;
}

/** Runs an answer through the operation's postReceive hooks, as n8n's routing does. */
async function shapeOutput(
	context: IExecuteSingleFunctions,
	plan: RequestPlan,
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
	for (const action of plan.postReceive) {
		if (typeof action !== 'function') {
			throw new NodeOperationError(
				context.getNode(),
				`Unsupported postReceive action "${action.type}"`,
			);
		}
		items = await action.call(context, items, response);
	}
	return items;
}

/**
 * An item's view of the node's context, the one preSend and postReceive hooks expect. Each
 * parameter is evaluated at most once per item: the hooks of one operation may read the same
 * parameter several times, and a user's expression should run once.
 */
function itemContext(
	exec: IExecuteFunctions,
	itemIndex: number,
	guard?: CreateGuard,
): IExecuteSingleFunctions {
	const evaluated = new Map<string, unknown>();
	const sendOnce = guard && {
		httpRequest: {
			value: sendingOnceAcrossTries(
				async (options) => await exec.helpers.httpRequest(options),
				guard.tries,
				itemIndex,
				(why, request) => (guard.notSentAgain = notSentAgainError(exec.getNode(), itemIndex, why, request)),
				() => (guard.wrote = true),
			),
		},
	};
	const helpers = Object.create(exec.helpers, {
		...sendOnce,
		assertBinaryData: {
			value: (propertyName: string) => exec.helpers.assertBinaryData(itemIndex, propertyName),
		},
		getBinaryDataBuffer: {
			value: async (propertyName: string) =>
				await exec.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		},
	});
	return Object.create(exec, {
		helpers: { value: helpers },
		getItemIndex: { value: () => itemIndex },
		getInputData: {
			value: (inputIndex = 0) => exec.getInputData(inputIndex)[itemIndex] ?? { json: {} },
		},
		getWorkflowDataProxy: { value: () => exec.getWorkflowDataProxy(itemIndex) },
		evaluateExpression: {
			value: (expression: string, index = itemIndex) => exec.evaluateExpression(expression, index),
		},
		getCredentials: {
			value: async (type: string) => await exec.getCredentials(type, itemIndex),
		},
		getNodeParameter: {
			value: (name: string, fallback?: unknown, options?: IDataObject) => {
				// A set parameter's value does not depend on the fallback, so readers that pass
				// different fallbacks (the type check, the operation) share one evaluation.
				if (!isSet(exec.getNode().parameters, name)) {
					return exec.getNodeParameter(name, itemIndex, fallback, options);
				}
				const key = `${name}\u0000${JSON.stringify(options ?? {})}`;
				if (!evaluated.has(key)) {
					evaluated.set(key, exec.getNodeParameter(name, itemIndex, fallback, options));
				}
				return copyOf(evaluated.get(key));
			},
		},
	}) as IExecuteSingleFunctions;
}

/** Whether the node holds a value at this parameter path (n8n's paths: names joined by dots). */
function isSet(parameters: INodeParameters, path: string): boolean {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
			return false;
		value = (value as IDataObject)[key];
	}
	return value !== undefined;
}

/** Hooks may change what they read; each read gets its own copy of objects. */
function copyOf(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyOf);
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyOf(entry)]));
	}
	return value;
}

/** An item's creates across the tries of its node run, and the error of one not sent again. */
interface CreateGuard {
	tries: EarlierTries;
	notSentAgain?: NodeApiError;
	/** Whether the item sent (or was answered for) a write to Peach. */
	wrote?: boolean;
}

/**
 * One item. A create not sent again because an earlier try sent it fails the item with that
 * reason, whatever error the request path made of the refusal on its way out.
 */
async function runItem(
	exec: IExecuteFunctions,
	itemIndex: number,
	run: PeachRun,
	description: INodeTypeDescription,
	tries?: EarlierTries,
): Promise<INodeExecutionData[]> {
	if (!tries) return await buildSendAndShape(itemContext(exec, itemIndex), itemIndex, run, description);
	const input = exec.getInputData()[itemIndex];
	const finished = tries.findFinished(itemIndex, input);
	if (finished) return finished.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	const guard: CreateGuard = { tries };
	let items: INodeExecutionData[];
	try {
		items = await buildSendAndShape(itemContext(exec, itemIndex, guard), itemIndex, run, description);
	} catch (error) {
		throw guard.notSentAgain ?? error;
	}
	if (guard.wrote) tries.rememberFinished(itemIndex, input, items.map((item) => item.json));
	return items;
}

/** One item: build the request, send it (or page through a list), shape the output. */
async function buildSendAndShape(
	context: IExecuteSingleFunctions,
	itemIndex: number,
	run: PeachRun,
	description: INodeTypeDescription,
): Promise<INodeExecutionData[]> {
	attachRun(context, run);
	const plan = planRequest(context, description);
	for (const preSend of plan.preSend) plan.options = await preSend.call(context, plan.options);

	const sendAndShape = async (options: IHttpRequestOptions) =>
		await shapeOutput(context, plan, await sendToPeach(context, options));
	let items: INodeExecutionData[];
	if (plan.paginate && plan.pagination) {
		const paginationContext = Object.create(context, {
			makeRoutingRequest: {
				value: async (requestData: DeclarativeRestApiSettings.ResultOptions) =>
					await sendAndShape(requestData.options as IHttpRequestOptions),
			},
		}) as IExecutePaginationFunctions;
		attachRun(paginationContext, run);
		items = await plan.pagination.call(paginationContext, {
			options: plan.options,
			preSend: plan.preSend,
			postReceive: [],
			requestOperations: {},
			paginate: true,
			maxResults: plan.maxResults,
		} as DeclarativeRestApiSettings.ResultOptions);
	} else {
		items = await sendAndShape(plan.options);
	}
	if (plan.maxResults) items = items.slice(0, plan.maxResults);
	for (const item of items) item.pairedItem = { item: itemIndex };
	return items;
}

/** The node's Request Options, read once per run. */
function readSettings(exec: IExecuteFunctions): {
	settings: SendSettings;
	batchSize: number;
	batchIntervalMs: number;
} {
	const options = exec.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const batch = ((options.batching as IDataObject)?.batch ?? {}) as IDataObject;
	const timeout = Number(options.timeout);
	const retries = Number(options.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES);
	const maxWait = Number(options.rateLimitMaxWait ?? DEFAULT_RATE_LIMIT_MAX_WAIT_S);
	const settings: SendSettings = {
		timeoutMs: timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
		rateLimitRetries:
			Number.isFinite(retries) && retries >= 0 ? Math.floor(retries) : DEFAULT_RATE_LIMIT_RETRIES,
		rateLimitMaxWaitMs:
			(Number.isFinite(maxWait) && maxWait >= 0 ? maxWait : DEFAULT_RATE_LIMIT_MAX_WAIT_S) * 1000,
	};
	if (options.allowUnauthorizedCerts) settings.skipSslCertificateValidation = true;
	if (typeof options.proxy === 'string' && options.proxy.trim()) {
		settings.proxy = parseProxy(exec, options.proxy.trim());
	}
	const size = Number(batch.batchSize);
	const interval = Number(batch.batchInterval);
	return {
		settings,
		batchSize: size > 0 ? size : 0,
		batchIntervalMs: size > 0 && interval > 0 ? interval : 0,
	};
}

function parseProxy(exec: IExecuteFunctions, proxy: string): IHttpRequestOptions['proxy'] {
	let url: URL;
	try {
		url = new URL(proxy);
	} catch {
		throw new NodeOperationError(
			exec.getNode(),
			`Request Options → Proxy: "${proxy.slice(0, 100)}" is not a URL`,
			{
				description: 'Enter the proxy as http://host:port (or http://user:password@host:port).',
			},
		);
	}
	return {
		host: url.hostname,
		port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
		protocol: url.protocol.replace(/:$/, ''),
		...(url.username
			? {
					auth: {
						username: decodeURIComponent(url.username),
						password: decodeURIComponent(url.password),
					},
				}
			: {}),
	};
}

function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return {
		json: { error: error.message },
		error,
		pairedItem: { item: itemIndex },
	};
}

function asNodeError(
	exec: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(exec.getNode(), error as Error, { itemIndex });
}

/** Whether the chosen operation changes something in Peach (its own request is not a read). */
function operationWrites(exec: IExecuteFunctions, description: INodeTypeDescription): boolean {
	const parameters = exec.getNode().parameters as INodeParameters;
	const operationProperty = description.properties.find(
		(property) =>
			property.name === 'operation' &&
			NodeHelpers.displayParameter(parameters, property, exec.getNode(), description, parameters),
	);
	const option = (operationProperty?.options as INodePropertyOptions[] | undefined)?.find(
		(entry) => entry.value === parameters.operation,
	);
	const method = String(option?.routing?.request?.method ?? 'GET').toUpperCase();
	return method !== 'GET';
}

/** The execute() of the Peach node. */
export async function runPeachItems(
	this: IExecuteFunctions,
	description: INodeTypeDescription,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { settings, batchSize, batchIntervalMs } = readSettings(this);
	const credential = await this.getCredentials<PeachCredential>('peachApi');
	const run: PeachRun = {
		credential,
		settings,
		lookups: new Map(),
		signal: this.getExecutionCancelSignal(),
	};
	const tries = EarlierTries.of(this);
	const results: INodeExecutionData[][] = new Array(items.length);
	const started = Date.now();
	let next = 0;
	let accepted = 0;
	const failures: Array<{ error: NodeApiError | NodeOperationError; itemIndex: number }> = [];

	const worker = async () => {
		while (!failures.length && next < items.length) {
			const itemIndex = next++;
			if (batchIntervalMs) {
				// The user's own Batching: each batch starts one interval after the previous one.
				const startAt = started + Math.floor(itemIndex / batchSize) * batchIntervalMs;
				const wait = startAt - Date.now();
				if (wait > 0 && !(await sleepUnlessAborted(wait, run.signal))) return;
			}
			try {
				results[itemIndex] = await runItem(this, itemIndex, run, description, tries);
				accepted++;
			} catch (caught) {
				const error = asNodeError(this, caught, itemIndex);
				if (this.continueOnFail()) {
					results[itemIndex] = [errorItem(error, itemIndex)];
				} else {
					failures.push({ error, itemIndex });
				}
			}
		}
	};
	const workers = Math.min(ITEMS_IN_PROGRESS, batchSize || ITEMS_IN_PROGRESS, items.length);
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.length) {
		// The first item that failed, in item order, is the one reported.
		const { error } = failures.reduce((first, entry) =>
			entry.itemIndex < first.itemIndex ? entry : first,
		);
		if (accepted > 0 && operationWrites(this, description)) {
			error.description =
				`${error.description ?? ''} Before this failure Peach had already accepted ${accepted} of the ${items.length} items of this node in this run; they are not in the output because the node stopped, and running the node again would send them again. In the node's Settings set On Error to "Continue (using error output)": items Peach accepted then go on, and failed ones go to the error output where they can be routed.`.trim();
		}
		throw error;
	}
	const output = results.flat();
	// n8n runs a node again only when it fails or its first item is an error item (continue on fail).
	if (!output[0]?.json?.error) tries?.forget();
	return [output];
}
