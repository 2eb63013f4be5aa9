import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, streamText, type TextStreamPart, type ToolSet } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function start(options: Parameters<typeof startFakeOpenAI>[0] = {}) {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  const provider = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, model: provider('gpt-4.1-mini') };
}

/** Reads a fullStream to its end, keeping error parts apart from an error the stream throws. */
async function collect(stream: AsyncIterable<TextStreamPart<ToolSet>>) {
  const parts: TextStreamPart<ToolSet>[] = [];
  let thrown: unknown;
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    thrown = error;
  }
  return {
    deltas: parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])),
    errors: parts.flatMap((part) => (part.type === 'error' ? [part.error] : [])),
    finish: parts.find((part) => part.type === 'finish'),
    thrown,
  };
}

// The core resets in the same tick as it writes the chunk before, and a peer's kernel drops
// received-but-unread data on RST, so without a pause the client sees none of the chunks. A
// small chunkDelayMs lets it read them first (the core should flush before it resets).
const readGapMs = 10;

describe('Responses API faults seen by @ai-sdk/openai', () => {
  it('fails generateText with a retryable APICallError on 503', async () => {
    const { server, model } = await start({ replies: [{ status: 503 }] });
    const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect([apiError.statusCode, apiError.isRetryable, server.requests.length]).toEqual([
      503,
      true,
      1,
    ]);
    expect(JSON.parse(apiError.responseBody ?? '{}')).toMatchObject({
      error: { type: 'server_error' },
    });
  });

  it('passes Retry-After and the x-ratelimit headers of a 429 to the APICallError', async () => {
    const { model } = await start({ replies: [{ status: 429, retryAfterS: 7 }] });
    const caught = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(APICallError.isInstance(caught)).toBe(true);
    const apiError = caught as APICallError;
    expect(apiError.statusCode).toBe(429);
    expect(apiError.responseHeaders?.['retry-after']).toBe('7');
    expect(apiError.responseHeaders?.['x-ratelimit-remaining-requests']).toBe('0');
    expect(apiError.responseBody).toContain('rate_limit_exceeded');
  });

  it('delivers 3 text deltas, then fullStream throws the connection reset (resetAfterChunks: 3)', async () => {
    const { server, model } = await start({
      replies: [{ text: 'a b c d e f', chunks: 6, resetAfterChunks: 3, chunkDelayMs: readGapMs }],
    });
    const { deltas, errors, finish, thrown } = await collect(
      streamText({ model, prompt: 'hi', maxRetries: 0 }).fullStream,
    );
    expect([deltas, errors.length, finish]).toEqual([['a ', 'b ', 'c '], 0, undefined]);
    expect(APICallError.isInstance(thrown)).toBe(true);
    expect(String((thrown as APICallError).cause)).toMatch(/terminated/);
    expect([server.requests[0]?.chunksSent, server.requests[0]?.outcome]).toEqual([3, 'reset']);
  });

  it('reports a parse error part for the malformed chunk, keeps the other deltas, and finishes with error', async () => {
    const { model } = await start({
      replies: [{ text: 'a b c d', chunks: 4, malformedChunkAt: 2 }],
    });
    const { deltas, errors, finish } = await collect(
      // onError: the error part is what this test reads; do not log it too.
      streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream,
    );
    expect(deltas).toEqual(['a ', 'c ', 'd']);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/JSON/);
    expect(finish?.type === 'finish' && finish.finishReason).toBe('error');
  });

  it("finishes with reason 'interrupted' and no usage when response.completed never comes (no-terminator)", async () => {
    const { model } = await start({
      replies: [{ text: 'x y', chunks: 2, fault: 'no-terminator' }],
    });
    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });
    const { deltas, errors } = await collect(result.fullStream);
    expect([deltas, errors.length]).toEqual([['x ', 'y'], 0]);
    expect(await result.finishReason).toBe('interrupted');
    expect((await result.usage).inputTokens).toBeUndefined();
  });

  it('holds the first stream event back for firstByteDelayMs after the headers', async () => {
    const delayMs = 150;
    const { server, model } = await start({
      replies: [{ text: 'late', firstByteDelayMs: delayMs }],
    });
    let firstDeltaAt = 0;
    for await (const _delta of streamText({ model, prompt: 'hi', maxRetries: 0 }).textStream) {
      firstDeltaAt ||= performance.now();
    }
    const receivedAt = server.requests[0]?.receivedAt ?? Number.POSITIVE_INFINITY;
    // Timers may fire up to a millisecond early against performance.now().
    expect(firstDeltaAt - receivedAt).toBeGreaterThanOrEqual(delayMs - 2);
  });
});

describe('Responses API faults seen by the official openai client', () => {
  function client(server: { baseURL: string; apiKey: string }) {
    return new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  }

  it('throws RateLimitError with the Retry-After header on 429', async () => {
    const server = await startFakeOpenAI({ replies: [{ status: 429, retryAfterS: 3 }] });
    onTestFinished(() => server.close());
    const error = await client(server)
      .responses.create({ model: 'gpt-4.1', input: 'hi' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect([rateLimit.status, rateLimit.code, rateLimit.headers.get('retry-after')]).toEqual([
      429,
      'rate_limit_exceeded',
      '3',
    ]);
  });

  it("yields 3 output_text deltas, then throws fetch's TypeError 'terminated' on a reset after 3 chunks", async () => {
    const server = await startFakeOpenAI({
      replies: [{ text: 'a b c d e', chunks: 5, resetAfterChunks: 3, chunkDelayMs: readGapMs }],
    });
    onTestFinished(() => server.close());
    const stream = await client(server).responses.create({
      model: 'gpt-4.1',
      input: 'hi',
      stream: true,
    });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') deltas.push(event.delta);
      }
    })().catch((caught: unknown) => caught);
    expect(deltas).toEqual(['a ', 'b ', 'c ']);
    // Mid-stream, openai-node passes fetch's own error through rather than an APIConnectionError.
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
  });
});
