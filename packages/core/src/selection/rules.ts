import type { CallFacts } from '../capabilities/call-facts.js';
import { looksLikeCode } from './heuristic-scorer.js';
import type { RuleCondition, RuleOptions } from './selection-options.js';
import type { PromptTextFacts } from './user-text.js';

/** What a rule condition reads. */
export interface RuleFacts {
  call: CallFacts;
  text: PromptTextFacts;
}

export type PlainCondition = Omit<RuleCondition, 'any' | 'not'>;

/** A rule ready to run: its condition compiled once, at start-up. */
export interface CompiledRule {
  route: string;
  /** What the trace says when it matches, e.g. `has tools`. */
  label: string;
  matches(facts: RuleFacts): boolean;
}

export function compileRule(rule: RuleOptions): CompiledRule {
  return {
    route: rule.route,
    label: rule.name ?? describeCondition(rule.when),
    matches: compileCondition(rule.when),
  };
}

/** First match wins; the default takes the rest. */
export function matchRules(
  rules: readonly CompiledRule[],
  facts: RuleFacts,
): { index: number; rule: CompiledRule } | undefined {
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index] as CompiledRule;
    if (rule.matches(facts)) return { index, rule };
  }
  return undefined;
}

function compileCondition(condition: RuleCondition): (facts: RuleFacts) => boolean {
  const checks: ((facts: RuleFacts) => boolean)[] = [compilePlain(condition)];
  if (condition.any) {
    const options = condition.any.map(compilePlain);
    checks.push((facts) => options.some((holds) => holds(facts)));
  }
  if (condition.not) {
    const negated = compilePlain(condition.not);
    checks.push((facts) => !negated(facts));
  }
  return (facts) => checks.every((holds) => holds(facts));
}

function compilePlain(condition: PlainCondition): (facts: RuleFacts) => boolean {
  const checks: ((facts: RuleFacts) => boolean)[] = [];
  const { metadata } = condition;
  if (metadata) {
    const wanted = Object.entries(metadata).map(
      ([key, value]) => [key, new Set(Array.isArray(value) ? value : [value])] as const,
    );
    checks.push(({ call }) =>
      wanted.every(([key, values]) => {
        const actual = call.metadata[key];
        return actual !== undefined && values.has(actual);
      }),
    );
  }
  if (condition.hasTools !== undefined) {
    const want = condition.hasTools;
    checks.push(({ call }) => call.hasTools === want);
  }
  if (condition.hasImages !== undefined) {
    const want = condition.hasImages;
    checks.push(({ call }) => call.hasImages === want);
  }
  if (condition.jsonOutput !== undefined) {
    const want = condition.jsonOutput;
    checks.push(({ call }) => call.wantsJson === want);
  }
  if (condition.operation !== undefined) {
    const want = condition.operation;
    checks.push(({ call }) => call.operation === want);
  }
  if (condition.minInputTokens !== undefined) {
    const least = condition.minInputTokens;
    checks.push(({ call }) => call.estimatedInputTokens() >= least);
  }
  if (condition.maxInputTokens !== undefined) {
    const most = condition.maxInputTokens;
    checks.push(({ call }) => call.estimatedInputTokens() <= most);
  }
  if (condition.hasCode !== undefined) {
    const want = condition.hasCode;
    checks.push(({ text }) => looksLikeCode(text.allUser()) === want);
  }
  if (condition.promptMatches !== undefined) {
    const pattern = new RegExp(condition.promptMatches, 'i');
    checks.push(({ text }) => pattern.test(text.allUser()));
  }
  return (facts) => checks.every((holds) => holds(facts));
}

/** A condition in words, for the trace: `has tools and metadata.tier is free`. */
export function describeCondition(condition: RuleCondition): string {
  const parts = describePlain(condition);
  if (condition.any)
    parts.push(
      `any of (${condition.any.map((entry) => describePlain(entry).join(' and ') || 'always').join('; ')})`,
    );
  if (condition.not) parts.push(`not (${describePlain(condition.not).join(' and ') || 'always'})`);
  return parts.length === 0 ? 'always' : parts.join(' and ');
}

function describePlain(condition: PlainCondition): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(condition.metadata ?? {})) {
    parts.push(
      Array.isArray(value)
        ? `metadata.${key} is one of ${value.join(', ')}`
        : `metadata.${key} is ${value}`,
    );
  }
  const flag = (value: boolean | undefined, yes: string, no: string) => {
    if (value !== undefined) parts.push(value ? yes : no);
  };
  flag(condition.hasTools, 'has tools', 'has no tools');
  flag(condition.hasImages, 'has images', 'has no images');
  flag(condition.jsonOutput, 'wants JSON', 'does not want JSON');
  flag(condition.hasCode, 'has code', 'has no code');
  if (condition.operation) parts.push(`is a ${condition.operation} call`);
  if (condition.minInputTokens !== undefined)
    parts.push(`input tokens >= ${condition.minInputTokens}`);
  if (condition.maxInputTokens !== undefined)
    parts.push(`input tokens <= ${condition.maxInputTokens}`);
  if (condition.promptMatches !== undefined)
    parts.push(`prompt matches /${condition.promptMatches}/i`);
  return parts;
}
