import type { LanguageModelV4CallOptions, SharedV4ProviderOptions } from '@ai-sdk/provider';
import { GatewayError } from '../openai/gateway-error.js';
import {
  arrayAt,
  invalidValue,
  isJsonObject,
  type JsonObject,
  missingParameter,
  objectAt,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
  unsupportedParameter,
} from '../openai/request-fields.js';
import { anthropicPrompt, systemMessages } from './anthropic-messages.js';
import { anthropicToolChoice, anthropicTools } from './anthropic-tools.js';

/** An Anthropic Messages request, translated for the router's model. */
export interface MessagesRequest {
  model: string;
  stream: boolean;
  callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'>;
  /** `metadata.user_id`, for the trace. */
  metadata?: Record<string, string>;
}

const translatedKeys = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'tools',
  'tool_choice',
  'metadata',
  'thinking',
  'output_config',
  'output_format',
]);
/** Accepted and dropped: a billing choice that is the gateway operator's, not a client's. */
const ignoredKeys = new Set(['service_tier']);
/** Anthropic-hosted features a route that may fail over to another provider cannot honour. */
const unsupportedKeys = new Set(['container', 'mcp_servers', 'context_management']);
const efforts = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

/** Validates an Anthropic `POST /v1/messages` body and translates it to V4 call options. */
export function parseMessagesRequest(body: unknown): MessagesRequest {
  if (!isJsonObject(body)) throw invalidValue('body', 'the request body must be a JSON object.');
  for (const key of Object.keys(body)) {
    if (translatedKeys.has(key) || ignoredKeys.has(key)) continue;
    if (unsupportedKeys.has(key) && body[key] !== null && body[key] !== undefined)
      throw unsupportedParameter(
        key,
        `${key} is not supported: it is an Anthropic-hosted feature.`,
      );
    if (unsupportedKeys.has(key)) continue;
    throw new GatewayError({
      status: 400,
      code: 'unknown_parameter',
      param: key,
      message: `${key}: Extra inputs are not permitted.`,
    });
  }
  const model = requiredString(body, 'model');
  const prompt = [...systemMessages(body.system), ...anthropicPrompt(body.messages)];
  if (body.max_tokens === undefined || body.max_tokens === null)
    throw missingParameter('max_tokens');
  const callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'> = {
    prompt,
    maxOutputTokens: optionalNumber(body, 'max_tokens', { integer: true, min: 1 }) as number,
  };
  const anthropic: JsonObject = {};
  const temperature = optionalNumber(body, 'temperature', { min: 0, max: 1 });
  if (temperature !== undefined) callOptions.temperature = temperature;
  const topP = optionalNumber(body, 'top_p', { min: 0, max: 1 });
  if (topP !== undefined) callOptions.topP = topP;
  const topK = optionalNumber(body, 'top_k', { integer: true, min: 1 });
  if (topK !== undefined) callOptions.topK = topK;
  if (body.stop_sequences !== undefined && body.stop_sequences !== null)
    callOptions.stopSequences = arrayAt(body.stop_sequences, 'stop_sequences').map(
      (stop, index) => {
        if (typeof stop !== 'string')
          throw invalidValue(`stop_sequences[${index}]`, 'each stop sequence must be a string.');
        return stop;
      },
    );
  const tools =
    body.tools === undefined || body.tools === null ? undefined : anthropicTools(body.tools);
  if (tools !== undefined && tools.length > 0) callOptions.tools = tools;
  let parallel: boolean | undefined;
  if (body.tool_choice !== undefined && body.tool_choice !== null) {
    const choice = anthropicToolChoice(body.tool_choice, tools);
    callOptions.toolChoice = choice.toolChoice;
    parallel = choice.disableParallelToolUse ? false : undefined;
  }
  if (body.thinking !== undefined && body.thinking !== null)
    anthropic.thinking = thinkingOf(body.thinking);
  outputConfig(body, callOptions);

  const providerOptions: SharedV4ProviderOptions = {};
  if (parallel === false) {
    anthropic.disableParallelToolUse = true;
    providerOptions.openai = { parallelToolCalls: false };
  }
  if (Object.keys(anthropic).length > 0)
    providerOptions.anthropic = anthropic as SharedV4ProviderOptions[string];
  if (Object.keys(providerOptions).length > 0) callOptions.providerOptions = providerOptions;

  const request: MessagesRequest = {
    model,
    stream: optionalBoolean(body, 'stream') ?? false,
    callOptions,
  };
  if (body.metadata !== undefined && body.metadata !== null) {
    const userId = optionalString(
      objectAt(body.metadata, 'metadata'),
      'user_id',
      'metadata.user_id',
    );
    if (userId !== undefined) request.metadata = { user: userId };
  }
  return request;
}

/** Extended thinking, for Anthropic targets (others have no budget to set). */
function thinkingOf(value: unknown): JsonObject {
  const thinking = objectAt(value, 'thinking');
  const type = requiredString(thinking, 'type', 'thinking.type');
  if (type === 'enabled') {
    const budgetTokens = optionalNumber(
      thinking,
      'budget_tokens',
      { integer: true, min: 1 },
      'thinking.budget_tokens',
    );
    if (budgetTokens === undefined) throw missingParameter('thinking.budget_tokens');
    return { type, budgetTokens };
  }
  if (type === 'adaptive') {
    const display = optionalString(thinking, 'display', 'thinking.display');
    return display === undefined ? { type } : { type, display };
  }
  if (type === 'disabled') return { type };
  throw invalidValue('thinking.type', `'${type}' is not one of enabled, adaptive, disabled.`);
}

/** `output_config` (effort, JSON schema format) and the older `output_format`. */
function outputConfig(
  body: JsonObject,
  callOptions: Omit<LanguageModelV4CallOptions, 'abortSignal'>,
) {
  const config =
    body.output_config === undefined || body.output_config === null
      ? undefined
      : objectAt(body.output_config, 'output_config');
  const effort = config && optionalString(config, 'effort', 'output_config.effort');
  if (effort !== undefined) {
    if (!efforts.has(effort))
      throw invalidValue(
        'output_config.effort',
        `'${effort}' is not one of ${[...efforts].join(', ')}.`,
      );
    callOptions.reasoning = effort as LanguageModelV4CallOptions['reasoning'];
  }
  const [format, param] =
    config?.format !== undefined && config.format !== null
      ? [config.format, 'output_config.format']
      : [body.output_format, 'output_format'];
  if (format === undefined || format === null) return;
  const object = objectAt(format, param);
  const type = requiredString(object, 'type', `${param}.type`);
  if (type !== 'json_schema')
    throw invalidValue(`${param}.type`, `'${type}' is not supported; expected 'json_schema'.`);
  callOptions.responseFormat = {
    type: 'json',
    schema: objectAt(object.schema, `${param}.schema`) as never,
  };
}
