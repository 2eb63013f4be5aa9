import { describe, expect, it } from 'vitest';
import type { LimitsPolicy } from '../options/resolved-options.js';
import { scopedLimits } from './scoped-limits.js';

const policy: LimitsPolicy = {
  perKey: { rpm: 100 },
  perUser: { rpm: 10, tpm: 5000 },
  metadataKeys: { key: 'keyName', user: 'user', tenant: 'org' },
  reserveOutputTokens: 1024,
};

function summary(limits: ReturnType<typeof scopedLimits>) {
  return limits.map((limit) => [
    limit.scope,
    limit.id,
    limit.rpm,
    limit.tpm,
    Object.fromEntries(limit.budgets),
  ]);
}

describe('scopedLimits', () => {
  it('names each scope from the metadata and leaves out scopes the metadata does not name', () => {
    const limits = scopedLimits({
      route: 'main',
      metadata: { user: 'alice' },
      policy,
      budgets: [
        { scope: 'tenant', usd: 50, per: 'month' },
        { scope: 'global', usd: 500, per: 'month' },
      ],
      bound: undefined,
    });
    expect(summary(limits)).toEqual([
      ['user', 'alice', 10, 5000, {}],
      ['global', '*', undefined, undefined, { month: 500 }],
    ]);
  });

  it('reads the tenant from the configured metadata field and applies route filters', () => {
    const limits = scopedLimits({
      route: 'cheap',
      metadata: { org: 'acme' },
      policy,
      budgets: [
        { scope: 'tenant', usd: 50, per: 'month', routes: ['cheap'] },
        { scope: 'tenant', usd: 1, per: 'day', routes: ['smart'] },
        { scope: 'route', usd: 20, per: 'day' },
      ],
      bound: undefined,
    });
    expect(summary(limits)).toEqual([
      ['tenant', 'acme', undefined, undefined, { month: 50 }],
      ['route', 'cheap', undefined, undefined, { day: 20 }],
    ]);
  });

  it('merges a binding limit with the router limit for the same scope, the lower winning', () => {
    const limits = scopedLimits({
      route: 'main',
      metadata: { keyName: 'team-a' },
      policy,
      budgets: [{ scope: 'key', usd: 10, per: 'day' }],
      bound: [
        {
          scope: 'key',
          id: 'team-a',
          rpm: 500,
          tpm: 900,
          budgets: [
            { usd: 3, per: 'day' },
            { usd: 40, per: 'month' },
          ],
        },
      ],
    });
    expect(summary(limits)).toEqual([['key', 'team-a', 100, 900, { day: 3, month: 40 }]]);
  });

  it('ignores an empty metadata value', () => {
    const limits = scopedLimits({
      route: 'main',
      metadata: { user: '' },
      policy,
      budgets: [],
      bound: undefined,
    });
    expect(limits).toEqual([]);
  });
});
