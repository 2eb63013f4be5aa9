/** DESIGN.md's five error classes: what the router does next depends only on these. */
export type ErrorClass =
  | 'retryable-transient'
  | 'rate-limited'
  | 'fallback-only'
  | 'caller-error'
  | 'aborted';

/** Why an error got its class, short and stable (shows in traces and metrics labels). */
export type ErrorReason =
  | 'server-error'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'stream-broken'
  | 'rate-limited'
  | 'quota-exceeded'
  | 'context-length'
  | 'content-policy'
  | 'unsupported'
  | 'prefill-unsupported'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'aborted'
  | 'unknown';

export interface ClassifiedError {
  errorClass: ErrorClass;
  reason: ErrorReason;
  /** HTTP status when the upstream answered one. */
  status: number | undefined;
  /** How long the provider asked us to wait (Retry-After and the providers' reset headers). */
  retryAfterMs: number | undefined;
  /** A one-line description with secrets scrubbed: safe for traces and logs. */
  message: string;
}
