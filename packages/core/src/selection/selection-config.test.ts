import { MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { RouterConfigError } from '../errors/router-config-error.js';
import { parseRouterOptions } from '../options/parse-router-options.js';
import type { RouteOptions } from '../options/router-options.js';

const language = () => new MockLanguageModelV4({ provider: 'mock.chat', modelId: 'mock-1' });

function options(routes: Record<string, unknown>) {
  return {
    targets: [
      { id: 'mini', model: language() },
      { id: 'big', model: language() },
      {
        id: 'embed',
        embeddingModel: new MockEmbeddingModelV4({ provider: 'mock.embedding', modelId: 'e' }),
      },
    ],
    routes: {
      cheap: { targets: ['mini'] },
      strong: { targets: ['big'] },
      vectors: { targets: ['embed'] },
      ...routes,
    },
  };
}

function issuesOf(routes: Record<string, unknown>): string[] {
  try {
    parseRouterOptions(options(routes));
  } catch (error) {
    if (!RouterConfigError.isInstance(error)) throw error;
    return (error as RouterConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a RouterConfigError');
}

describe('selection routes: config', () => {
  it('resolve rules, complexity and cascade routes that name routes or targets', () => {
    const routes: Record<string, RouteOptions> = {
      auto: { rules: [{ when: { hasTools: true }, route: 'strong' }], default: 'smart' },
      smart: {
        complexity: {
          scorer: 'heuristic',
          tiers: [{ route: 'mini', below: 0.4 }, { route: 'careful' }],
        },
      },
      careful: { cascade: { first: 'cheap', escalateTo: 'big', check: { mathAnswer: true } } },
    };
    const resolved = parseRouterOptions(options(routes));
    expect(resolved.routes.get('auto')?.selection?.kind).toBe('rules');
    expect(resolved.routes.get('smart')?.selection?.kind).toBe('complexity');
    expect(resolved.routes.get('careful')?.members.map((member) => member.kind)).toEqual([
      'route',
      'target',
    ]);
  });

  it('name an unknown route with a did-you-mean, at the path where it is', () => {
    expect(
      issuesOf({ auto: { rules: [{ when: {}, route: 'strnog' }], default: 'cheap' } }),
    ).toEqual([
      'routes.auto.rules[0].route: unknown route or target "strnog" (known: big, embed, mini; routes: cheap, strong, vectors); did you mean "strong"?',
    ]);
  });

  it('require exactly one of targets, rules, complexity, cascade, and default with rules', () => {
    expect(
      issuesOf({
        both: { targets: ['mini'], rules: [{ when: {}, route: 'cheap' }], default: 'cheap' },
        nodefault: { rules: [{ when: { hasTools: true }, route: 'strong' }] },
        stray: {
          cascade: { first: 'cheap', escalateTo: 'strong', check: { mathAnswer: true } },
          default: 'cheap',
          strategy: 'weighted',
        },
      }),
    ).toEqual([
      'routes.both: holds targets and rules; a route uses exactly one of targets, rules, complexity or cascade',
      "routes.nodefault.default: required with rules: the route for calls no rule matches, e.g. default: 'cheap'",
      'routes.stray.strategy: a cascade route has no targets of its own; set strategy on the routes it chooses',
      'routes.stray.default: only used with rules; remove it',
    ]);
  });

  it('check tiers: below on all but the last, increasing', () => {
    expect(
      issuesOf({
        smart: {
          complexity: {
            scorer: 'heuristic',
            tiers: [
              { route: 'cheap', below: 0.6 },
              { route: 'strong', below: 0.3 },
              { route: 'strong', below: 1 },
            ],
          },
        },
        missing: {
          complexity: { scorer: 'heuristic', tiers: [{ route: 'cheap' }, { route: 'strong' }] },
        },
      }),
    ).toEqual([
      'routes.smart.complexity.tiers[1].below: must be greater than the tier before it (0.6); list tiers from easy to hard',
      'routes.smart.complexity.tiers[2].below: the last tier takes every score left; remove below',
      'routes.missing.complexity.tiers[0].below: required: every tier but the last needs below, e.g. below: 0.5',
    ]);
  });

  it('reject bad regexes, scorers, checks and unknown condition keys', () => {
    expect(
      issuesOf({
        a: {
          rules: [{ when: { promptMatches: '(', hasTool: true }, route: 'cheap' }],
          default: 'cheap',
        },
        b: {
          complexity: {
            scorer: 'smart',
            tiers: [{ route: 'cheap', below: 1 }, { route: 'strong' }],
          },
        },
        c: { cascade: { first: 'cheap', escalateTo: 'strong', check: { minLogprob: 1 } } },
      }),
    ).toEqual([
      'routes.a.rules[0].when.promptMatches: not a valid regular expression: Invalid regular expression: /(/i: Unterminated group',
      'routes.a.rules[0].when.hasTool: unknown option (did you mean "hasTools"?)',
      "routes.b.complexity.scorer: expected 'heuristic', { model: './scorer.json' } or a function (input) => number; got a string",
      'routes.c.cascade.check.minLogprob: must be <= 0, got 1',
    ]);
  });

  it('refuse a selection route listed as a target, one that selects itself, and embedding targets', () => {
    expect(
      issuesOf({
        auto: { rules: [{ when: {}, route: 'auto' }], default: 'cheap' },
        outer: { targets: ['mini', 'auto'] },
        embedded: { rules: [{ when: {}, route: 'vectors' }], default: 'cheap' },
      }),
    ).toEqual([
      'routes.auto: nested routes form a cycle (routes.auto -> routes.auto); remove one of these references',
      'routes.embedded: mixes language targets (mini) and embedding targets (embed); a route serves one kind of model, so split it in two',
      'routes.embedded.rules: reaches embedding targets (embed); rules, complexity and cascade choose among language models',
      'routes.outer.targets[1]: "auto" chooses a route per call (rules); a route cannot list it as a target. Call it directly, or list the routes it chooses from',
    ]);
  });

  it('report a scorer file that is missing or not a scorer', () => {
    expect(() =>
      parseRouterOptions(
        options({
          smart: {
            complexity: {
              scorer: { model: '/nonexistent/scorer.json' },
              tiers: [{ route: 'cheap' }, { route: 'strong' }],
            },
          },
        }),
      ),
    ).toThrow(/routes\.smart\.complexity\.scorer\.model: ENOENT/);
    expect(() =>
      parseRouterOptions(
        options({
          smart: {
            complexity: {
              scorer: { model: { weights: [] } },
              tiers: [{ route: 'cheap' }, { route: 'strong' }],
            },
          },
        }),
      ),
    ).toThrow(/not a modelmux scorer file/);
  });
});
