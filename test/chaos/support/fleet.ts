import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import {
  createMetrics,
  createRouter,
  type RouteOptions,
  type Router,
  type RouterEventName,
  type RouterOptions,
} from '@modelmux/core';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeOpenAI,
} from '@modelmux/testkit';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { onTestFinished } from 'vitest';
import { createFakeClock } from '../../../packages/core/test/support/fake-clock.js';
import { canaryKey, collect } from './evidence.js';

export type FakeClock = ReturnType<typeof createFakeClock>;

export interface FleetOptions {
  /** The primary target's fake OpenAI server. */
  primary?: FakeServerOptions;
  /** The secondary target's fake Anthropic server. */
  secondary?: FakeServerOptions;
  /** Route 'main' (primary, then secondary) beyond its targets. */
  route?: Partial<RouteOptions>;
  breaker?: RouterOptions['breaker'];
  rateLimitCooldown?: RouterOptions['rateLimitCooldown'];
}

export interface Fleet {
  primary: FakeServer;
  secondary: FakeServer;
  router: Router;
  clock: FakeClock;
  /** Upstream requests so far, both servers. */
  upstreamRequests(): number;
  /** The live breaker state of a target. */
  breakerState(target: 'primary' | 'secondary'): string;
  /** The target's failures in a row, as its breaker counts them. */
  consecutiveFailures(target: 'primary' | 'secondary'): number;
  /** The router's own log lines (`logger`), as JSON. */
  routerLog: string[];
  /** Every span the router has ended so far, as JSON (name, attributes, events, status). */
  spans(): string[];
}

const eventNames: RouterEventName[] = [
  'decision',
  'attempt-end',
  'breaker-open',
  'breaker-half-open',
  'breaker-close',
  'target-cooldown',
];

/**
 * Route 'main': `primary` (the real @ai-sdk/openai provider against a fake OpenAI server), then
 * `secondary` (@ai-sdk/anthropic against a fake Anthropic server), on a fake clock. Both fakes
 * accept only the canary key; every router event, log line, span and metric is collected for
 * the canary scan.
 */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const primary = await startFakeOpenAI({ ...options.primary, apiKey: canaryKey });
  onTestFinished(() => primary.close());
  const secondary = await startFakeAnthropic({ ...options.secondary, apiKey: canaryKey });
  onTestFinished(() => secondary.close());
  const clock = createFakeClock();
  const routerLog: string[] = [];
  const line = (level: string) => (fields: object, message: string) => {
    const text = JSON.stringify({ level, ...fields, msg: message });
    routerLog.push(text);
    collect(text);
  };
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const spans = () =>
    exporter.getFinishedSpans().map((span) =>
      JSON.stringify({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
      }),
    );
  const router = createRouter({
    targets: [
      {
        id: 'primary',
        model: createOpenAI({ baseURL: primary.baseURL, apiKey: canaryKey }).chat('gpt-4.1-mini'),
      },
      {
        id: 'secondary',
        model: createAnthropic({ baseURL: secondary.baseURL, apiKey: canaryKey })(
          'claude-haiku-4-5',
        ),
      },
    ],
    routes: { main: { targets: ['primary', 'secondary'], ...options.route } },
    ...(options.breaker ? { breaker: options.breaker } : {}),
    ...(options.rateLimitCooldown ? { rateLimitCooldown: options.rateLimitCooldown } : {}),
    clock,
    logger: { info: line('info'), warn: line('warn') },
    telemetry: { tracerProvider },
  });
  for (const name of eventNames) router.on(name, (event) => collect(event));
  const metrics = createMetrics(router);
  onTestFinished(async () => {
    collect(router.stats());
    for (const span of spans()) collect(span);
    collect(await metrics.registry.metrics());
    metrics.close();
    await tracerProvider.shutdown();
    await router.close();
  });
  return {
    primary,
    secondary,
    router,
    clock,
    routerLog,
    spans,
    upstreamRequests: () => primary.requests.length + secondary.requests.length,
    breakerState: (target) => router.stats().targets[target]?.health.state ?? 'unknown',
    consecutiveFailures: (target) =>
      router.stats().targets[target]?.health.consecutiveFailures ?? Number.NaN,
  };
}

/** Lets pending I/O and callbacks run (no time passes on the fake clock). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Advances the fake clock `stepMs` at a time, letting I/O run between steps, until `promise`
 * settles (bounded by `maxSteps`). For waits whose timer is armed at a moment the test cannot
 * see (e.g. an idle timer re-armed on each read).
 */
export async function driveUntilSettled<T>(
  clock: FakeClock,
  promise: Promise<T>,
  { stepMs, maxSteps = 400 }: { stepMs: number; maxSteps?: number },
): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  for (let step = 0; step < maxSteps && !settled; step += 1) {
    await turn();
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (!settled) clock.advance(stepMs);
  }
  return watched;
}
