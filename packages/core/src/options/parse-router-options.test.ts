import { createOpenAI } from '@ai-sdk/openai';
import {
  MockEmbeddingModelV3,
  MockEmbeddingModelV4,
  MockLanguageModelV3,
  MockLanguageModelV4,
} from 'ai/test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { systemClock } from '../clock.js';
import { priorityStrategy } from '../strategies/priority.js';
import type { Strategy } from '../strategies/strategy.js';
import { weightedStrategy } from '../strategies/weighted.js';
import { parseRouterOptions } from './parse-router-options.js';
import type { RouterOptions, TargetOptions } from './router-options.js';
import type { routerOptionsSchema } from './router-options-schema.js';

const language = () => new MockLanguageModelV4({ provider: 'mock.chat', modelId: 'mock-1' });
const embedding = () =>
  new MockEmbeddingModelV4({ provider: 'mock.embedding', modelId: 'embed-1' });

/** Three language targets, one route over them: valid as it stands. */
function baseOptions(overrides: Partial<RouterOptions> = {}): RouterOptions {
  return {
    targets: [
      { id: 'gpt-mini', model: language() },
      { id: 'haiku', model: language() },
      { id: 'sonnet', model: language() },
    ],
    routes: { smart: { targets: ['gpt-mini', 'haiku', 'sonnet'] } },
    ...overrides,
  };
}

describe('parseRouterOptions: defaults', () => {
  it('applies every default to a minimal config', () => {
    const resolved = parseRouterOptions(baseOptions());
    const route = resolved.routes.get('smart');
    expect(route).toEqual({
      name: 'smart',
      kind: 'language',
      strategy: priorityStrategy,
      members: [
        { kind: 'target', id: 'gpt-mini', weight: 1 },
        { kind: 'target', id: 'haiku', weight: 1 },
        { kind: 'target', id: 'sonnet', weight: 1 },
      ],
      retry: { maxAttempts: 3, backoffBaseMs: 250, backoffMaxMs: 4000 },
      retryBudget: { ratio: 0.2, minRetriesPerSecond: 5, windowMs: 10_000 },
      ownRetryBudget: false,
      continuation: 'off',
      timeouts: { attemptMs: 120_000, firstChunkMs: 30_000, idleMs: 30_000, deadlineMs: 300_000 },
    });
    expect(resolved.retryBudget).toEqual({ ratio: 0.2, minRetriesPerSecond: 5, windowMs: 10_000 });
    expect(resolved.breaker).toEqual({
      consecutiveFailures: 5,
      failureRatio: 0.5,
      windowMs: 30_000,
      minimumCalls: 10,
      cooldownMs: 5_000,
      maxCooldownMs: 60_000,
      halfOpenProbes: 1,
    });
    expect(resolved.rateLimitCooldown).toEqual({ defaultMs: 1_000, maxMs: 120_000 });
    expect([resolved.clock, resolved.random, resolved.store.kind, resolved.onDecision]).toEqual([
      systemClock,
      Math.random,
      'memory',
      undefined,
    ]);
  });

  it('resolves a target with default capabilities, weight and no price', () => {
    const target = parseRouterOptions(baseOptions()).targets.get('haiku');
    expect(target).toMatchObject({
      id: 'haiku',
      kind: 'language',
      provider: 'mock',
      modelId: 'mock-1',
      region: undefined,
      price: undefined,
      priceSource: 'unknown',
      contextWindow: undefined,
      capabilities: { tools: true, vision: true, json: true },
      weight: 1,
      timeouts: {},
      embeddingModel: undefined,
    });
  });

  it('gives every router its own memory store', () => {
    const first = parseRouterOptions(baseOptions()).store;
    expect(parseRouterOptions(baseOptions()).store).not.toBe(first);
  });

  it('keeps the injected clock, random, store and onDecision', () => {
    const clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };
    const random = () => 0.5;
    const onDecision = () => {};
    const store = parseRouterOptions(baseOptions()).store;
    const resolved = parseRouterOptions(baseOptions({ clock, random, onDecision, store }));
    expect([resolved.clock, resolved.random, resolved.onDecision, resolved.store]).toEqual([
      clock,
      random,
      onDecision,
      store,
    ]);
  });
});

