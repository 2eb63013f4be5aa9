import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Router } from '../create-router.js';
import { hedgeOutcome } from './hedge-outcome.js';
import { breakerStateValues, durationBuckets, metricDefinitions } from './metric-names.js';

export interface MetricsOptions {
  /** Where the metrics are registered: yours, to serve them with your other metrics. @default a new prom-client Registry */
  registry?: Registry;
  /** Prepended to every name. @default 'modelmux_' */
  prefix?: string;
  /** Histogram buckets, in seconds. @default 5 ms to 120 s */
  buckets?: number[];
  /**
   * When set, `handler`/`respond` answer 401 unless the request carries
   * `Authorization: Bearer <token>`. @default undefined (no check: keep /metrics off public networks)
   */
  token?: string;
}

/** What a scrape answers: adapters copy it onto their framework's response. */
export interface MetricsResponse {
  status: 200 | 401 | 500;
  headers: Record<string, string>;
  body: string;
}

/** A `node:http` handler serving the registry in Prometheus' text format. */
export type MetricsHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RouterMetrics {
  registry: Registry;
  /** Answers any request with the registry's metrics; mount it at `GET /metrics`. */
  handler: MetricsHandler;
  /** The answer to a scrape request, token check included (for frameworks that set the body). */
  respond(request: { headers: IncomingMessage['headers'] }): Promise<MetricsResponse>;
  /** Stops counting and removes the metrics from the registry. */
  close(): void;
}

/**
 * Prometheus metrics of a router (prom-client): calls and attempts by route, target, outcome and
 * error class; duration and time-to-first-token histograms; tokens; cost; breaker state and
 * in-flight gauges. Counters follow the router's events; gauges are read from `router.stats()` at
 * each scrape. One `createMetrics` per router and registry (names are unique in a registry).
 */
