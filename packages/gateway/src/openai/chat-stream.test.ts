import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { type DecisionTrace, StreamInterruptedError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { chatCompletionChunks, doneEvent } from './chat-stream.js';

const identity = { id: 'chatcmpl-r1', model: 'smart', created: 1_795_000_000 };
const usage: LanguageModelV4Usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};
const finish: LanguageModelV4StreamPart = {
  type: 'finish',
  usage,
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

async function events(parts: LanguageModelV4StreamPart[], includeUsage = false) {
  const written: string[] = [];
  for await (const event of chatCompletionChunks(streamOf(parts), { ...identity, includeUsage }))
    written.push(event);
  return written;
}

/** The JSON of each `data:` event ('[DONE]' kept as text). */
function payloads(written: string[]): unknown[] {
  return written.map((event) => {
    expect(event.startsWith('data: ') && event.endsWith('\n\n')).toBe(true);
    const data = event.slice(6, -2);
    return data === '[DONE]' ? data : JSON.parse(data);
  });
}

/** Each chunk's delta (or 'finish:<reason>', 'usage', 'error', '[DONE]'). */
function deltas(written: string[]): unknown[] {
  return payloads(written).map((payload) => {
    if (payload === '[DONE]') return payload;
    const chunk = payload as {
      choices?: { delta: unknown; finish_reason: string | null }[];
      error?: unknown;
    };
    if (chunk.error) return 'error';
    const choice = chunk.choices?.[0];
    if (!choice) return 'usage';
    return choice.finish_reason ? `finish:${choice.finish_reason}` : choice.delta;
  });
}

describe('chatCompletionChunks', () => {
  it('writes a role chunk, content deltas, the finish chunk and [DONE], byte for byte', async () => {
    const written = await events([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-delta', id: 't', delta: 'lo "x"' },
      { type: 'text-end', id: 't' },
      finish,
    ]);
    const head =
      'data: {"id":"chatcmpl-r1","object":"chat.completion.chunk","created":1795000000,"model":"smart","choices":[{"index":0,"delta":';
    expect(written).toEqual([
      `${head}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`,
      `${head}{"content":"Hel"},"logprobs":null,"finish_reason":null}]}\n\n`,
      `${head}{"content":"lo \\"x\\""},"logprobs":null,"finish_reason":null}]}\n\n`,
      `${head}{},"logprobs":null,"finish_reason":"stop"}]}\n\n`,
      'data: [DONE]\n\n',
    ]);
  });

  it('with include_usage, sets usage null on every chunk and adds a usage chunk before [DONE]', async () => {
    const chunks = payloads(
      await events([{ type: 'text-delta', id: 't', delta: 'Hi' }, finish], true),
    );
    expect(chunks.slice(0, 3).map((chunk) => (chunk as { usage: unknown }).usage)).toEqual([
      null,
      null,
      null,
    ]);
    expect(chunks.slice(3)).toEqual([
      {
        id: 'chatcmpl-r1',
        object: 'chat.completion.chunk',
        created: 1_795_000_000,
        model: 'smart',
        choices: [],
        usage: {
          prompt_tokens: 3,
          completion_tokens: 5,
          total_tokens: 8,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      '[DONE]',
    ]);
  });

  it('streams tool input as tool_calls deltas by index, and sends what the deltas left out', async () => {
    const written = await events([
      { type: 'tool-input-start', id: 'call_1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_1' },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' },
      // Anthropic's tool without arguments: no deltas, then '{}'.
      { type: 'tool-input-start', id: 'call_2', toolName: 'time' },
      { type: 'tool-input-end', id: 'call_2' },
      { type: 'tool-call', toolCallId: 'call_2', toolName: 'time', input: '{}' },
      { ...finish, finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    ]);
    expect(deltas(written)).toEqual([
      { role: 'assistant', content: '' },
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: 'weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      {
        tool_calls: [
          { index: 1, id: 'call_2', type: 'function', function: { name: 'time', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      'finish:tool_calls',
      '[DONE]',
    ]);
  });

  it('emits a tool call that arrives whole in one chunk, and holds back text-encoded input', async () => {
    const written = await events([
      { type: 'tool-call', toolCallId: 'g1', toolName: 'weather', input: '{"city":"Rome"}' },
      { type: 'tool-input-start', id: 'g2', toolName: 'note', inputEncoding: 'text' },
      { type: 'tool-input-delta', id: 'g2', delta: 'raw text' },
      { type: 'tool-call', toolCallId: 'g2', toolName: 'note', input: '"raw text"' },
      finish,
    ]);
    expect(deltas(written).slice(1)).toEqual([
      {
        tool_calls: [
          {
            index: 0,
            id: 'g1',
            type: 'function',
            function: { name: 'weather', arguments: '{"city":"Rome"}' },
          },
        ],
      },
      {
        tool_calls: [
          { index: 1, id: 'g2', type: 'function', function: { name: 'note', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '"raw text"' } }] },
      'finish:tool_calls',
      '[DONE]',
    ]);
  });

  it('streams reasoning as reasoning_content', async () => {
    const written = await events([
      { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
      { type: 'text-delta', id: 't', delta: 'Yes.' },
      finish,
    ]);
    expect(deltas(written).slice(1, 3)).toEqual([
      { reasoning_content: 'Hmm.' },
      { content: 'Yes.' },
    ]);
  });

  it('ends a stream broken after content with an error event and no [DONE]', async () => {
    const trace: DecisionTrace = {
      callId: 'c-1',
      route: 'smart',
      operation: 'stream',
      strategy: 'priority',
      startedAt: 0,
      durationMs: 1,
      outcome: 'failed',
      candidates: [],
      attempts: [],
    };
    const written = await events([
      { type: 'text-delta', id: 't', delta: 'Hal' },
      {
        type: 'error',
        error: new StreamInterruptedError({ trace, target: 'mini', detail: 'socket reset' }),
      },
      { ...finish, finishReason: { unified: 'error', raw: undefined } },
    ]);
    expect(deltas(written)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hal' },
      'error',
    ]);
    expect(payloads(written)[2]).toEqual({
      error: {
        message:
          "The stream from target 'mini' (route 'smart') broke after content was delivered: socket reset. The partial answer is incomplete; retry the call.",
        type: 'server_error',
        param: null,
        code: 'stream-interrupted',
      },
    });
    expect(written).not.toContain(doneEvent);
  });

  it('hides the detail of a raw provider error part', async () => {
    const written = await events([
      { type: 'error', error: { type: 'overloaded_error', message: 'key sk-secret' } },
    ]);
    expect(written[1]).not.toContain('sk-secret');
    expect(payloads(written)[1]).toMatchObject({ error: { code: 'internal-error' } });
  });

  it('ends with an error event when the upstream stops without finishing', async () => {
    const interrupted = await events([
      { type: 'text-delta', id: 't', delta: 'Hal' },
      { ...finish, finishReason: { unified: 'interrupted', raw: undefined } },
    ]);
    const cut = await events([{ type: 'text-delta', id: 't', delta: 'Hal' }]);
    expect([deltas(interrupted), deltas(cut)]).toEqual([
      [{ role: 'assistant', content: '' }, { content: 'Hal' }, 'error'],
      [{ role: 'assistant', content: '' }, { content: 'Hal' }, 'error'],
    ]);
    expect(payloads(cut)[2]).toEqual({
      error: {
        message:
          'The answer stopped before it was complete (the stream ended without a finish); retry the call.',
        type: 'server_error',
        param: null,
        code: 'stream-incomplete',
      },
    });
  });

  it('ends with an error event when the stream itself errors', async () => {
    let pulls = 0;
    const parts = new ReadableStream<LanguageModelV4StreamPart>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue({ type: 'text-delta', id: 't', delta: 'Hal' });
        else controller.error(new Error('ECONNRESET'));
      },
    });
    const written: string[] = [];
    for await (const event of chatCompletionChunks(parts, { ...identity, includeUsage: false }))
      written.push(event);
    expect(deltas(written)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hal' },
      'error',
    ]);
  });

  it('cancels the parts stream when the consumer stops early (the client went away)', async () => {
    let cancelled: unknown = 'not cancelled';
    const parts = new ReadableStream<LanguageModelV4StreamPart>({
      pull(controller) {
        controller.enqueue({ type: 'text-delta', id: 't', delta: 'x' });
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    let count = 0;
    for await (const _event of chatCompletionChunks(parts, { ...identity, includeUsage: false })) {
      count += 1;
      if (count === 3) break;
    }
    expect([count, cancelled]).toEqual([3, undefined]);
  });

  it('reads the parts left after the finish instead of cancelling (the upstream connection is reused)', async () => {
    const events: string[] = [];
    let pulls = 0;
    let onClosed = () => {};
    const closed = new Promise<void>((resolve) => {
      onClosed = resolve;
    });
    const parts = new ReadableStream<LanguageModelV4StreamPart>(
      {
        pull(controller) {
          pulls += 1;
          if (pulls === 1) controller.enqueue(finish);
          else if (pulls === 2) controller.enqueue({ type: 'raw', rawValue: '[DONE]' });
          else {
            controller.close();
            onClosed();
          }
        },
        cancel() {
          events.push('cancelled');
        },
      },
      { highWaterMark: 0 },
    );
    for await (const event of chatCompletionChunks(parts, { ...identity, includeUsage: false }))
      events.push(event === doneEvent ? 'done' : 'chunk');
    await closed;
    expect([events, pulls]).toEqual([['chunk', 'chunk', 'done'], 3]);
  });
});
