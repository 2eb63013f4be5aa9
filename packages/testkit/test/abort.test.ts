import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Reply } from '../src/core/reply.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

// Slow enough that the client always aborts mid-stream: 20 chunks 50 ms apart.
const slowStream: Reply = { text: 'w '.repeat(20).trim(), chunks: 20, chunkDelayMs: 50 };

async function fake(replies: Reply[]) {
  const server = await startFakeOpenAI({ replies });
  onTestFinished(() => server.close());
  return server;
}

describe('client aborts against the fake OpenAI server', () => {
  it('logs client-closed within 100 ms when streamText is aborted mid-stream', async () => {
    const server = await fake([slowStream]);
    const model = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
      'gpt-4o-mini',
    );
    const controller = new AbortController();
    const result = streamText({
      model,
      prompt: 'hi',
      maxRetries: 0,
      abortSignal: controller.signal,
    });
    let deltas = 0;
    let abortedAt = 0;
    for await (const part of result.stream) {
      if (part.type === 'text-delta' && part.text !== '') deltas += 1;
      if (deltas === 2 && abortedAt === 0) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    await server.waitForRequests(1);
    const entry = await server.waitForClose(1);
    expect(entry.outcome).toBe('client-closed');
    expect((entry.closedAt ?? Number.POSITIVE_INFINITY) - abortedAt).toBeLessThan(100);
    expect(entry.chunksSent).toBeLessThan(20);
  });

  it('logs client-closed within 100 ms when the openai client aborts mid-stream', async () => {
    const server = await fake([slowStream]);
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    let contents = 0;
    let abortedAt = 0;
    const ended = (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) contents += 1;
        if (contents === 2 && abortedAt === 0) {
          abortedAt = performance.now();
          controller.abort();
        }
      }
    })().catch((error: unknown) => error);
    await server.waitForRequests(1);
    const entry = await server.waitForClose(1);
    await ended;
    expect(entry.outcome).toBe('client-closed');
    expect((entry.closedAt ?? Number.POSITIVE_INFINITY) - abortedAt).toBeLessThan(100);
    expect(entry.chunksSent).toBeLessThan(20);
  });

  it('logs client-closed within 100 ms when a hung request is aborted', async () => {
    const server = await fake([{ fault: 'hang' }]);
    const model = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
      'gpt-4o-mini',
    );
    const controller = new AbortController();
    const call = generateText({
      model,
      prompt: 'hi',
      maxRetries: 0,
      abortSignal: controller.signal,
    }).catch((error: unknown) => error);
    await server.waitForRequests(1);
    const abortedAt = performance.now();
    controller.abort();
    const entry = await server.waitForClose(1);
    expect((await call) as Error).toMatchObject({ name: 'AbortError' });
    expect([entry.outcome, entry.status]).toEqual(['client-closed', undefined]);
    expect((entry.closedAt ?? Number.POSITIVE_INFINITY) - abortedAt).toBeLessThan(100);
  });
});
