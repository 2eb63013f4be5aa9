import type { TargetHealthRecord } from '../health/target-health.js';

/**
 * Where state that instances share lives. The router keeps a local copy of everything it reads
 * on the hot path and writes through, so a slow or unreachable store never slows or fails a
 * call. `memory` is the embedded default; `@modelmux/redis` shares state across instances.
 */
export interface Store {
  readonly kind: string;
  /** The last health record this instance knows for a target. */
  getHealth(targetId: string): TargetHealthRecord | undefined;
  /** Saves a target's health record and shares it with the other instances. */
  setHealth(targetId: string, record: TargetHealthRecord): void;
  /** Called when another instance (or this one) changes a target's record. */
  onHealthChange(listener: (targetId: string, record: TargetHealthRecord) => void): () => void;
  close(): Promise<void>;
}
