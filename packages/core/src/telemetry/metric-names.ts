/**
 * The Prometheus metrics, in one place: name, help and labels. Base units (seconds, USD), `_total`
 * counters and a `modelmux_` prefix, as Prometheus' naming guide asks. The README's Grafana list
 * is this table.
 */
export const metricDefinitions = {
  calls: {
    name: 'calls_total',
    help: 'Routed calls, by route, answering target (empty when none answered), outcome and the error class that ended a failed call.',
    labels: ['route', 'target', 'outcome', 'error_class'],
  },
  attempts: {
    name: 'attempts_total',
    help: 'Attempts (one try against one target), by route, target, provider, outcome and error class.',
    labels: ['route', 'target', 'provider', 'outcome', 'error_class'],
  },
  failOvers: {
    name: 'fail_overs_total',
    help: 'Attempts after which the router moved on to another try, by route and the target it left.',
    labels: ['route', 'target'],
  },
  hedges: {
    name: 'hedges_total',
    help: 'Hedges started (a second attempt beside a slow one, route option hedge), by route and outcome: won (the hedge delivered first), lost (the slow attempt did), failed (neither delivered).',
    labels: ['route', 'outcome'],
  },
  callDuration: {
    name: 'call_duration_seconds',
    help: 'Routed call duration, every attempt and backoff included (streams: until their end).',
    labels: ['route', 'outcome'],
  },
  attemptDuration: {
    name: 'attempt_duration_seconds',
    help: 'Attempt duration, by route, target and outcome.',
    labels: ['route', 'target', 'outcome'],
  },
  timeToFirstToken: {
    name: 'time_to_first_token_seconds',
    help: "Time from a streaming attempt's start to its first content part.",
    labels: ['route', 'target'],
  },
  tokens: {
    name: 'tokens_total',
    help: 'Tokens the providers reported, by route, target and type (input or output).',
    labels: ['route', 'target', 'type'],
  },
  cost: {
    name: 'cost_usd_total',
    help: 'Cost in US dollars of every attempt that consumed tokens, by route and target.',
    labels: ['route', 'target'],
  },
  cacheLookups: {
    name: 'cache_lookups_total',
    help: 'Calls on routes with a response cache, by route and result (hit: answered from the cache, no attempt; miss).',
    labels: ['route', 'result'],
  },
  costSaved: {
    name: 'cost_saved_usd_total',
    help: 'US dollars the cached answers cost when they were made: what cache hits saved, by route.',
    labels: ['route'],
  },
  callsInFlight: {
    name: 'calls_in_flight',
    help: 'Routed calls running now, by route.',
    labels: ['route'],
  },
  attemptsInFlight: {
    name: 'attempts_in_flight',
    help: 'Attempts running now against each target (this instance).',
    labels: ['target'],
  },
  breakerState: {
    name: 'breaker_state',
    help: "Each target's circuit breaker: 0 closed, 1 half-open, 2 open.",
    labels: ['target'],
  },
  breakerTransitions: {
    name: 'breaker_transitions_total',
    help: 'Breaker changes this instance decided, by target and the state entered.',
    labels: ['target', 'state'],
  },
  coolingDown: {
    name: 'target_cooling_down',
    help: '1 while a target is left alone after a 429 (until its Retry-After), else 0.',
    labels: ['target'],
  },
} as const;

/** `modelmux_breaker_state`'s values. */
export const breakerStateValues = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Seconds; from a fast cached answer to a long generation. */
export const durationBuckets = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
];
