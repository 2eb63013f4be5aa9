/** What a forked router instance is given (as JSON in MODELMUX_INSTANCE). */
export interface InstanceConfig {
  redisUrl: string;
  prefix: string;
  /** The store's commandTimeoutMs. @default 250 */
  commandTimeoutMs?: number;
  targets: {
    id: string;
    baseURL: string;
    apiKey: string;
    price?: { inputUsdPerMillion: number; outputUsdPerMillion: number };
    limits?: { rpm?: number; tpm?: number };
  }[];
  routes: Record<string, string[]>;
  /** Routes with the response cache on, and their TTL in ms. @default none */
  cacheTtlMs?: Record<string, number>;
  breaker?: { consecutiveFailures?: number; cooldownMs?: number; halfOpenProbes?: number };
  budgets?: { scope: 'global'; usd: number; per: 'day' | 'month'; routes?: string[] }[];
  /**
   * The routers' clock runs this far behind the machine's, so the parent can start a test early
   * in a one-minute rate window (every instance gets the same offset). @default 0
   */
  clockOffsetMs?: number;
}

type Op =
  | { op: 'call'; route: string; count: number; concurrency: number; maxOutputTokens?: number }
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
  /** The first few failures, as `name: message`. */
  errors: string[];
  /** Failures by error name. */
  failedBy: Record<string, number>;
}
