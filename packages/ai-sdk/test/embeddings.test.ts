import { AllTargetsFailedError, createRouter, type DecisionTrace } from '@modelmux/core';
import type { FakeServerOptions } from '@modelmux/testkit';
import { embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouterProvider } from '../src/index.js';
import { attemptsOf, embeddingTarget, traceOf } from './support/providers.js';

/** Route 'embed': OpenAI's text-embedding-3-small, then Google's gemini-embedding-001. */
async function embeddingRoute(openai: FakeServerOptions, gemini: FakeServerOptions = {}) {
  const first = await embeddingTarget('openai', openai);
  const second = await embeddingTarget('gemini', gemini);
  const router = createRouter({
    targets: [first.target, second.target],
    routes: { embed: { targets: ['openai-embed', 'gemini-embed'] } },
  });
  const decisions: DecisionTrace[] = [];
  router.on('decision', (trace) => decisions.push(trace));
  return {
    llm: createRouterProvider(router),
    openai: first.server,
    gemini: second.server,
    decisions,
  };
}

function norm(vector: readonly number[]): number {
  return Math.hypot(...vector);
}

describe('embeddings through the router provider', () => {
  it('embed fails over from an OpenAI 503 to Gemini', async () => {
    const { llm, openai, gemini } = await embeddingRoute({ replies: [{ status: 503 }] });

    const result = await embed({
      model: llm.embeddingModel('embed'),
      value: 'sunny day',
      dimensions: 8,
    });

    expect(result.embedding).toHaveLength(8);
    expect(norm(result.embedding)).toBeCloseTo(1, 5);
    const trace = traceOf(result.providerMetadata);
    expect(trace).toMatchObject({ route: 'embed', operation: 'embed', target: 'gemini-embed' });
    expect(attemptsOf(trace)).toEqual(['openai-embed:503', 'gemini-embed:success']);
    expect([openai.requests.length, gemini.requests.length]).toEqual([1, 1]);
    expect(gemini.requests[0]?.path).toContain(':embedContent');
  });

  it('embedMany splits by the smallest maxEmbeddingsPerCall of the route and fails over per chunk', async () => {
    const { llm, openai, gemini, decisions } = await embeddingRoute({
      replies: [{ status: 503 }],
    });
    const model = llm.embeddingModel('embed');
    const values = Array.from({ length: 150 }, (_, index) => `value ${index}`);

    const result = await embedMany({ model, values, dimensions: 8, maxParallelCalls: 1 });

    // Google allows 100 values a call, OpenAI 2048: the route advertises 100.
    expect(model.maxEmbeddingsPerCall).toBe(100);
    expect(result.embeddings).toHaveLength(150);
    expect(result.embeddings.every((vector) => vector.length === 8)).toBe(true);
    expect(decisions.map(attemptsOf)).toEqual([
      ['openai-embed:503', 'gemini-embed:success'],
      ['openai-embed:success'],
    ]);
    // The SDK merges the chunks' metadata shallowly: the last chunk's trace wins.
    expect(traceOf(result.providerMetadata)).toEqual(decisions[1]);
    const batch = gemini.requests[0]?.body as { requests: unknown[] };
    const second = openai.requests[1]?.body as { input: unknown[] };
    expect([openai.requests.length, gemini.requests.length]).toEqual([2, 1]);
    expect([batch.requests.length, second.input.length]).toEqual([100, 50]);
    expect(gemini.requests[0]?.path).toContain(':batchEmbedContents');
  });

  it('rejects with AllTargetsFailedError after the default 3 attempts, with no SDK retry', async () => {
    const { llm, openai, gemini } = await embeddingRoute(
      { defaultReply: { status: 503 } },
      { defaultReply: { status: 500 } },
    );

    const error = await embed({
      model: llm.embeddingModel('embed'),
      value: 'x',
      maxRetries: 2,
    }).catch((caught: unknown) => caught);

    expect(AllTargetsFailedError.isInstance(error)).toBe(true);
    expect(attemptsOf((error as AllTargetsFailedError).trace)).toEqual([
      'openai-embed:503',
      'gemini-embed:500',
      'openai-embed:503',
    ]);
    // maxRetries: 2 would have tripled that; the router's error is not an APICallError.
    expect([openai.requests.length, gemini.requests.length]).toEqual([2, 1]);
  });
});
