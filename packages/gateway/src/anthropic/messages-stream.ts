import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { type GatewayError, gatewayErrorOf } from '../openai/gateway-error.js';
import { drainParts, incompleteStream } from '../openai/stream-ending.js';
import { anthropicErrorBody } from './anthropic-error.js';
import { anthropicStopReason, anthropicUsage } from './anthropic-usage.js';

type Metadata = Record<string, Record<string, unknown> | undefined> | undefined;

/** One named SSE event, as Anthropic's API writes them. */
function event(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}

/**
 * The router's stream parts as Anthropic Messages SSE events, ready to write: message_start, one
 * content block at a time (start, deltas, stop), message_delta with the stop reason and usage,
 * message_stop. Anthropic's blocks never interleave, so a part of another block closes the open
 * one. A failure ends the stream with an `error` event and no message_stop.
 */
export async function* anthropicMessageEvents(
  parts: ReadableStream<LanguageModelV4StreamPart>,
  { id, model }: { id: string; model: string },
): AsyncGenerator<string, void, undefined> {
  const reader = parts.getReader();
  let index = -1;
  let open: string | undefined;
  const toolInputs = new Map<string, { sent: string | undefined }>();
  let hasToolCalls = false;
  let finished = false;

  const stop = (): string => {
    const text = event('content_block_stop', `{"type":"content_block_stop","index":${index}}`);
    open = undefined;
    return text;
  };
  /** Closes the open block (unless it is `key`) and opens `key`: the events to write. */
  const start = (key: string, block: string): string => {
    if (open === key) return '';
    const closing = open === undefined ? '' : stop();
    index += 1;
    open = key;
    return `${closing}${event('content_block_start', `{"type":"content_block_start","index":${index},"content_block":${block}}`)}`;
  };
  const delta = (json: string) =>
    event('content_block_delta', `{"type":"content_block_delta","index":${index},"delta":${json}}`);
  const inputDelta = (piece: string) =>
    delta(`{"type":"input_json_delta","partial_json":${JSON.stringify(piece)}}`);
  const signature = (metadata: Metadata) => {
    const value = metadata?.anthropic?.signature;
    return typeof value === 'string' && value !== ''
      ? delta(`{"type":"signature_delta","signature":${JSON.stringify(value)}}`)
      : '';
  };

  try {
    yield event(
      'message_start',
      `{"type":"message_start","message":{"id":${JSON.stringify(id)},"type":"message","role":"assistant","model":${JSON.stringify(model)},"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}}`,
    );
    for (;;) {
      let next: ReadableStreamReadResult<LanguageModelV4StreamPart>;
      try {
        next = await reader.read();
      } catch (error) {
        yield anthropicErrorEvent(gatewayErrorOf(error));
        return;
      }
      if (next.done) {
        yield anthropicErrorEvent(incompleteStream('the stream ended without a finish'));
        return;
      }
      const part = next.value;
      switch (part.type) {
        case 'text-start': {
          const text = start(`t:${part.id}`, '{"type":"text","text":""}');
          if (text !== '') yield text;
          break;
        }
        case 'text-delta':
          if (part.delta === '') break;
          yield start(`t:${part.id}`, '{"type":"text","text":""}') +
            delta(`{"type":"text_delta","text":${JSON.stringify(part.delta)}}`);
          break;
        case 'reasoning-start': {
          const redacted = (part.providerMetadata as Metadata)?.anthropic?.redactedData;
          const text = start(
            `r:${part.id}`,
            typeof redacted === 'string'
              ? `{"type":"redacted_thinking","data":${JSON.stringify(redacted)}}`
              : '{"type":"thinking","thinking":"","signature":""}',
          );
          if (text !== '') yield text;
          break;
        }
        case 'reasoning-delta': {
          let text = start(`r:${part.id}`, '{"type":"thinking","thinking":"","signature":""}');
          if (part.delta !== '')
            text += delta(`{"type":"thinking_delta","thinking":${JSON.stringify(part.delta)}}`);
          text += signature(part.providerMetadata as Metadata);
          if (text !== '') yield text;
          break;
        }
        case 'text-end':
        case 'reasoning-end': {
          const key = `${part.type === 'text-end' ? 't' : 'r'}:${part.id}`;
          if (open === key) yield signature(part.providerMetadata as Metadata) + stop();
          break;
        }
        case 'tool-input-start':
          if (part.providerExecuted) break;
          toolInputs.set(part.id, { sent: part.inputEncoding === 'text' ? undefined : '' });
          yield start(
            `u:${part.id}`,
            `{"type":"tool_use","id":${JSON.stringify(part.id)},"name":${JSON.stringify(part.toolName)},"input":{}}`,
          );
          break;
        case 'tool-input-delta': {
          const input = toolInputs.get(part.id);
          if (input?.sent === undefined || part.delta === '' || open !== `u:${part.id}`) break;
          input.sent += part.delta;
          yield inputDelta(part.delta);
          break;
        }
        case 'tool-call': {
          if (part.providerExecuted) break;
          hasToolCalls = true;
          const key = `u:${part.toolCallId}`;
          const input = toolInputs.get(part.toolCallId);
          let text = '';
          if (input === undefined || open !== key) {
            // A call that arrived whole (or whose block was closed): one block with all its input.
            toolInputs.set(part.toolCallId, { sent: part.input });
            text += start(
              `${key}:whole`,
              `{"type":"tool_use","id":${JSON.stringify(part.toolCallId)},"name":${JSON.stringify(part.toolName)},"input":{}}`,
            );
            text += inputDelta(part.input);
          } else {
            const sent = input.sent ?? '';
            const rest = part.input.startsWith(sent) ? part.input.slice(sent.length) : '';
            input.sent = part.input;
            if (rest !== '') text += inputDelta(rest);
          }
          yield text + stop();
          break;
        }
        case 'error':
          yield anthropicErrorEvent(gatewayErrorOf(part.error));
          return;
        case 'finish': {
          const { unified } = part.finishReason;
          if (unified === 'error' || unified === 'interrupted') {
            yield anthropicErrorEvent(incompleteStream(`finish reason '${unified}'`));
            return;
          }
          const stopReason = anthropicStopReason(part.finishReason, hasToolCalls);
          const usage = JSON.stringify(anthropicUsage(part.usage));
          finished = true;
          yield (open === undefined ? '' : stop()) +
            event(
              'message_delta',
              `{"type":"message_delta","delta":{"stop_reason":"${stopReason}","stop_sequence":null},"usage":${usage}}`,
            ) +
            event('message_stop', '{"type":"message_stop"}');
          return;
        }
        case 'ping':
          yield event('ping', '{"type":"ping"}');
          break;
        default:
          break;
      }
    }
  } finally {
    // As for chat chunks: after a finish, read the rest so the upstream connection is reused;
    // otherwise stop the router's stream and its upstream request.
    if (finished) drainParts(reader).catch(() => {});
    else reader.cancel().catch(() => {});
  }
}

/** The event that ends a failed stream (Anthropic's SDK throws it as an `APIError`). */
export function anthropicErrorEvent(error: GatewayError): string {
  return event('error', JSON.stringify(anthropicErrorBody(error)));
}
