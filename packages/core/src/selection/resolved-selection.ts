import type { CompiledCheck } from './cascade-checks.js';
import type { CompiledRule } from './rules.js';
import type { ScorerInput } from './selection-options.js';

/** A selection route after start-up: conditions compiled, scorer loaded, check compiled. */
export type ResolvedSelection =
  | { kind: 'rules'; rules: readonly CompiledRule[]; default: string }
  | {
      kind: 'complexity';
      /** `heuristic`, `model` or `function`, for the trace. */
      scorerName: string;
      score(input: ScorerInput): number | Promise<number>;
      /** Ordered; every `below` but the last's is set. */
      tiers: readonly { route: string; below?: number | undefined }[];
    }
  | { kind: 'cascade'; first: string; escalateTo: string; check: CompiledCheck };
