import { z } from 'zod';
import { describeValue } from '../options/describe-value.js';
import type { TrainedScorerFile } from './scorer-file.js';
import type { CascadeCheck, RuleCondition, ScorerFunction } from './selection-options.js';

// The selection fields a route may hold instead of `targets` (see selection-options.ts for the
// documented types). Cross-field rules (exactly one kind, `default` with `rules`, tier order)
// are checked in selection-checks.ts, which also reads the raw input to name each path.

const routeName = z.string().min(1);

const regexSource = z.string().superRefine((source, context) => {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: `not a valid regular expression: ${(error as Error).message}`,
    });
  }
});

const baseConditionFields = {
  metadata: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  hasTools: z.boolean().optional(),
  hasImages: z.boolean().optional(),
  jsonOutput: z.boolean().optional(),
  hasCode: z.boolean().optional(),
  minInputTokens: z.number().nonnegative().optional(),
  maxInputTokens: z.number().nonnegative().optional(),
  promptMatches: regexSource.optional(),
  operation: z.enum(['generate', 'stream']).optional(),
};

const baseConditionSchema = z.strictObject(baseConditionFields);

/** `any` and `not` hold plain conditions (one level), which keeps rules readable. */
export const ruleConditionSchema = z.strictObject({
  ...baseConditionFields,
  any: z.array(baseConditionSchema).min(1).optional(),
  not: baseConditionSchema.optional(),
}) satisfies z.ZodType<RuleCondition>;

const ruleSchema = z.strictObject({
  when: ruleConditionSchema,
  route: routeName,
  name: z.string().min(1).optional(),
});

const scorerSchema = z.union(
  [
    z.literal('heuristic'),
    z.strictObject({
      model: z.union([
        z.string().min(1),
        z.custom<TrainedScorerFile>((value) => typeof value === 'object' && value !== null),
      ]),
    }),
    z.custom<ScorerFunction>((value) => typeof value === 'function'),
  ],
  {
    error: (issue) =>
      `expected 'heuristic', { model: './scorer.json' } or a function (input) => number; got ${describeValue(issue.input)}`,
  },
);

const complexitySchema = z.strictObject({
  scorer: scorerSchema,
  tiers: z
    .array(z.strictObject({ route: routeName, below: z.number().optional() }))
    .min(2, 'add at least two tiers, e.g. [{ route: "cheap", below: 0.5 }, { route: "strong" }]'),
});

const checkSchema = z.union(
  [
    z.custom<CascadeCheck>((value) => typeof value === 'function'),
    z.strictObject({ jsonSchema: z.union([z.record(z.string(), z.unknown()), z.boolean()]) }),
    z.strictObject({ minLogprob: z.number().max(0) }),
    z.strictObject({
      mathAnswer: z.union([
        z.literal(true),
        z.strictObject({ maxSuspicion: z.number().nonnegative().optional() }),
      ]),
    }),
  ],
  {
    error: (issue) =>
      `expected a function (answer) => boolean, { jsonSchema }, { minLogprob } or { mathAnswer: true }; got ${describeValue(issue.input)}`,
  },
);

const cascadeSchema = z.strictObject({
  first: routeName,
  escalateTo: routeName,
  check: checkSchema,
});

/** Spread into the route schema: a route holds `targets` or one of these. */
export const selectionRouteFields = {
  rules: z.array(ruleSchema).min(1, 'add at least one rule, or use targets').optional(),
  default: routeName.optional(),
  complexity: complexitySchema.optional(),
  cascade: cascadeSchema.optional(),
};