describe('parseRouterOptions: overrides', () => {
  it('lets a route win over defaults field by field', () => {
    const resolved = parseRouterOptions(
      baseOptions({
        defaults: {
          retry: { maxAttempts: 5, backoff: { maxMs: 8000 } },
          timeouts: { idleMs: 10_000 },
        },
        routes: {
          smart: {
            targets: ['gpt-mini'],
            retry: { backoff: { baseMs: 100 } },
            timeouts: { attemptMs: 60_000, deadlineMs: Number.POSITIVE_INFINITY },
          },
          plain: { targets: ['haiku'] },
        },
      }),
    );
    expect(resolved.routes.get('smart')).toMatchObject({
      retry: { maxAttempts: 5, backoffBaseMs: 100, backoffMaxMs: 8000 },
      timeouts: { attemptMs: 60_000, firstChunkMs: 30_000, idleMs: 10_000, deadlineMs: undefined },
    });
    expect(resolved.routes.get('plain')).toMatchObject({
      retry: { maxAttempts: 5, backoffBaseMs: 250, backoffMaxMs: 8000 },
      timeouts: { attemptMs: 120_000, firstChunkMs: 30_000, idleMs: 10_000, deadlineMs: 300_000 },
    });
  });

  it('keeps target settings and sets only the timeouts a target overrides', () => {
    const target: TargetOptions = {
      id: 'eu',
      model: language(),
      provider: 'azure',
      region: 'eu-west-1',
      price: { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
      contextWindow: 128_000,
      capabilities: { vision: false },
      weight: 3,
      timeoutMs: 20_000,
      idleTimeoutMs: Number.POSITIVE_INFINITY,
    };
    const resolved = parseRouterOptions({
      targets: [target],
      routes: { main: { targets: ['eu'] } },
    });
    const eu = resolved.targets.get('eu');
    expect(eu).toMatchObject({
      provider: 'azure',
      region: 'eu-west-1',
      price: { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
      priceSource: 'options',
      contextWindow: 128_000,
      capabilities: { tools: true, vision: false, json: true },
      weight: 3,
      timeouts: { attemptMs: 20_000, idleMs: undefined },
    });
    expect([eu && 'idleMs' in eu.timeouts, eu && 'firstChunkMs' in eu.timeouts]).toEqual([
      true,
      false,
    ]);
  });

  it('assumes assistant prefill for Anthropic targets only, unless a target says', () => {
    const resolved = parseRouterOptions({
      targets: [
        { id: 'claude', model: language(), provider: 'anthropic' },
        { id: 'gpt', model: language(), provider: 'openai' },
        { id: 'vllm', model: language(), provider: 'openai', capabilities: { prefill: true } },
        { id: 'opus', model: language(), provider: 'anthropic', capabilities: { prefill: false } },
      ],
      routes: { main: { targets: ['claude', 'gpt', 'vllm', 'opus'], continuation: 'prefill' } },
    });
    expect(
      ['claude', 'gpt', 'vllm', 'opus'].map((id) => resolved.targets.get(id)?.capabilities.prefill),
    ).toEqual([true, false, true, false]);
    expect(resolved.routes.get('main')?.continuation).toBe('prefill');
  });

  it('weights members by their own weight, else the target weight, else 1 for a route', () => {
    const resolved = parseRouterOptions({
      targets: [
        { id: 'a', model: language(), weight: 2 },
        { id: 'b', model: language() },
      ],
      routes: {
        inner: { targets: ['a'] },
        outer: { strategy: 'weighted', targets: ['a', { id: 'b', weight: 5 }, 'inner'] },
      },
    });
    const outer = resolved.routes.get('outer');
    expect([outer?.strategy, outer?.members]).toEqual([
      weightedStrategy,
      [
        { kind: 'target', id: 'a', weight: 2 },
        { kind: 'target', id: 'b', weight: 5 },
        { kind: 'route', id: 'inner', weight: 1 },
      ],
    ]);
  });

  it('accepts a custom strategy object', () => {
    const newest: Strategy = { name: 'newest', order: ({ members }) => [...members].reverse() };
    const resolved = parseRouterOptions(
      baseOptions({ routes: { smart: { strategy: newest, targets: ['haiku'] } } }),
    );
    expect(resolved.routes.get('smart')?.strategy).toBe(newest);
  });

  it('marks a route over embedding targets, nested or direct, as an embedding route', () => {
    const resolved = parseRouterOptions({
      targets: [{ id: 'embed', embeddingModel: embedding() }],
      routes: { vectors: { targets: ['embed'] }, search: { targets: ['vectors'] } },
    });
    expect([
      resolved.targets.get('embed')?.kind,
      resolved.routes.get('vectors')?.kind,
      resolved.routes.get('search')?.kind,
    ]).toEqual(['embedding', 'embedding', 'embedding']);
  });
});

describe('parseRouterOptions: models', () => {
  it('adapts a v3 language model to spec v4', async () => {
    const v3 = new MockLanguageModelV3({
      provider: 'legacy.chat',
      modelId: 'old-1',
      doGenerate: async () => ({
        content: [{ type: 'text', text: 'hello' }],
        finishReason: { unified: 'stop', raw: undefined },
        usage: {
          inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 1, text: 1, reasoning: 0 },
        },
        warnings: [],
      }),
    });
    const resolved = parseRouterOptions({
      targets: [{ id: 'old', model: v3 }],
      routes: { main: { targets: ['old'] } },
    });
    const model = resolved.targets.get('old')?.languageModel;
    const result = await model?.doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    expect([model?.specificationVersion, model?.provider, model?.modelId, result?.content]).toEqual(
      ['v4', 'legacy.chat', 'old-1', [{ type: 'text', text: 'hello' }]],
    );
    expect(resolved.targets.get('old')?.provider).toBe('legacy');
  });

  it('passes a v4 language model through unchanged', () => {
    const model = language();
    const resolved = parseRouterOptions({
      targets: [{ id: 'new', model }],
      routes: { main: { targets: ['new'] } },
    });
    expect(resolved.targets.get('new')?.languageModel).toBe(model);
  });

  it('adapts a v3 embedding model to spec v4', () => {
    const v3 = new MockEmbeddingModelV3({ provider: 'legacy.embedding', modelId: 'vec-1' });
    const resolved = parseRouterOptions({
      targets: [{ id: 'vec', embeddingModel: v3 }],
      routes: { main: { targets: ['vec'] } },
    });
    const model = resolved.targets.get('vec')?.embeddingModel;
    expect([model?.specificationVersion, model?.provider, model?.modelId]).toEqual([
      'v4',
      'legacy.embedding',
      'vec-1',
    ]);
  });

  it('prices openai.chat("gpt-4.1-mini") from the price table', () => {
    const openai = createOpenAI({ apiKey: 'x' });
    const resolved = parseRouterOptions({
      targets: [{ id: 'mini', model: openai.chat('gpt-4.1-mini') }],
      routes: { main: { targets: ['mini'] } },
    });
    const mini = resolved.targets.get('mini');
    expect([mini?.provider, mini?.modelId, mini?.priceSource]).toEqual([
      'openai',
      'gpt-4.1-mini',
      'table',
    ]);
    expect(mini?.price).toMatchObject({ inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 });
  });
});

it('documents exactly what the schema accepts', () => {
  expectTypeOf<RouterOptions>().toExtend<z.input<typeof routerOptionsSchema>>();
});