export function createMetrics(router: Router, options: MetricsOptions = {}): RouterMetrics {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? 'modelmux_';
  const buckets = options.buckets ?? durationBuckets;
  const definitions = metricDefinitions;
  const spec = <K extends keyof typeof definitions>(key: K) => ({
    name: `${prefix}${definitions[key].name}`,
    help: definitions[key].help,
    labelNames: definitions[key].labels,
    registers: [registry],
  });

  const calls = new Counter(spec('calls'));
  const attempts = new Counter(spec('attempts'));
  const failOvers = new Counter(spec('failOvers'));
  const hedges = new Counter(spec('hedges'));
  const callDuration = new Histogram({ ...spec('callDuration'), buckets });
  const attemptDuration = new Histogram({ ...spec('attemptDuration'), buckets });
  const timeToFirstToken = new Histogram({ ...spec('timeToFirstToken'), buckets });
  const tokens = new Counter(spec('tokens'));
  const cost = new Counter(spec('cost'));
  const cacheLookups = new Counter(spec('cacheLookups'));
  const costSaved = new Counter(spec('costSaved'));
  const callsInFlight = new Gauge(spec('callsInFlight'));
  const breakerTransitions = new Counter(spec('breakerTransitions'));
  const running = new Map<string, number>();
  for (const route of router.routes) running.set(route, 0);

  function healthGauges() {
    const snapshot = router.stats().targets;
    return Object.entries(snapshot);
  }
  // Gauges read live state at each scrape: registering them is all they need.
  new Gauge({
    ...spec('attemptsInFlight'),
    collect() {
      for (const [target, stats] of healthGauges()) this.set({ target }, stats.health.inFlight);
    },
  });
  new Gauge({
    ...spec('breakerState'),
    collect() {
      for (const [target, stats] of healthGauges())
        this.set({ target }, breakerStateValues[stats.health.state]);
    },
  });
  new Gauge({
    ...spec('coolingDown'),
    collect() {
      for (const [target, stats] of healthGauges())
        this.set({ target }, stats.health.coolUntil === undefined ? 0 : 1);
    },
  });
  for (const route of router.routes) callsInFlight.set({ route }, 0);

  const unsubscribe = [
    router.on('call-start', (event) => {
      running.set(event.route, (running.get(event.route) ?? 0) + 1);
      callsInFlight.inc({ route: event.route });
    }),
    router.on('attempt-end', (attempt) => {
      const route = attempt.route;
      const target = attempt.target;
      attempts.inc({
        route,
        target,
        provider: attempt.provider,
        outcome: attempt.outcome,
        error_class: attempt.errorClass ?? '',
      });
      attemptDuration.observe(
        { route, target, outcome: attempt.outcome },
        attempt.durationMs / 1000,
      );
      if (attempt.ttftMs !== undefined)
        timeToFirstToken.observe({ route, target }, attempt.ttftMs / 1000);
      if (attempt.next === 'fail-over' || attempt.next === 'retry-after-backoff')
        failOvers.inc({ route, target });
      const input = attempt.usage?.inputTokens;
      const output = attempt.usage?.outputTokens;
      if (input) tokens.inc({ route, target, type: 'input' }, input);
      if (output) tokens.inc({ route, target, type: 'output' }, output);
      if (attempt.costUsd) cost.inc({ route, target }, attempt.costUsd);
    }),
    router.on('decision', (trace) => {
      const route = trace.route;
      // A call that started before createMetrics subscribed was never counted in.
      const inFlight = running.get(route) ?? 0;
      if (inFlight > 0) {
        running.set(route, inFlight - 1);
        callsInFlight.dec({ route });
      }
      const failed = trace.outcome !== 'success';
      calls.inc({
        route,
        target: trace.target ?? '',
        outcome: trace.outcome,
        error_class: failed ? (trace.attempts.at(-1)?.errorClass ?? '') : '',
      });
      callDuration.observe({ route, outcome: trace.outcome }, trace.durationMs / 1000);
      if (trace.hedge) hedges.inc({ route, outcome: hedgeOutcome(trace.hedge) });
      if (trace.cache !== undefined) cacheLookups.inc({ route, result: trace.cache });
      if (trace.costSavedUsd) costSaved.inc({ route }, trace.costSavedUsd);
    }),
    router.on('breaker-open', (event) =>
      breakerTransitions.inc({ target: event.targetId, state: 'open' }),
    ),
    router.on('breaker-half-open', (event) =>
      breakerTransitions.inc({ target: event.targetId, state: 'half-open' }),
    ),
    router.on('breaker-close', (event) =>
      breakerTransitions.inc({ target: event.targetId, state: 'closed' }),
    ),
  ];

  const expected = options.token === undefined ? undefined : digest(`Bearer ${options.token}`);

  async function respond(request: {
    headers: IncomingMessage['headers'];
  }): Promise<MetricsResponse> {
    if (expected && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      return {
        status: 401,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' },
        body: 'Send Authorization: Bearer <token> to read these metrics.\n',
      };
    }
    try {
      const body = await registry.metrics();
      return { status: 200, headers: { 'content-type': registry.contentType }, body };
    } catch {
      return {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'metrics collection failed\n',
      };
    }
  }

  return {
    registry,
    respond,
    handler(request, response) {
      respond(request).then(({ status, headers, body }) => {
        response.writeHead(status, headers);
        response.end(body);
      });
    },
    close() {
      for (const stop of unsubscribe) stop();
      for (const definition of Object.values(definitions))
        registry.removeSingleMetric(`${prefix}${definition.name}`);
    },
  };
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** What an adapter's metrics option takes: a router (metrics made for it) or metrics already made. */
export type MetricsSource = ({ router: Router } & MetricsOptions) | { metrics: RouterMetrics };

/** The adapters' one line: `{ metrics }` as is, or `createMetrics(router, options)`. */
export function metricsOf(source: MetricsSource): RouterMetrics {
  if ('metrics' in source) return source.metrics;
  const { router, ...options } = source;
  return createMetrics(router, options);
}
