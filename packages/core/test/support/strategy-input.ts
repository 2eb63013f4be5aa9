import { seededRandom } from '@modelmux/testkit';
import { type CallFacts, callFactsOf } from '../../src/capabilities/call-facts.js';
import { createSampleWindow, type LatencySamples } from '../../src/health/sample-window.js';
import type { RouteMember } from '../../src/options/resolved-options.js';
import type { HealthView, StrategyInput, StrategyTarget } from '../../src/strategies/strategy.js';

/** Live state a strategy test sets per target. */
export interface FakeTargetState {
  latencyMs?: number;
  ttftMs?: number;
  ttftP95Ms?: number;
  latencyP95Ms?: number;
  /** TTFT samples, oldest first (least-latency's medians); without them it reads `ttftMs`. */
  ttftSamples?: readonly number[];
  /** Duration samples, oldest first; without them least-latency reads `latencyMs`. */
  latencySamples?: readonly number[];
  sampledAt?: number;
  inFlight?: number;
  region?: string;
  price?: StrategyTarget['price'];
}

function windowOf(samples: readonly number[] | undefined): LatencySamples | undefined {
  if (samples === undefined) return undefined;
  const window = createSampleWindow();
  for (const sample of samples) window.record(sample);
  return window;
}

/** A HealthView over plain data. */
export function fakeHealth(states: Record<string, FakeTargetState>): HealthView {
  return {
    ttftSamples: (id) => windowOf(states[id]?.ttftSamples),
    latencySamples: (id) => windowOf(states[id]?.latencySamples),
    latencyMs: (id) => states[id]?.latencyMs,
    ttftMs: (id) => states[id]?.ttftMs,
    ttftP95Ms: (id) => states[id]?.ttftP95Ms,
    latencyP95Ms: (id) => states[id]?.latencyP95Ms,
    sampledAt: (id) => states[id]?.sampledAt,
    inFlight: (id) => states[id]?.inFlight ?? 0,
  };
}

export function targets(...ids: string[]): RouteMember[] {
  return ids.map((id) => ({ kind: 'target', id, weight: 1 }));
}

export function streamCall(text = 'hello', maxOutputTokens?: number): CallFacts {
  return callFactsOf({
    operation: 'stream',
    options: {
      prompt: [{ role: 'user', content: [{ type: 'text', text }] }],
      ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    },
  });
}

/** A strategy input: members, per-target state, the clock's now, a seeded random. */
export function strategyInput({
  members,
  states = {},
  now = 1_000_000,
  seed = 7,
  region,
  call = streamCall(),
}: {
  members: RouteMember[];
  states?: Record<string, FakeTargetState>;
  now?: number;
  seed?: number;
  region?: string;
  call?: CallFacts;
}): StrategyInput {
  return {
    members,
    call,
    health: fakeHealth(states),
    random: seededRandom(seed),
    now,
    region,
    target: (id) =>
      members.some((member) => member.kind === 'target' && member.id === id)
        ? {
            id,
            provider: 'openai',
            modelId: id,
            region: states[id]?.region,
            price: states[id]?.price,
            weight: 1,
          }
        : undefined,
  };
}

/** The ids in order. */
export function ids(members: readonly RouteMember[]): string[] {
  return members.map((member) => member.id);
}
