import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, type LanguageModel, streamText } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServer } from '../src/core/fake-server.js';
import type { Reply } from '../src/core/reply.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function fake(replies: Reply[]) {
  const server = await startFakeOpenAI({ replies });
  onTestFinished(() => server.close());
  const model = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
    'gpt-4o-mini',
  );
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  return { server, model, client };
}

/**
 * Streams through `.chat()` and records each part's type and arrival time; an error that ends
 * the stream (a network error) is thrown by the iterator and recorded as `thrown`.
 */
async function streamParts(
  server: FakeServer,
  model: LanguageModel,
  prompt = 'one two three four five',
) {
  const startedAt = performance.now();
  const result = streamText({ model, prompt, maxRetries: 0, onError: () => {} });
  const parts: { type: string; text?: string; error?: unknown; at: number }[] = [];
  try {
    for await (const part of result.stream) {
      const at = performance.now() - startedAt;
      if (part.type === 'text-delta' && part.text !== '')
        parts.push({ type: part.type, text: part.text, at });
      else if (part.type === 'error') parts.push({ type: part.type, error: part.error, at });
      else if (part.type === 'finish') parts.push({ type: `finish:${part.finishReason}`, at });
    }
  } catch (error) {
    parts.push({ type: 'thrown', error, at: performance.now() - startedAt });
  }
  return { parts, entry: server.requests[0] };
}

describe('fake OpenAI timing and stream faults through .chat() and the openai client', () => {
  it('delays the response headers by latencyMs', async () => {
    const { server, model } = await fake([{ latencyMs: 120 }]);
    const startedAt = performance.now();
    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('echo: hi');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(115);
    expect(server.requests[0]?.outcome).toBe('completed');
  });

  it('sends headers at once but the first chunk only after firstByteDelayMs', async () => {
    const { client } = await fake([{ firstByteDelayMs: 150 }]);
    const startedAt = performance.now();
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const headersAt = performance.now() - startedAt;
    let firstChunkAt: number | undefined;
    for await (const _chunk of stream) firstChunkAt ??= performance.now() - startedAt;
    expect(headersAt).toBeLessThan(100);
    expect(firstChunkAt).toBeGreaterThanOrEqual(145);
  });

  it('delays the first text delta of .chat() by firstByteDelayMs', async () => {
    const { server, model } = await fake([{ firstByteDelayMs: 150 }]);
    const { parts } = await streamParts(server, model, 'hi');
    expect(parts[0]?.type).toBe('text-delta');
    expect(parts[0]?.at).toBeGreaterThanOrEqual(145);
  });

  it('streams the scripted number of chunks chunkDelayMs apart', async () => {
    const { server, model } = await fake([{ text: 'a b c d e', chunks: 5, chunkDelayMs: 40 }]);
    const { parts } = await streamParts(server, model);
    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas.map((part) => part.text)).toEqual(['a ', 'b ', 'c ', 'd ', 'e']);
    // The server pauses 4 times before it writes the last delta, so it cannot arrive sooner.
    expect(deltas.at(-1)?.at).toBeGreaterThanOrEqual(4 * 40 - 2);
    expect(parts.at(-1)?.type).toBe('finish:stop');
  });

  it('hangs until the client aborts, and logs the request as client-closed', async () => {
    const { server, model } = await fake([{ fault: 'hang' }]);
    const error = await generateText({
      model,
      prompt: 'hi',
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(100),
    }).catch((caught: unknown) => caught);
    expect((error as Error).name).toMatch(/AbortError|TimeoutError/);
    const entry = await server.waitForClose(1);
    expect([entry.outcome, entry.status]).toEqual(['client-closed', undefined]);
  });

  it('resets the connection before the response: .chat() sees a retryable network APICallError', async () => {
    const { server, model } = await fake([{ fault: 'reset' }]);
    const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toMatch(/^Cannot connect to API/);
    expect((error as APICallError).statusCode).toBeUndefined();
    expect((error as APICallError).isRetryable).toBe(true);
    expect(server.requests[0]?.outcome).toBe('reset');
  });

  it('resets the connection before the response: the openai client throws APIConnectionError', async () => {
    const { client } = await fake([{ fault: 'reset' }]);
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  // The chunk delay lets the 3 chunks flush before the RST: Exchange.reset() does not wait for
  // pending writes, so without a delay the client receives none of them.
  it('resets after 3 chunks: .chat() yields 3 text deltas, then the stream throws a retryable APICallError', async () => {
    const { server, model } = await fake([
      { text: 'a b c d e', chunks: 5, chunkDelayMs: 20, resetAfterChunks: 3 },
    ]);
    const { parts, entry } = await streamParts(server, model);
    expect(parts.map((part) => part.text ?? part.type)).toEqual(['a ', 'b ', 'c ', 'thrown']);
    const error = parts.at(-1)?.error;
    expect(APICallError.isInstance(error) && [error.statusCode, error.isRetryable]).toEqual([
      200,
      true,
    ]);
    expect([entry?.outcome, entry?.chunksSent]).toEqual(['reset', 3]);
  });

  it('resets after 3 chunks: the openai client iterates 3 content chunks, then throws', async () => {
    const { client } = await fake([
      { text: 'a b c d e', chunks: 5, chunkDelayMs: 20, resetAfterChunks: 3 },
    ]);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const contents: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) contents.push(content);
      }
    })().catch((caught: unknown) => caught);
    expect(contents).toEqual(['a ', 'b ', 'c ']);
    expect(error).toBeInstanceOf(Error);
  });

  it('sends an unparseable chunk 2: .chat() reports an error part and still finishes with stop', async () => {
    const { server, model } = await fake([{ text: 'a b c', chunks: 3, malformedChunkAt: 2 }]);
    const { parts } = await streamParts(server, model);
    expect(parts.map((part) => part.text ?? part.type)).toEqual([
      'a ',
      'error',
      'c',
      'finish:stop',
    ]);
  });

  it('sends an unparseable chunk: the openai client throws a SyntaxError', async () => {
    const { client } = await fake([{ fault: 'malformed-chunk' }]);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const error = await (async () => {
      for await (const _chunk of stream);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it('sends an unparseable JSON body: generateText throws an APICallError caused by a JSONParseError', async () => {
    const { model } = await fake([{ fault: 'malformed-chunk' }]);
    const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect([apiError.statusCode, apiError.message, (apiError.cause as Error).name]).toEqual([
      200,
      'Invalid JSON response',
      'AI_JSONParseError',
    ]);
  });

  it("drops the terminator: .chat() keeps the text and finishes as 'interrupted' without usage", async () => {
    const { server, model } = await fake([{ text: 'a b', chunks: 2, fault: 'no-terminator' }]);
    const startedAt = performance.now();
    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });
    expect(await result.text).toBe('a b');
    expect(await result.finishReason).toBe('interrupted');
    expect((await result.usage).inputTokens).toBeUndefined();
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(server.requests[0]?.outcome).toBe('completed');
  });

  it('drops the terminator: the openai client ends the stream without an error', async () => {
    const { client } = await fake([{ text: 'a b', chunks: 2, fault: 'no-terminator' }]);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const finishReasons = [];
    for await (const chunk of stream) finishReasons.push(chunk.choices[0]?.finish_reason);
    expect(finishReasons).toEqual([null, null, null]);
  });
});
