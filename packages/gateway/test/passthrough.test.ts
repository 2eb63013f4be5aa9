import type { DecisionTrace, RouterOptions, TargetOptions } from '@modelmux/core';
import type { FakeServerOptions } from '@modelmux/testkit';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../core/test/support/fake-clock.js';
import { assembleChatStream } from './support/chat-sse.js';
import { startGateway } from './support/gateway.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

const price = { inputUsdPerMillion: 1, outputUsdPerMillion: 2 };
const messages = [{ role: 'user' as const, content: 'pass it through' }];

/** A route 'main' over the given targets, and every decision the router makes. */
async function gatewayOver(
  targets: TargetOptions[],
  route: Partial<RouterOptions['routes'][string]> = {},
  extra: { passThrough?: boolean; clock?: RouterOptions['clock'] } = {},
) {
  const { passThrough, clock } = extra;
  const decisions: DecisionTrace[] = [];
  const gateway = await startGateway(
    {
      targets,
      routes: { main: { targets: targets.map((target) => target.id), ...route } },
      ...(clock ? { clock } : {}),
      onDecision: (trace) => decisions.push(trace),
    } as RouterOptions,
    passThrough === undefined ? {} : { passThrough },
  );
  return { gateway, decisions };
}

async function openaiTarget(id: string, options: FakeServerOptions = {}) {
  return fakeTarget('openai', id, options, { price });
}

/** SSE text as the async iterable the stream assembler reads. */
async function* sse(text: string): AsyncGenerator<string> {
  yield text;
}

