import type { TargetHealthRecord } from '../health/target-health.js';
import type { Store } from './store.js';

/** The embedded default: one process, no I/O. */
export function memoryStore(): Store {
  const health = new Map<string, TargetHealthRecord>();
  const listeners = new Set<(targetId: string, record: TargetHealthRecord) => void>();
  return {
    kind: 'memory',
    getHealth: (targetId) => health.get(targetId),
    setHealth(targetId, record) {
      health.set(targetId, record);
      for (const listener of listeners) listener(targetId, record);
    },
    onHealthChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
    },
  };
}
