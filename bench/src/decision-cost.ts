import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { createRouter } from '@modelmux/core';
import { MockLanguageModelV4 } from 'ai/test';
import { do_not_optimize, measure } from 'mitata';
import type { ResolvedRoute } from '../../packages/core/src/options/resolved-options.js';
import { median } from './stats.js';

// The planning step on its own is internal to core: the bench loads it from core's build (the
// same files `@modelmux/core` resolves to, as an installed package does), typed from the source.
type Internals = typeof import('../../packages/core/src/attempts/plan-candidates.js') &
  typeof import('../../packages/core/src/capabilities/call-facts.js') &
  typeof import('../../packages/core/src/health/health-registry.js') &
  typeof import('../../packages/core/src/options/parse-router-options.js');

async function coreInternals(): Promise<Internals> {
  const dist = new URL('../../packages/core/dist/', import.meta.url);
  const load = (path: string) => import(new URL(path, dist).href);
  return Object.assign(
    {},
    await load('attempts/plan-candidates.js'),
    await load('capabilities/call-facts.js'),
    await load('health/health-registry.js'),
    await load('options/parse-router-options.js'),
  ) as Internals;
}

export interface CostFigure {
  name: string;
  /** Median time per call, in microseconds. */
  us: number;
  /** Whether the 5 us goal applies to this line. */
  goal: boolean;
}

const targetCount = 50;
const repeats = 5;
const usage: LanguageModelV4Usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};
const generated: LanguageModelV4GenerateResult = {
  content: [{ type: 'text', text: 'ok' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage,
  warnings: [],
};
const streamParts: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: '1' },
  { type: 'text-delta', id: '1', delta: 'ok' },
  { type: 'text-end', id: '1' },
  { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
];
const callOptions: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Describe the night sea.' }] }],
};

function partsStream(): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const part = streamParts[index++];
      if (part) controller.enqueue(part);
      else controller.close();
    },
  });
}

function mockModel(modelId: string): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId,
    doGenerate: async () => generated,
    doStream: async () => ({ stream: partsStream() }),
  });
}

async function drain(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done) {}
}

/** mitata's median, in microseconds. */
async function medianUs(fn: () => unknown): Promise<number> {
  const stats = await measure(fn, { min_cpu_time: 100 * 1e6 });
  return stats.p50 / 1000;
}

/**
 * The router's own cost per call with 50 targets, no I/O: (1) the decision alone (the call's
 * facts, the 50 candidates planned, and the health check that admits the first), for a priority
 * and a weighted route; (2) the whole routed doGenerate/doStream over an in-process mock,
 * minus the same call made on the mock directly.
 */
export async function measureDecisionCost(): Promise<CostFigure[]> {
  const { callFactsOf, createHealthRegistry, parseRouterOptions, planCandidates } =
    await coreInternals();
  const mocks = Array.from({ length: targetCount }, (_, index) => mockModel(`model-${index}`));
  const ids = mocks.map((_, index) => `t${index}`);
  const options = {
    targets: mocks.map((model, index) => ({ id: ids[index] as string, model })),
    routes: {
      priority50: { targets: ids },
      weighted50: { strategy: 'weighted' as const, targets: ids },
    },
  };
  const resolved = parseRouterOptions(options);
  const health = createHealthRegistry({
    store: resolved.store,
    breaker: resolved.breaker,
    rateLimitCooldown: resolved.rateLimitCooldown,
    clock: resolved.clock,
  });
  const decide = (route: ResolvedRoute) => {
    const facts = callFactsOf({ operation: 'generate', options: callOptions });
    const now = resolved.clock.now();
    const { capable } = planCandidates(resolved, route, facts, health, now);
    for (const candidate of capable) {
      if (health.unavailable(candidate.target.id, now) === undefined) return candidate;
    }
    return undefined;
  };
  const priority = resolved.routes.get('priority50') as ResolvedRoute;
  const weighted = resolved.routes.get('weighted50') as ResolvedRoute;

  const router = createRouter(options);
  const routed: LanguageModelV4 = router.model('priority50');
  // No OpenTelemetry SDK is registered here, as in an app without one: the spans are the API's
  // no-ops. The same router without tracing shows what those no-ops cost per call.
  const untracedRouter = createRouter({ ...options, telemetry: { tracing: false } });
  const untraced: LanguageModelV4 = untracedRouter.model('priority50');
  const first = mocks[0] as MockLanguageModelV4;
  const clearLogs = () => {
    first.doGenerateCalls.length = 0;
    first.doStreamCalls.length = 0;
  };

  // Each measure runs `repeats` times, interleaved, and reports the median of its medians: a
  // burst of load from another process then moves one sample, not the figure.
  const measures = {
    priority: () => do_not_optimize(decide(priority)),
    weighted: () => do_not_optimize(decide(weighted)),
    directGenerate: () => first.doGenerate(callOptions),
    routedGenerate: () => routed.doGenerate(callOptions),
    untracedGenerate: () => untraced.doGenerate(callOptions),
    directStream: async () => drain((await first.doStream(callOptions)).stream),
    routedStream: async () => drain((await routed.doStream(callOptions)).stream),
  };
  const samples = new Map<keyof typeof measures, number[]>();
  for (let round = 0; round < repeats; round += 1) {
    for (const [name, fn] of Object.entries(measures) as [keyof typeof measures, () => unknown][]) {
      samples.set(name, [...(samples.get(name) ?? []), await medianUs(fn)]);
      clearLogs();
    }
  }
  const us = (name: keyof typeof measures) => median(samples.get(name) ?? []);
  const figures: CostFigure[] = [
    {
      name: 'decision, priority route: call facts + plan 50 candidates + health check',
      us: us('priority'),
      goal: true,
    },
    {
      name: 'decision, weighted route: the same with a weighted draw over 50',
      us: us('weighted'),
      goal: true,
    },
    {
      name: 'whole routed doGenerate minus the mock called directly (informational)',
      us: us('routedGenerate') - us('directGenerate'),
      goal: false,
    },
    {
      name: 'whole routed doStream + read, minus the mock directly (informational)',
      us: us('routedStream') - us('directStream'),
      goal: false,
    },
    {
      name: 'OpenTelemetry, no SDK registered: routed doGenerate minus telemetry.tracing false (informational)',
      us: us('routedGenerate') - us('untracedGenerate'),
      goal: false,
    },
  ];
  await router.close();
  await untracedRouter.close();
  return figures;
}
