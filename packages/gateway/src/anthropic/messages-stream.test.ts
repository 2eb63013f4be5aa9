import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { anthropicMessageEvents } from './messages-stream.js';

const finish: LanguageModelV4StreamPart = {
  type: 'finish',
  usage: {
    inputTokens: { total: 9, noCache: 9, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 4, text: 4, reasoning: undefined },
  },
  finishReason: { unified: 'stop', raw: 'stop' },
};

function streamOf(parts: LanguageModelV4StreamPart[]): ReadableStream<LanguageModelV4StreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/** Each event as `name` or `name:<what>` (block type, delta type, stop reason). */
async function events(parts: LanguageModelV4StreamPart[]) {
  const parsed: { event: string | undefined; data: Record<string, unknown> }[] = [];
  const parser = createParser({
    onEvent: (message) => parsed.push({ event: message.event, data: JSON.parse(message.data) }),
  });
  for await (const text of anthropicMessageEvents(streamOf(parts), { id: 'msg_1', model: 'smart' }))
    parser.feed(text);
  for (const { event, data } of parsed) expect(event).toBe(data.type);
  return parsed.map(({ data }) => data);
}

function summary(data: Record<string, unknown>[]): string[] {
  return data.map((entry) => {
    const block = entry.content_block as { type: string } | undefined;
    const delta = entry.delta as Record<string, unknown> | undefined;
    if (entry.type === 'content_block_start') return `start ${entry.index} ${block?.type}`;
    if (entry.type === 'content_block_stop') return `stop ${entry.index}`;
    if (entry.type === 'content_block_delta')
      return `delta ${entry.index} ${JSON.stringify(delta?.text ?? delta?.partial_json ?? delta?.thinking ?? delta?.signature)}`;
    if (entry.type === 'message_delta') return `message_delta ${delta?.stop_reason}`;
    return String(entry.type);
  });
}

describe('anthropicMessageEvents', () => {
  it('writes message_start, a text block, message_delta with usage and message_stop', async () => {
    const data = await events([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hel' },
      { type: 'text-delta', id: '0', delta: 'lo' },
      { type: 'text-end', id: '0' },
      finish,
    ]);
    expect(summary(data)).toEqual([
      'message_start',
      'start 0 text',
      'delta 0 "Hel"',
      'delta 0 "lo"',
      'stop 0',
      'message_delta end_turn',
      'message_stop',
    ]);
    expect(data[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'smart',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
    expect(data[5]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 9,
        output_tokens: 4,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  it('closes the open block when another starts (OpenAI keeps text open across tool calls)', async () => {
    const data = await events([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Hmm' },
      {
        type: 'reasoning-delta',
        id: 'r',
        delta: '',
        providerMetadata: { anthropic: { signature: 'sig' } },
      },
      { type: 'reasoning-end', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Checking.' },
      { type: 'tool-input-start', id: 'call_1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_1' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' },
      { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: '{}' },
      { type: 'text-end', id: 't' },
      { ...finish, finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
    ]);
    expect(summary(data)).toEqual([
      'message_start',
      'start 0 thinking',
      'delta 0 "Hmm"',
      'delta 0 "sig"',
      'stop 0',
      'start 1 text',
      'delta 1 "Checking."',
      'stop 1',
      'start 2 tool_use',
      'delta 2 "{\\"city\\":"',
      'delta 2 "\\"Paris\\"}"',
      'stop 2',
      'start 3 tool_use',
      'delta 3 "{}"',
      'stop 3',
      'message_delta tool_use',
      'message_stop',
    ]);
    expect(data[8]).toEqual({
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'tool_use', id: 'call_1', name: 'weather', input: {} },
    });
  });

  it('ends a broken stream with an error event and no message_stop', async () => {
    const data = await events([
      { type: 'text-delta', id: 't', delta: 'Hal' },
      { type: 'error', error: new Error('socket reset, key sk-secret') },
    ]);
    expect(summary(data)).toEqual(['message_start', 'start 0 text', 'delta 0 "Hal"', 'error']);
    expect(data[3]).toEqual({
      type: 'error',
      error: {
        type: 'api_error',
        message: 'The server failed to answer. The error is in its logs.',
      },
    });
    const cut = await events([{ type: 'text-delta', id: 't', delta: 'Hal' }]);
    expect(summary(cut).at(-1)).toBe('error');
    const interrupted = await events([
      { type: 'text-delta', id: 't', delta: 'Hal' },
      { ...finish, finishReason: { unified: 'interrupted', raw: undefined } },
    ]);
    expect(summary(interrupted).at(-1)).toBe('error');
  });

  it('forwards pings', async () => {
    const data = await events([
      { type: 'ping' },
      { type: 'text-delta', id: 't', delta: 'x' },
      finish,
    ]);
    expect(summary(data).slice(0, 2)).toEqual(['message_start', 'ping']);
  });
});
