import { GatewayError } from './gateway-error.js';
import { invalidType, type JsonObject, unsupportedParameter } from './request-fields.js';

/** Keys `parseChatRequest` translates. */
const translatedKeys = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'top_k',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'verbosity',
  'prompt_cache_key',
  'user',
  'metadata',
]);

/**
 * OpenAI keys accepted and dropped: they choose an OpenAI account's billing or retention, which
 * is the gateway operator's decision, not a client's, and change nothing in the answer.
 */
const ignoredKeys = new Set([
  'service_tier',
  'store',
  'safety_identifier',
  'prompt_cache_retention',
]);

/** Keys rejected unless they hold their neutral value: honouring them is impossible here. */
interface UnsupportedRule {
  neutral: (value: unknown) => boolean;
  message: string;
}

// A Map, not an object literal: a key such as 'constructor' must not find Object.prototype's.
const unsupported = new Map<string, UnsupportedRule>(
  Object.entries({
    n: {
      neutral: (value) => value === 1,
      message: 'n > 1 is not supported; make n calls.',
    },
    logprobs: {
      neutral: (value) => value === false,
      message: 'logprobs is not supported: not every provider behind a route reports them.',
    },
    top_logprobs: {
      neutral: (value) => value === 0,
      message: 'top_logprobs is not supported: not every provider behind a route reports them.',
    },
    logit_bias: {
      neutral: (value) =>
        typeof value === 'object' && value !== null && Object.keys(value).length === 0,
      message:
        "logit_bias is not supported: token ids belong to one model's tokenizer, and a route may answer with another model.",
    },
    modalities: {
      neutral: (value) => Array.isArray(value) && value.every((modality) => modality === 'text'),
      message: "Only text output is supported; modalities must be ['text'].",
    },
    audio: { neutral: () => false, message: 'Audio output is not supported.' },
    prediction: {
      neutral: () => false,
      message: 'Predicted outputs (prediction) are not supported.',
    },
    web_search_options: {
      neutral: () => false,
      message: 'web_search_options is not supported; give the model a search tool in tools.',
    },
    functions: {
      neutral: (value) => Array.isArray(value) && value.length === 0,
      message: 'The legacy functions parameter is not supported; use tools.',
    },
    function_call: {
      neutral: () => false,
      message: 'The legacy function_call parameter is not supported; use tool_choice.',
    },
  } satisfies Record<string, UnsupportedRule>),
);

/**
 * Rejects what the gateway cannot honour with a 400 naming the parameter: an unsupported value,
 * or a key OpenAI's API does not know either (as OpenAI does: nothing is silently ignored but the
 * keys above).
 */
export function checkChatKeys(body: JsonObject): void {
  for (const key of Object.keys(body)) {
    if (translatedKeys.has(key) || ignoredKeys.has(key)) continue;
    const value = body[key];
    const rule = unsupported.get(key);
    if (rule) {
      if (value === null || value === undefined || rule.neutral(value)) continue;
      if (key === 'n' && (typeof value !== 'number' || !Number.isInteger(value)))
        throw invalidType('n', 'an integer', value);
      throw unsupportedParameter(key, rule.message);
    }
    throw new GatewayError({
      status: 400,
      code: 'unknown_parameter',
      param: key,
      message: `Unrecognized request argument supplied: ${key}.`,
    });
  }
}
