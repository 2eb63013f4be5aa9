/** What a forked router instance is given (as JSON in MODELMUX_INSTANCE). */
export interface InstanceConfig {
  redisUrl: string;
  prefix: string;
  /** The store's commandTimeoutMs. @default 250 */
  commandTimeoutMs?: number;
  targets: { id: string; baseURL: string; apiKey: string }[];
  routes: Record<string, string[]>;
  breaker?: { consecutiveFailures?: number; cooldownMs?: number; halfOpenProbes?: number };
}

type Op =
  | { op: 'call'; route: string; count: number; concurrency: number }
  | { op: 'breaker'; targetId: string }
  | { op: 'status' }
  | { op: 'ready' }
  | { op: 'set-health'; targetId: string; trips: number }
  | {
      op: 'reserve';
      key: string;
      count: number;
      amountUsd: number;
      limitUsd: number;
      periodEndsAt: number;
      now: number;
    }
  | { op: 'window'; key: string; count: number; limit: number; windowMs: number; now: number }
  | { op: 'close' };

export type InstanceRequest = Op & { id: number };

export type InstanceReply =
  | { type: 'started' }
  | { type: 'log'; text: string }
  | { type: 'health-change'; targetId: string; trips: number; at: number }
  | { type: 'reply'; id: number; result?: unknown; error?: string };

export interface CallResult {
  ok: number;
  failed: number;
  errors: string[];
}