/** The answer's text from a raw `/v1/chat/completions` response, streamed or not. */
async function chatContent(
  raw: Awaited<ReturnType<typeof postChat>>,
  stream: boolean,
): Promise<string | undefined> {
  if (stream) return (await assembleChatStream(sse(raw.text))).content;
  return (raw.json as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
}

async function postChat(url: string, body: Record<string, unknown>) {
  return rawRequest(`${url}/v1/chat/completions`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('pass-through to an OpenAI chat target', () => {
  it("non-stream: sends the client's body with the target's model, and answers the upstream's completion", async () => {
    const mini = await openaiTarget('mini', {
      defaultReply: { usage: { inputTokens: 10, outputTokens: 5 } },
    });
    const { gateway, decisions } = await gatewayOver([mini.target]);
    const { data, response } = await gateway
      .openai()
      .chat.completions.create({
        model: 'main',
        messages,
        max_completion_tokens: 32,
        metadata: { team: 'search' },
        store: true,
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('echo: pass it through');
    expect([data.model, data.id]).toEqual([
      'main',
      `chatcmpl-${response.headers.get('x-request-id')}`,
    ]);
    expect(data.usage?.total_tokens).toBe(15);
    // The body as the client wrote it: translation would have sent max_tokens.
    const sent = mini.server.requests[0]?.body as Record<string, unknown>;
    expect(sent).toEqual({ model: 'gpt-4.1-mini', messages, max_completion_tokens: 32 });
    expect(mini.server.requests[0]?.authorized).toBe(true);
    expect([
      response.headers.get('x-modelmux-target'),
      response.headers.get('x-modelmux-attempts'),
    ]).toEqual(['mini', '1']);
    const [decision] = decisions;
    expect(decision?.outcome).toBe('success');
    expect(decision?.metadata?.team).toBe('search');
    expect(decision?.attempts[0]?.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
    expect(decision?.attempts[0]?.costUsd).toBeCloseTo((10 * 1 + 5 * 2) / 1e6, 12);
  });

  it('passThrough: false translates the same request through the AI SDK', async () => {
    const mini = await openaiTarget('mini');
    const { gateway } = await gatewayOver([mini.target], {}, { passThrough: false });
    await gateway
      .openai()
      .chat.completions.create({ model: 'main', messages, max_completion_tokens: 32 });
    const sent = mini.server.requests[0]?.body as Record<string, unknown>;
    expect([sent.max_tokens, sent.max_completion_tokens]).toEqual([32, undefined]);
  });

  it('stream: asks upstream for usage (for the cost) and leaves it out when the client did not ask', async () => {
    const mini = await openaiTarget('mini', {
      defaultReply: { chunks: 4, usage: { inputTokens: 7, outputTokens: 4 } },
    });
    const { gateway, decisions } = await gatewayOver([mini.target]);
    const raw = await postChat(gateway.url, { model: 'main', stream: true, messages });
    const stream = await assembleChatStream(sse(raw.text));
    expect([stream.content, stream.finishReason, stream.done, stream.usage]).toEqual([
      'echo: pass it through',
      'stop',
      true,
      undefined,
    ]);
    expect(raw.text).not.toContain('"usage"');
    expect(raw.text).not.toContain('gpt-4.1-mini');
    expect(
      (mini.server.requests[0]?.body as { stream_options?: unknown } | undefined)?.stream_options,
    ).toEqual({
      include_usage: true,
    });
    expect(raw.headers['x-modelmux-target']).toBe('mini');
    expect(decisions[0]?.attempts[0]?.usage).toEqual({ inputTokens: 7, outputTokens: 4 });
    expect(decisions[0]?.attempts[0]?.costUsd).toBeCloseTo((7 + 8) / 1e6, 12);
  });

  it('stream: relays the usage chunk when the client asks for it (the official client)', async () => {
    const mini = await openaiTarget('mini', { defaultReply: { chunks: 3 } });
    const { gateway } = await gatewayOver([mini.target]);
    const stream = await gateway.openai().chat.completions.create({
      model: 'main',
      stream: true,
      stream_options: { include_usage: true },
      messages,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'echo: pass it through',
    );
    expect(chunks.every((chunk) => chunk.model === 'main')).toBe(true);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('a request that needs translation (top_k) takes the AI SDK path', async () => {
    const mini = await openaiTarget('mini');
    const { gateway } = await gatewayOver([mini.target]);
    const raw = await postChat(gateway.url, {
      model: 'main',
      messages,
      top_k: 5,
      max_completion_tokens: 9,
    });
    expect(raw.status).toBe(200);
    const sent = mini.server.requests[0]?.body as Record<string, unknown>;
    expect([sent.top_k, sent.max_tokens]).toEqual([undefined, 9]);
  });
});

const faults: [string, FakeServerOptions['defaultReply']][] = [
  ['500', { status: 500, error: 'server-error' }],
  ['503', { status: 503 }],
  ['429 with Retry-After', { status: 429, error: 'rate-limited', retryAfterS: 30 }],
  ['a reset before the answer', { fault: 'reset' }],
  ['a break before the first chunk', { resetAfterChunks: 0 }],
  ['a malformed first chunk', { malformedChunkAt: 1 }],
];

describe.each([false, true])('fail-over from a pass-through target (stream: %s)', (stream) => {
  it.each(faults)('%s on the first target: the second answers', async (_name, fault) => {
    const first = await openaiTarget('first', { defaultReply: fault });
    const second = await openaiTarget('second');
    const { gateway, decisions } = await gatewayOver([first.target, second.target]);
    const raw = await postChat(gateway.url, { model: 'main', stream, messages });
    expect(raw.status).toBe(200);
    const content = await chatContent(raw, stream);
    expect(content).toBe('echo: pass it through');
    expect([raw.headers['x-modelmux-target'], raw.headers['x-modelmux-attempts']]).toEqual([
      'second',
      '2',
    ]);
    expect([first.server.requests.length, second.server.requests.length]).toEqual([1, 1]);
    expect(decisions[0]?.attempts.map((attempt) => attempt.outcome)).toEqual(['error', 'success']);
    if (fault?.status === 429) expect(decisions[0]?.attempts[0]?.reason).toBe('rate-limited');
  });

  it.each([
    ['a hung request', { fault: 'hang' as const }],
    ['a slow first byte', { firstByteDelayMs: 60_000 }],
  ])(
    '%s on the first target times out on the router clock, and the second answers',
    async (_name, fault) => {
      const clock = createFakeClock();
      const first = await openaiTarget('first', { defaultReply: fault });
      const second = await openaiTarget('second');
      const { gateway, decisions } = await gatewayOver(
        [first.target, second.target],
        { timeouts: { attemptMs: 5_000, firstChunkMs: 5_000 } },
        { clock },
      );
      const answer = postChat(gateway.url, { model: 'main', stream, messages });
      await first.server.waitForRequests(1);
      clock.advance(5_000);
      const raw = await answer;
      expect(raw.status).toBe(200);
      expect(raw.headers['x-modelmux-target']).toBe('second');
      expect(decisions[0]?.attempts[0]?.reason).toBe('timeout');
    },
  );
});

describe('a pass-through stream that breaks after its first content', () => {
  it('ends with the error event and no [DONE], without failing over', async () => {
    const first = await openaiTarget('first', { defaultReply: { chunks: 6, resetAfterChunks: 2 } });
    const second = await openaiTarget('second');
    const { gateway, decisions } = await gatewayOver([first.target, second.target]);
    const raw = await postChat(gateway.url, {
      model: 'main',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four five six' }],
    });
    const stream = await assembleChatStream(sse(raw.text));
    expect(stream.content.length).toBeGreaterThan(0);
    expect(stream.error?.code).toBe('stream-interrupted');
    expect(stream.done).toBe(false);
    expect(second.server.requests.length).toBe(0);
    expect(decisions[0]?.outcome).toBe('interrupted');
  });

  it('the official client raises an APIError', async () => {
    const only = await openaiTarget('only', { defaultReply: { chunks: 6, resetAfterChunks: 2 } });
    const { gateway } = await gatewayOver([only.target]);
    const stream = await gateway.openai().chat.completions.create({
      model: 'main',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four five six' }],
    });
    const error = await (async () => {
      for await (const _chunk of stream);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
  });

  it('a malformed chunk after the first content (even in the same packet) ends it with the error event', async () => {
    const first = await openaiTarget('first', {
      defaultReply: { text: 'one two three four', chunks: 4, malformedChunkAt: 2 },
    });
    const second = await openaiTarget('second');
    const { gateway } = await gatewayOver([first.target, second.target]);
    const raw = await postChat(gateway.url, { model: 'main', stream: true, messages });
    const stream = await assembleChatStream(sse(raw.text));
    expect([stream.content, stream.error?.code, stream.done]).toEqual([
      'one ',
      'stream-interrupted',
      false,
    ]);
    expect(second.server.requests.length).toBe(0);
  });

  it('a stream without its terminator ends with the error event too', async () => {
    const only = await openaiTarget('only', { defaultReply: { fault: 'no-terminator' } });
    const { gateway } = await gatewayOver([only.target]);
    const raw = await postChat(gateway.url, { model: 'main', stream: true, messages });
    expect(raw.text).toMatch(/data: \{"error":\{/);
    expect(raw.text).not.toContain('[DONE]');
  });
});

describe.each([false, true])('fail-over across protocols (stream: %s)', (stream) => {
  it.each<[ProviderName, ProviderName]>([
    ['openai', 'anthropic'],
    ['anthropic', 'openai'],
    ['gemini', 'openai'],
  ])('%s failing first, then %s: the client gets its own protocol', async (failing, answering) => {
    const first = await fakeTarget(failing, 'first', { defaultReply: { status: 503 } }, { price });
    const second = await fakeTarget(answering, 'second', {}, { price });
    const { gateway, decisions } = await gatewayOver([first.target, second.target]);
    const raw = await postChat(gateway.url, { model: 'main', stream, messages });
    expect(raw.status).toBe(200);
    const content = await chatContent(raw, stream);
    expect(content).toBe('echo: pass it through');
    expect(raw.headers['x-modelmux-target']).toBe('second');
    expect(decisions[0]?.attempts[1]?.usage?.outputTokens).toBeGreaterThan(0);
  });
});

describe('a hedged pass-through call', () => {
  it.each([false, true])(
    'stream %s: the hedge answers, and the slow attempt’s upstream request is cancelled',
    async (stream) => {
      const clock = createFakeClock();
      const slow = await openaiTarget('slow', { defaultReply: { fault: 'hang' } });
      const fast = await openaiTarget('fast');
      const { gateway, decisions } = await gatewayOver(
        [slow.target, fast.target],
        { hedge: { afterMs: 200 } },
        { clock },
      );
      const answer = postChat(gateway.url, { model: 'main', stream, messages });
      await slow.server.waitForRequests(1);
      clock.advance(200);
      const raw = await answer;
      expect([raw.status, raw.headers['x-modelmux-target']]).toEqual([200, 'fast']);
      await gateway.answered(1);
      expect(decisions[0]?.hedge?.winner).toBe('fast');
      expect(decisions[0]?.attempts.find((attempt) => attempt.target === 'slow')?.outcome).toBe(
        'aborted',
      );
      await expect.poll(() => slow.server.requests[0]?.outcome).toBe('client-closed');
    },
  );
});
