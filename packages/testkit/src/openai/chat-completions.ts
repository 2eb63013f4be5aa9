import { type Answer, planAnswer } from '../core/answer.js';
import type { Endpoint } from '../core/driver.js';
import type { Exchange } from '../core/exchange.js';
import {
  type CompletionMeta,
  chatUsage,
  defaultLogprob,
  finishReason,
  type Logprob,
  tokenLogprobs,
} from './chat-completion-fields.js';
import { streamChatCompletion } from './chat-completion-stream.js';
import { chatPromptText } from './messages.js';
import { openAIRequestId } from './openai-errors.js';

/** The fields of a Chat Completions request the fake acts on. */
export interface ChatRequest {
  model: string;
  messages: unknown[];
  stream: boolean;
  includeUsage: boolean;
  /** `response_format` json_object or json_schema: the echo answer becomes JSON. */
  jsonMode: boolean;
  /** `logprobs: true`: each choice carries its tokens' log-probabilities. */
  logprobs: boolean;
}

/** Reads a request body; throws with OpenAI's own wording so the 400 reads like the real one. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('We could not parse the JSON body of your request. Send a JSON object.');
  }
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') {
    throw new Error("Missing required parameter: 'model'.");
  }
  if (!Array.isArray(record.messages)) {
    throw new Error("Missing required parameter: 'messages'.");
  }
  if (record.messages.length === 0) {
    throw new Error("Invalid 'messages': empty array. Expected an array with minimum length 1.");
  }
  if (record.tools !== undefined && !Array.isArray(record.tools)) {
    throw new Error("Invalid type for 'tools': expected an array.");
  }
  const streamOptions = record.stream_options as { include_usage?: unknown } | undefined;
  const formatType = (record.response_format as { type?: unknown } | undefined)?.type;
  return {
    model: record.model,
    messages: record.messages,
    stream: record.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    jsonMode: formatType === 'json_object' || formatType === 'json_schema',
    logprobs: record.logprobs === true,
  };
}

/** `POST /v1/chat/completions`: a `chat.completion` object, or `chat.completion.chunk` SSE events. */
export const chatCompletionsEndpoint: Endpoint = {
  summarize(body) {
    const request = parseChatRequest(body);
    return { model: request.model, stream: request.stream };
  },
  async respond(exchange) {
    const request = parseChatRequest(exchange.body);
    const answer = planAnswer(exchange.reply, {
      ...chatPromptText(request.messages),
      jsonMode: request.jsonMode,
    });
    const meta = completionMeta(exchange, request.model);
    const logprob = request.logprobs ? (exchange.reply.logprob ?? defaultLogprob) : undefined;
    if (request.stream) {
      await streamChatCompletion(exchange, {
        answer,
        meta,
        includeUsage: request.includeUsage,
        logprob,
      });
      return;
    }
    await exchange.json(200, chatCompletion(answer, meta, logprob), {
      'x-request-id': openAIRequestId(),
    });
  },
};

function completionMeta(exchange: Exchange, model: string): CompletionMeta {
  return {
    // Derived from the request log id so a test can match a completion to its request.
    id: `chatcmpl-testkit${exchange.entry.id}`,
    created: Math.floor(Date.now() / 1000),
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_testkit',
  };
}

function chatCompletion(answer: Answer, meta: CompletionMeta, logprob: Logprob | undefined) {
  const toolCalls = answer.toolCalls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    ...meta,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          // The API sends null content for a turn that only calls tools.
          content: answer.text === '' && toolCalls.length > 0 ? null : answer.text,
          refusal: null,
          annotations: [],
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: logprob === undefined ? null : tokenLogprobs(answer.text, logprob),
        finish_reason: finishReason(answer),
      },
    ],
    usage: chatUsage(answer),
  };
}
