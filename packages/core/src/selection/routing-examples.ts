import { RouterError } from '../errors/router-error.js';

/**
 * One labelled prompt for `trainScorer` / `modelmux train-router`. Either the two models'
 * outcomes (`weak` and `strong`: 0/1 correctness or any score where higher is better) or a
 * `label` saying which model the prompt needs.
 */
export interface RoutingExample {
  prompt: string;
  /** `'strong'` (or 1): the weak model's answer was not good enough; `'weak'` (or 0): it was. */
  label?: 'strong' | 'weak' | 0 | 1;
  /** The weak model's outcome on this prompt. */
  weak?: number;
  /** The strong model's outcome on this prompt. */
  strong?: number;
}

/** An example with both outcomes known. */
export interface ScoredExample {
  prompt: string;
  weak: number;
  strong: number;
}

/** Parses JSONL (one example a line; blank lines skipped) and checks every line. */
export function parseRoutingExamples(text: string, source = 'input'): ScoredExample[] {
  const examples: ScoredExample[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw exampleError(`${source}:${index + 1}`, 'is not valid JSON');
    }
    examples.push(toScoredExample(value, `${source}:${index + 1}`));
  });
  return examples;
}

/** Normalises one example: a label becomes outcomes (strong 1; weak 1 or 0). */
export function toScoredExample(value: unknown, where: string): ScoredExample {
  const example = value as Partial<RoutingExample> | null;
  if (typeof example !== 'object' || example === null || Array.isArray(example))
    throw new RouterError({
      name: 'RoutingExampleError',
      code: 'routing-example',
      message: `${where}: expected an object like {"prompt": "...", "weak": 0, "strong": 1} or {"prompt": "...", "label": "strong"}`,
    });
  if (typeof example.prompt !== 'string' || example.prompt === '')
    throw exampleError(where, 'needs "prompt", a non-empty string');
  if (typeof example.weak === 'number' && typeof example.strong === 'number') {
    if (!Number.isFinite(example.weak) || !Number.isFinite(example.strong))
      throw exampleError(where, '"weak" and "strong" must be finite numbers');
    return { prompt: example.prompt, weak: example.weak, strong: example.strong };
  }
  const { label } = example;
  if (label === 'strong' || label === 1) return { prompt: example.prompt, weak: 0, strong: 1 };
  if (label === 'weak' || label === 0) return { prompt: example.prompt, weak: 1, strong: 1 };
  throw exampleError(
    where,
    'needs either "weak" and "strong" (numbers, higher is better) or "label" ("strong" or "weak")',
  );
}

function exampleError(where: string, problem: string): RouterError {
  return new RouterError({
    name: 'RoutingExampleError',
    code: 'routing-example',
    message: `${where}: ${problem}`,
  });
}
