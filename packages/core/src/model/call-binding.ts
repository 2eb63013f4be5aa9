import type { BindingLimit } from '../limits/scoped-limits.js';

/** What a request-bound client adds to every call it makes (adapters build these). */
export interface CallBinding {
  /** Aborts every call made through the binding (e.g. the HTTP client went away). */
  signal?: AbortSignal;
  /** Request id, user, tenant, tags...: copied into every trace. */
  metadata?: Readonly<Record<string, string>>;
  /**
   * Rate limits and budgets for every call made through the binding, on top of the router's
   * (the lower wins): the gateway gives each virtual key its own.
   */
  limits?: readonly BindingLimit[];
  /** Where the caller runs, e.g. `'eu-west-1'`: the `region` strategy prefers targets there. */
  region?: string;
}

const noMetadata: Readonly<Record<string, string>> = Object.freeze({});

export function bindingMetadata(
  binding: CallBinding | undefined,
): Readonly<Record<string, string>> {
  return binding?.metadata ?? noMetadata;
}

/** The call's own signal and the binding's, as one. */
export function combinedSignal(
  callSignal: AbortSignal | undefined,
  binding: CallBinding | undefined,
): AbortSignal | undefined {
  const bound = binding?.signal;
  if (!bound) return callSignal;
  if (!callSignal) return bound;
  return AbortSignal.any([callSignal, bound]);
}

/**
 * The call's region: `providerOptions.modelmux.region` on the call wins over the binding's
 * `region`. Anything but a non-empty string is ignored.
 */
export function callRegion(
  binding: CallBinding | undefined,
  providerOptions: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const own = providerOptions?.modelmux as { region?: unknown } | undefined;
  if (typeof own?.region === 'string' && own.region !== '') return own.region;
  return binding?.region;
}
