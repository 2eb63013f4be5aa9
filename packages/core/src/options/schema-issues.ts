import type { z } from 'zod';
import type { ConfigIssue } from '../errors/router-config-error.js';
import { type ConfigPath, formatConfigPath, valueAtPath } from './config-path.js';
import { describeValue } from './describe-value.js';
import { closestName } from './did-you-mean.js';
import { knownKeysAt } from './schema-keys.js';

type ZodIssue = z.core.$ZodIssue;

/**
 * zod's issues as a user should read them: one per mistake, by the path they wrote, saying what
 * to write instead. Values are shown only when they are numbers or booleans.
 */
export function schemaIssues(issues: readonly ZodIssue[], input: unknown, schema: z.ZodType) {
  const result: ConfigIssue[] = [];
  for (const issue of issues) collect(issue, issue.path, input, schema, result);
  return result;
}

function collect(
  issue: ZodIssue,
  path: ConfigPath,
  input: unknown,
  schema: z.ZodType,
  result: ConfigIssue[],
): void {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    for (const key of issue.keys) {
      const suggestion = closestName(key, known);
      const hint =
        suggestion === undefined ? `known: ${known.join(', ')}` : `did you mean "${suggestion}"?`;
      result.push({ path: formatConfigPath([...path, key]), message: `unknown option (${hint})` });
    }
    return;
  }
  if (issue.code === 'invalid_union') {
    // When exactly one branch got past the value's type and failed inside it, that branch's
    // issues are the useful ones (`{ id: 1 }` -> `id: expected a string`).
    const deep = issue.errors.filter((branch) => branch.every((inner) => inner.path.length > 0));
    if (deep.length === 1) {
      for (const inner of deep[0] ?? []) {
        collect(inner, [...path, ...inner.path], input, schema, result);
      }
      return;
    }
  }
  result.push({ path: formatConfigPath(path), message: issueMessage(issue, path, input) });
}

function issueMessage(issue: ZodIssue, path: ConfigPath, input: unknown): string {
  const value = valueAtPath(input, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return requiredMessage(path, issue.expected);
      if (issue.expected === 'number' && typeof value === 'number') {
        return `expected a finite number, got ${describeValue(value)}`;
      }
      return `expected ${typeLabel(issue.expected)}, got ${describeValue(value)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `add at least ${issue.minimum}`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}, got ${describeValue(value)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((option) => JSON.stringify(option)).join(', ')}`;
    default:
      // custom and union issues carry the message this folder wrote for them.
      return issue.message;
  }
}

const requiredHints: Record<string, string> = {
  '': "pass the router's options, e.g. { targets: [...], routes: { ... } }",
  routes: "add at least one route, e.g. { default: { targets: ['<target id>'] } }",
  targets: "add at least one target, e.g. [{ id: 'mini', model: openai('gpt-4.1-mini') }]",
  'targets.*.id': "required; give the target a unique id, e.g. 'mini'",
};

function requiredMessage(path: ConfigPath, expected: string): string {
  const pattern = path.map((key, index) => (index % 2 === 1 ? '*' : String(key))).join('.');
  return requiredHints[pattern] ?? `required; expected ${typeLabel(expected)}`;
}

function typeLabel(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'object':
      return `an ${expected}`;
    case 'record':
      return 'an object';
    default:
      return `a ${expected}`;
  }
}
