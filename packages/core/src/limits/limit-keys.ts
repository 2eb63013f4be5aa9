import type { ScopedLimit } from './scoped-limits.js';

/** The store key of a request or token window: `rpm:key:<id>`, `tpm:target:<id>`, ... */
export function windowKey(kind: 'rpm' | 'tpm', scope: string, id: string): string {
  return `${kind}:${scope}:${encodeURIComponent(id)}`;
}

/** The store key of a budget's spend in its period: `budget:tenant:<id>:day`, ... */
export function budgetKey(scope: ScopedLimit, per: 'day' | 'month'): string {
  return `budget:${scope.scope}:${encodeURIComponent(scope.id)}:${per}`;
}
