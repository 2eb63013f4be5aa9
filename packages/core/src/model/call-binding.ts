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
