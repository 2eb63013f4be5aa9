import type { LanguageModelV4CallOptions, SharedV4ProviderOptions } from '@ai-sdk/provider';
import { chatPrompt } from './chat-messages.js';
import { chatResponseFormat } from './chat-response-format.js';
import { chatToolChoice, chatTools } from './chat-tools.js';
import { checkChatKeys } from './chat-unsupported.js';
import {
  arrayAt,
  invalidType,
  invalidValue,
  isJsonObject,
  type JsonObject,
  type NumberRange,
  objectAt,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
} from './request-fields.js';

/** A chat completion request, translated for the router's model. */
export interface ChatRequest {
  /** The route or target the client named. */
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`: a final chunk with usage, and `usage: null` on the others. */
  includeUsage: boolean;
  /** Everything but the abort signal, which the server adds (it owns the connection). */
  callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'>;
  /** OpenAI's end-user id, for the trace. */
  user?: string;
  /** OpenAI's `metadata` (string values), for the trace. */
  metadata?: Record<string, string>;
}

const positiveInteger: NumberRange = { integer: true, min: 1 };

/** Numeric parameters that map one to one, with OpenAI's ranges. */
const samplingParameters: [
  string,
  'temperature' | 'topP' | 'topK' | 'presencePenalty' | 'frequencyPenalty' | 'seed',
  NumberRange,
][] = [
  ['temperature', 'temperature', { min: 0, max: 2 }],
  ['top_p', 'topP', { min: 0, max: 1 }],
  ['top_k', 'topK', positiveInteger],
  ['presence_penalty', 'presencePenalty', { min: -2, max: 2 }],
  ['frequency_penalty', 'frequencyPenalty', { min: -2, max: 2 }],
  ['seed', 'seed', { integer: true }],
];

const reasoningEfforts = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
const verbosities = new Set(['low', 'medium', 'high']);

/**
 * Validates an OpenAI chat completion body and translates it to V4 call options. A wrong type is
 * a 400 naming the `param`; a parameter the gateway cannot honour is a 400 saying so (never
 * silently dropped); `chat-unsupported.ts` lists which keys are which.
 */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isJsonObject(body)) throw invalidValue('body', 'the request body must be a JSON object.');
  checkChatKeys(body);
  const model = requiredString(body, 'model');
  const prompt = chatPrompt(body.messages);
  const callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'> = { prompt };
  const openai: Record<string, string | boolean> = {};
  const providerOptions: SharedV4ProviderOptions = {};

  const maxCompletionTokens = optionalNumber(body, 'max_completion_tokens', positiveInteger);
  const maxTokens = optionalNumber(body, 'max_tokens', positiveInteger);
  const maxOutputTokens = maxCompletionTokens ?? maxTokens;
  if (maxOutputTokens !== undefined) callOptions.maxOutputTokens = maxOutputTokens;
  for (const [key, option, range] of samplingParameters) {
    const value = optionalNumber(body, key, range);
    if (value !== undefined) callOptions[option] = value;
  }
  const stopSequences = stopOf(body.stop);
  if (stopSequences !== undefined) callOptions.stopSequences = stopSequences;

  const reasoning = optionalString(body, 'reasoning_effort');
  if (reasoning !== undefined) {
    if (!reasoningEfforts.has(reasoning))
      throw invalidValue(
        'reasoning_effort',
        `'${reasoning}' is not one of ${[...reasoningEfforts].join(', ')}.`,
      );
    callOptions.reasoning = reasoning as LanguageModelV4CallOptions['reasoning'];
  }
  const tools = body.tools === undefined || body.tools === null ? undefined : chatTools(body.tools);
  if (tools !== undefined && tools.length > 0) callOptions.tools = tools;
  if (body.tool_choice !== undefined && body.tool_choice !== null)
    callOptions.toolChoice = chatToolChoice(body.tool_choice, tools);
  const parallelToolCalls = optionalBoolean(body, 'parallel_tool_calls');
  if (parallelToolCalls !== undefined) {
    openai.parallelToolCalls = parallelToolCalls;
    if (!parallelToolCalls) providerOptions.anthropic = { disableParallelToolUse: true };
  }
  if (body.response_format !== undefined && body.response_format !== null) {
    const { responseFormat, strict } = chatResponseFormat(body.response_format);
    callOptions.responseFormat = responseFormat;
    if (strict !== undefined) openai.strictJsonSchema = strict;
  }
  const verbosity = optionalString(body, 'verbosity');
  if (verbosity !== undefined) {
    if (!verbosities.has(verbosity))
      throw invalidValue('verbosity', `'${verbosity}' is not one of low, medium, high.`);
    openai.textVerbosity = verbosity;
  }
  const promptCacheKey = optionalString(body, 'prompt_cache_key');
  if (promptCacheKey !== undefined) openai.promptCacheKey = promptCacheKey;
  const user = optionalString(body, 'user');
  if (user !== undefined) openai.user = user;
  if (Object.keys(openai).length > 0) providerOptions.openai = openai;
  if (Object.keys(providerOptions).length > 0) callOptions.providerOptions = providerOptions;

  const stream = optionalBoolean(body, 'stream') ?? false;
  const streamOptions =
    body.stream_options === undefined || body.stream_options === null
      ? undefined
      : objectAt(body.stream_options, 'stream_options');
  const includeUsage =
    (streamOptions &&
      optionalBoolean(streamOptions, 'include_usage', 'stream_options.include_usage')) ??
    false;
  const request: ChatRequest = { model, stream, includeUsage: stream && includeUsage, callOptions };
  if (user !== undefined) request.user = user;
  const metadata = metadataOf(body.metadata);
  if (metadata !== undefined) request.metadata = metadata;
  return request;
}

function stopOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  const stops = arrayAt(value, 'stop');
  return stops.map((stop, index) => {
    if (typeof stop !== 'string')
      throw invalidValue(`stop[${index}]`, 'each stop sequence must be a string.');
    return stop;
  });
}

/** OpenAI's metadata: up to 16 string values (keys up to 64 characters, values up to 512). */
function metadataOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const object: JsonObject = objectAt(value, 'metadata');
  const keys = Object.keys(object);
  if (keys.length > 16)
    throw invalidValue('metadata', `${keys.length} keys; at most 16 are allowed.`);
  const metadata: Record<string, string> = {};
  for (const key of keys) {
    if (key.length > 64)
      throw invalidValue(
        'metadata',
        `the key '${key.slice(0, 64)}...' is longer than 64 characters.`,
      );
    const entry = object[key];
    if (typeof entry !== 'string') throw invalidType(`metadata.${key}`, 'a string', entry);
    if (entry.length > 512)
      throw invalidValue(`metadata.${key}`, 'the value is longer than 512 characters.');
    metadata[key] = entry;
  }
  return metadata;
}
