import { createOpenAI } from '@ai-sdk/openai';
import { MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { RouterConfigError } from '../errors/router-config-error.js';
import { parseRouterOptions } from './parse-router-options.js';
import type { RouterOptions } from './router-options.js';

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

/** The issue lines of the RouterConfigError that parsing `input` throws. */
function issuesOf(input: unknown): string[] {
  try {
    parseRouterOptions(input);
  } catch (error) {
    if (!RouterConfigError.isInstance(error)) throw error;
    return (error as RouterConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a RouterConfigError');
}

describe('parseRouterOptions: mistakes (one RouterConfigError, one line per issue)', () => {
  it('names an unknown target and lists the known ones', () => {
    expect(issuesOf(baseOptions({ routes: { smart: { targets: ['haiku', 'gpt5'] } } }))).toEqual([
      'routes.smart.targets[1]: unknown target "gpt5" (known: gpt-mini, haiku, sonnet)',
    ]);
  });

  it('suggests the closest name for a typo, among targets and other routes', () => {
    expect(
      issuesOf(
        baseOptions({ routes: { smart: { targets: ['sonet'] }, cheap: { targets: ['smrt'] } } }),
      ),
    ).toEqual([
      'routes.smart.targets[0]: unknown target "sonet" (known: gpt-mini, haiku, sonnet; routes: cheap); did you mean "sonnet"?',
      'routes.cheap.targets[0]: unknown target "smrt" (known: gpt-mini, haiku, sonnet; routes: smart); did you mean "smart"?',
    ]);
  });

  it('rejects duplicate target ids', () => {
    const options = baseOptions();
    options.targets.push({ id: 'haiku', model: language() });
    expect(issuesOf(options)).toEqual([
      'targets[3].id: duplicate target id "haiku" (also targets[1]); give each target a unique id',
    ]);
  });

  it('rejects a name that is both a target id and a route name', () => {
    expect(issuesOf(baseOptions({ routes: { haiku: { targets: ['sonnet'] } } }))).toEqual([
      'routes.haiku: "haiku" is both a target id and a route name; rename one of them',
    ]);
  });

  it('rejects a cycle of nested routes', () => {
    expect(
      issuesOf(baseOptions({ routes: { a: { targets: ['b'] }, b: { targets: ['haiku', 'a'] } } })),
    ).toEqual([
      'routes.a: nested routes form a cycle (routes.a -> routes.b -> routes.a); remove one of these references',
    ]);
  });

  it('rejects a route that names itself', () => {
    expect(issuesOf(baseOptions({ routes: { a: { targets: ['haiku', 'a'] } } }))).toEqual([
      'routes.a: nested routes form a cycle (routes.a -> routes.a); remove one of these references',
    ]);
  });

  it('rejects a route mixing language and embedding targets, directly or through a nested route', () => {
    const options = baseOptions({
      routes: {
        direct: { targets: ['haiku', 'embed'] },
        vectors: { targets: ['embed'] },
        nested: { targets: ['sonnet', 'vectors'] },
        outer: { targets: ['direct'] },
      },
    });
    options.targets.push({ id: 'embed', embeddingModel: embedding() });
    expect(issuesOf(options)).toEqual([
      'routes.direct: mixes language targets (haiku) and embedding targets (embed); a route serves one kind of model, so split it in two',
      'routes.nested: mixes language targets (sonnet) and embedding targets (embed); a route serves one kind of model, so split it in two',
    ]);
  });

  it('rejects a route with no targets', () => {
    expect(
      issuesOf(baseOptions({ routes: { smart: { targets: [] }, fast: {} as never } })),
    ).toEqual([
      'routes.smart.targets: add at least one target id or route name',
      "routes.fast.targets: required; list target ids or route names, e.g. targets: ['mini'], or choose a route per call with rules, complexity or cascade",
    ]);
  });

  it('names an unknown option anywhere, with the option it probably meant', () => {
    const options = {
      ...baseOptions({ routes: { smart: { stratgy: 'weighted', targets: ['haiku'] } as never } }),
      breaker: { cooldown: 1000 },
    };
    expect(issuesOf(options)).toEqual([
      'routes.smart.stratgy: unknown option (did you mean "strategy"?)',
      'breaker.cooldown: unknown option (did you mean "cooldownMs"?)',
    ]);
  });

  it('lists the known options when nothing is close', () => {
    expect(issuesOf({ ...baseOptions(), colour: 'blue' })).toEqual([
      'colour: unknown option (known: targets, routes, defaults, breaker, retryBudget, rateLimitCooldown, limits, budgets, store, clock, random, onDecision, telemetry, logger)',
    ]);
  });

  it('asks for a route when there is none', () => {
    expect([
      issuesOf(baseOptions({ routes: {} })),
      issuesOf({ targets: baseOptions().targets }),
    ]).toEqual([
      ["routes: add at least one route, e.g. { default: { targets: ['<target id>'] } }"],
      ["routes: add at least one route, e.g. { default: { targets: ['<target id>'] } }"],
    ]);
  });

  it('asks for targets and options when they are missing', () => {
    expect([issuesOf({ routes: { main: { targets: ['x'] } } }), issuesOf(undefined)]).toEqual([
      ["targets: add at least one target, e.g. [{ id: 'mini', model: openai('gpt-4.1-mini') }]"],
      ["options: pass the router's options, e.g. { targets: [...], routes: { ... } }"],
    ]);
  });

  it('reports every mistake together, one line each', () => {
    const options = baseOptions({
      routes: { smart: { targets: ['gpt5'], retry: { maxAttempts: 0 } } },
    });
    const error = (() => {
      try {
        parseRouterOptions(options);
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error?.message).toBe(
      [
        'Invalid modelmux router options (2 issues):',
        '  routes.smart.retry.maxAttempts: must be >= 1, got 0',
        '  routes.smart.targets[0]: unknown target "gpt5" (known: gpt-mini, haiku, sonnet)',
      ].join('\n'),
    );
  });

  it('explains bad values by path', () => {
    const options = baseOptions({
      targets: [
        {
          id: 'gpt-mini',
          model: language(),
          price: { inputUsdPerMillion: -1, outputUsdPerMillion: 1 },
        },
        { id: 'haiku', model: language(), contextWindow: 1.5, weight: -2 },
        { id: 'sonnet', model: language(), timeoutMs: 0 },
      ],
      routes: { smart: { strategy: 'wieghted' as never, targets: ['haiku', 7 as never] } },
      breaker: { failureRatio: 2 },
      random: 0.3 as never,
    });
    expect(issuesOf(options)).toEqual([
      'targets[0].price.inputUsdPerMillion: must be >= 0, got -1',
      'targets[1].contextWindow: expected a whole number, got 1.5',
      'targets[1].weight: must be >= 0, got -2',
      'targets[2].timeoutMs: expected a positive number of milliseconds, or Infinity for no limit; got 0',
      'routes.smart.strategy: unknown strategy "wieghted" (known: priority, weighted, least-latency, least-busy, cost, region); did you mean "weighted"?',
      'routes.smart.targets[1]: expected a target id or route name, or { id, weight }',
      'breaker.failureRatio: must be <= 1, got 2',
      'random: expected a function, got 0.3',
    ]);
  });

  it('explains a bad retry budget by path, router-wide and per route', () => {
    const options = baseOptions({
      routes: { smart: { targets: ['haiku'], retryBudget: { ratoi: 0.1 } as never } },
      retryBudget: { ratio: -1, windowMs: 0 },
    });
    expect(issuesOf(options)).toEqual([
      'routes.smart.retryBudget.ratoi: unknown option (did you mean "ratio"?)',
      'retryBudget.ratio: must be >= 0, got -1',
      'retryBudget.windowMs: must be > 0, got 0',
    ]);
    expect(issuesOf(baseOptions({ retryBudget: 'on' as never }))).toEqual([
      'retryBudget: expected false (no budget) or { ratio, minRetriesPerSecond, windowMs }',
    ]);
  });

  it('requires exactly one of model and embeddingModel', () => {
    const options = baseOptions();
    options.targets[0] = { id: 'gpt-mini' };
    options.targets[1] = { id: 'haiku', model: language(), embeddingModel: embedding() };
    expect(issuesOf(options)).toEqual([
      "targets[0]: set model to a model object, e.g. openai('gpt-4.1-mini'), or embeddingModel to an embedding model",
      'targets[1]: set model or embeddingModel, not both; make a second target for the other model',
    ]);
  });

  it('says what to pass instead of something that is not a model', () => {
    const openai = createOpenAI({ apiKey: 'x' });
    const options = baseOptions();
    options.targets[0] = { id: 'gpt-mini', model: 'gpt-4.1-mini' as never };
    options.targets[1] = { id: 'haiku', model: {} as never };
    options.targets[2] = { id: 'sonnet', model: openai as never };
    options.targets.push(
      { id: 'embed', model: openai.embedding('text-embedding-3-small') as never },
      { id: 'chat', embeddingModel: openai.chat('gpt-4.1-mini') as never },
      {
        id: 'ancient',
        model: {
          specificationVersion: 'v1',
          provider: 'old',
          modelId: 'm',
          doGenerate() {},
        } as never,
      },
    );
    options.routes = { smart: { targets: ['gpt-mini'] } };
    expect(issuesOf(options)).toEqual([
      "targets[0].model: got a string; pass a model object, e.g. openai('gpt-4.1-mini')",
      "targets[1].model: not an AI SDK language model (it has no specificationVersion and doGenerate); pass a model object, e.g. openai('gpt-4.1-mini')",
      "targets[2].model: got a provider, not a model; call it with a model id, e.g. openai('gpt-4.1-mini')",
      'targets[3].model: openai.embedding/text-embedding-3-small is an embedding model; set it as embeddingModel',
      'targets[4].embeddingModel: openai.chat/gpt-4.1-mini is a language model; set it as model',
      'targets[5].model: old/m implements language model spec "v1", but v2, v3 or v4 is needed; upgrade its provider package',
    ]);
  });

  it('never prints an API key or a model config in a message', () => {
    const key = 'sk-planted-secret-0123456789';
    const openai = createOpenAI({ apiKey: key, headers: { 'x-api-key': key } });
    const options = {
      targets: [
        { id: 'a', model: openai.embedding('text-embedding-3-small') },
        { id: 'b', model: key },
        { id: 'c', embeddingModel: openai.chat('gpt-4.1-mini'), region: 7 },
      ],
      routes: { main: { targets: ['a'] } },
    };
    let message = '';
    try {
      parseRouterOptions(options);
    } catch (error) {
      message = JSON.stringify({
        message: (error as Error).message,
        json: (error as RouterConfigError).toJSON(),
      });
    }
    expect([
      message.length > 0,
      message.includes('sk-planted'),
      message.includes('x-api-key'),
    ]).toEqual([true, false, false]);
  });

  it('throws a RouterConfigError', () => {
    expect(() => parseRouterOptions({})).toThrow(RouterConfigError);
  });
});
