import { randomBytes } from 'node:crypto';
import { type Answer, planAnswer, splitIntoChunks } from '../core/answer.js';
import type { Endpoint } from '../core/driver.js';
import type { Exchange, SseEvent } from '../core/exchange.js';
import { anthropicRequestId } from './anthropic-errors.js';
import { type MessagesInput, readMessagesInput } from './messages-input.js';

/** `POST /v1/messages`: one Message object, or its SSE event stream when `stream: true`. */
export const messagesEndpoint: Endpoint = {
  summarize: (body) => readMessagesInput(body),
  async respond(exchange) {
    const input = readMessagesInput(exchange.body);
    const answer = answerFor(exchange, input);
    const id = `msg_01${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
    const headers = { 'request-id': anthropicRequestId() };
    if (!input.stream) {
      await exchange.json(200, messageObject(id, input.model, answer), headers);
      return;
    }
    await exchange.startStream(headers);
    await streamMessage(exchange, id, input.model, answer);
  },
};

function answerFor(exchange: Exchange, input: MessagesInput): Answer {
  const answer = planAnswer(exchange.reply, input);
  if (!input.jsonTool || answer.toolCalls.length > 0 || !isJsonObject(answer.text)) return answer;
  // A model forced to call the `json` tool answers with the object as the tool's input.
  return {
    ...answer,
    text: '',
    textChunks: [],
    toolCalls: [
      {
        id: 'toolu_json',
        name: 'json',
        arguments: answer.text,
        argumentChunks: splitIntoChunks(answer.text, exchange.reply.chunks),
      },
    ],
    finish: 'tool-calls',
  };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function stopReason(answer: Answer): 'end_turn' | 'tool_use' {
  return answer.finish === 'tool-calls' ? 'tool_use' : 'end_turn';
}

function messageObject(id: string, model: string, answer: Answer) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [
      ...(answer.text === '' ? [] : [{ type: 'text', text: answer.text }]),
      ...answer.toolCalls.map((call) => ({
        type: 'tool_use',
        id: call.id,
        name: call.name,
        input: JSON.parse(call.arguments) as unknown,
      })),
    ],
    stop_reason: stopReason(answer),
    stop_sequence: null,
    usage: {
      input_tokens: answer.usage.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: answer.usage.outputTokens,
    },
  };
}

/**
 * The event order of the real API: message_start, then per block content_block_start (a ping
 * after the first), its deltas and content_block_stop, then message_delta and message_stop.
 */
async function streamMessage(exchange: Exchange, id: string, model: string, answer: Answer) {
  const event = (type: string, data: Record<string, unknown>): SseEvent => ({
    event: type,
    data: { type, ...data },
  });
  exchange.event(
    event('message_start', {
      message: {
        ...messageObject(id, model, answer),
        content: [],
        stop_reason: null,
        // The real API reports the output so far (1) here and the total in message_delta.
        usage: {
          input_tokens: answer.usage.inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
        },
      },
    }),
  );
  const blocks = [
    ...(answer.text === ''
      ? []
      : [
          {
            start: { type: 'text', text: '' },
            deltas: answer.textChunks.map((text) => ({ type: 'text_delta', text })),
          },
        ]),
    ...answer.toolCalls.map((call) => ({
      start: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      deltas: call.argumentChunks.map((partial) => ({
        type: 'input_json_delta',
        partial_json: partial,
      })),
    })),
  ];
  if (blocks.length === 0) exchange.event(event('ping', {}));
  for (const [index, block] of blocks.entries()) {
    exchange.event(event('content_block_start', { index, content_block: block.start }));
    if (index === 0) exchange.event(event('ping', {}));
    for (const delta of block.deltas) {
      await exchange.content(event('content_block_delta', { index, delta }));
    }
    exchange.event(event('content_block_stop', { index }));
  }
  await exchange.finish([
    event('message_delta', {
      delta: { stop_reason: stopReason(answer), stop_sequence: null },
      usage: { output_tokens: answer.usage.outputTokens },
    }),
    event('message_stop', {}),
  ]);
}
