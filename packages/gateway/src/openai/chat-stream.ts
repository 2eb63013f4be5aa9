import type { LanguageModelV4FinishReason, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { ChatCompletionIdentity } from './chat-response.js';
import { openAIFinishReason } from './finish-reason.js';
import { type GatewayError, gatewayErrorOf, openAIErrorBody } from './gateway-error.js';
import { drainParts, incompleteStream } from './stream-ending.js';
import { openAIUsage } from './usage.js';

export interface ChatStreamOptions extends ChatCompletionIdentity {
  /** `stream_options.include_usage`: `usage: null` on every chunk, then a usage chunk. */
  includeUsage: boolean;
}

interface ToolInput {
  index: number;
  /** Arguments sent so far; undefined while the input is buffered (text-encoded deltas). */
  sent: string | undefined;
}

export const doneEvent = 'data: [DONE]\n\n';

/**
 * The router's stream parts as OpenAI `chat.completion.chunk` SSE events, ready to write: a role
 * chunk, content and tool-call deltas, the finish chunk, the usage chunk (with `include_usage`)
 * and `data: [DONE]`. A stream that fails (an `error` part, a finish by error or interruption, or
 * an end without a finish) ends with an error event and no `[DONE]`, so no client can take a
 * broken answer for a whole one. Each chunk is one string built around a precomputed head.
 */
export async function* chatCompletionChunks(
  parts: ReadableStream<LanguageModelV4StreamPart>,
  { id, model, created, includeUsage }: ChatStreamOptions,
): AsyncGenerator<string, void, undefined> {
  const prefix = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":`;
  const head = `${prefix}[{"index":0,"delta":`;
  const usageTail = includeUsage ? ',"usage":null' : '';
  const tail = `,"logprobs":null,"finish_reason":null}]${usageTail}}\n\n`;
  const delta = (json: string) => head + json + tail;

  const reader = parts.getReader();
  const toolInputs = new Map<string, ToolInput>();
  let toolCount = 0;
  let finished = false;
  try {
    yield delta('{"role":"assistant","content":""}');
    for (;;) {
      let next: ReadableStreamReadResult<LanguageModelV4StreamPart>;
      try {
        next = await reader.read();
      } catch (error) {
        yield errorEvent(gatewayErrorOf(error));
        return;
      }
      if (next.done) {
        yield errorEvent(incompleteStream('the stream ended without a finish'));
        return;
      }
      const part = next.value;
      switch (part.type) {
        case 'text-delta':
          if (part.delta !== '') yield delta(`{"content":${JSON.stringify(part.delta)}}`);
          break;
        case 'reasoning-delta':
          if (part.delta !== '') yield delta(`{"reasoning_content":${JSON.stringify(part.delta)}}`);
          break;
        case 'tool-input-start': {
          if (part.providerExecuted) break;
          const index = toolCount++;
          toolInputs.set(part.id, { index, sent: part.inputEncoding === 'text' ? undefined : '' });
          yield delta(
            `{"tool_calls":[{"index":${index},"id":${JSON.stringify(part.id)},"type":"function","function":{"name":${JSON.stringify(part.toolName)},"arguments":""}}]}`,
          );
          break;
        }
        case 'tool-input-delta': {
          const input = toolInputs.get(part.id);
          if (input?.sent === undefined || part.delta === '') break;
          input.sent += part.delta;
          yield delta(toolArguments(input.index, part.delta));
          break;
        }
        case 'tool-call': {
          if (part.providerExecuted) break;
          const input = toolInputs.get(part.toolCallId);
          if (input === undefined) {
            // A call that arrived whole: announce and complete it in one chunk.
            const index = toolCount++;
            toolInputs.set(part.toolCallId, { index, sent: part.input });
            yield delta(
              `{"tool_calls":[{"index":${index},"id":${JSON.stringify(part.toolCallId)},"type":"function","function":{"name":${JSON.stringify(part.toolName)},"arguments":${JSON.stringify(part.input)}}}]}`,
            );
          } else {
            // Send what the deltas did not (all of it for a buffered input, '{}' for an empty one).
            const sent = input.sent ?? '';
            const rest = part.input.startsWith(sent) ? part.input.slice(sent.length) : '';
            input.sent = part.input;
            if (rest !== '') yield delta(toolArguments(input.index, rest));
          }
          break;
        }
        case 'error':
          yield errorEvent(gatewayErrorOf(part.error));
          return;
        case 'finish': {
          if (isBroken(part.finishReason)) {
            yield errorEvent(incompleteStream(`finish reason '${part.finishReason.unified}'`));
            return;
          }
          const reason = openAIFinishReason(part.finishReason, toolCount > 0);
          yield `${head}{},"logprobs":null,"finish_reason":"${reason}"}]${usageTail}}\n\n`;
          if (includeUsage)
            yield `${prefix}[],"usage":${JSON.stringify(openAIUsage(part.usage))}}\n\n`;
          finished = true;
          yield doneEvent;
          return;
        }
        default:
          // stream-start, response-metadata, text/reasoning start and end, sources, files,
          // ping, raw: nothing a chat completion chunk carries.
          break;
      }
    }
  } finally {
    // After a finish, read the rest in the background (the upstream's own terminator), so its
    // connection goes back to the pool instead of being aborted. Otherwise (an error, or the
    // client went away first) stop the router's stream and its upstream request.
    if (finished) drainParts(reader).catch(() => {});
    else reader.cancel().catch(() => {});
  }
}

function toolArguments(index: number, piece: string): string {
  return `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(piece)}}}]}`;
}

function isBroken(finishReason: LanguageModelV4FinishReason): boolean {
  return finishReason.unified === 'error' || finishReason.unified === 'interrupted';
}

/** The error event that ends a failed stream (openai-node throws it as an `APIError`). */
export function errorEvent(error: GatewayError): string {
  return `data: ${JSON.stringify(openAIErrorBody(error))}\n\n`;
}
