import { z } from 'zod';
import { redact } from '../errors/redact.js';
import { mathAnswerCheck } from './math-answer-check.js';
import type { CascadeAnswer, CascadeCheck, CascadeVerdict } from './selection-options.js';

export interface CheckResult {
  pass: boolean;
  reason: string;
}

export interface CompiledCheck {
  /** For the trace: `jsonSchema`, `minLogprob -0.3`, `mathAnswer`, `function`. */
  name: string;
  run(answer: CascadeAnswer): Promise<CheckResult>;
}

/** Compiles a cascade check once, at start-up. Throws (a message for the config error) if bad. */
export function compileCheck(check: CascadeCheck): CompiledCheck {
  if (typeof check === 'function') {
    return {
      name: 'function',
      async run(answer) {
        try {
          return verdictOf(await check(answer));
        } catch (error) {
          return { pass: false, reason: `the check threw: ${redact(String(error))}` };
        }
      },
    };
  }
  if ('jsonSchema' in check) {
    const schema = z.fromJSONSchema(check.jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    return {
      name: 'jsonSchema',
      async run({ text }) {
        let value: unknown;
        try {
          value = JSON.parse(stripFence(text));
        } catch {
          return { pass: false, reason: 'the answer is not JSON' };
        }
        const parsed = schema.safeParse(value);
        if (parsed.success) return { pass: true, reason: 'the answer matches the JSON schema' };
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return {
          pass: false,
          reason: `the answer does not match the JSON schema${where}: ${issue?.message ?? 'invalid'}`,
        };
      },
    };
  }
  if ('minLogprob' in check) {
    const least = check.minLogprob;
    return {
      name: `minLogprob ${least}`,
      async run({ providerMetadata }) {
        const values = tokenLogprobs(providerMetadata);
        if (values.length === 0)
          return {
            pass: false,
            reason:
              'the answer has no logprobs; ask the provider for them (e.g. providerOptions: { openai: { logprobs: true } })',
          };
        const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
        const shown = Math.round(mean * 1000) / 1000;
        return mean >= least
          ? { pass: true, reason: `mean logprob ${shown} >= ${least}` }
          : { pass: false, reason: `mean logprob ${shown} < ${least}` };
      },
    };
  }
  const options = check.mathAnswer === true ? {} : check.mathAnswer;
  const most = options.maxSuspicion ?? 1;
  return {
    name: 'mathAnswer',
    async run({ text, prompt }) {
      const findings = mathAnswerCheck(text, { prompt });
      if (findings.suspicion <= most)
        return { pass: true, reason: `math answer looks sound (suspicion ${findings.suspicion})` };
      return {
        pass: false,
        reason: `math answer suspicion ${findings.suspicion} > ${most}: ${findings.reasons.join('; ')}`,
      };
    },
  };
}

function verdictOf(verdict: CascadeVerdict): CheckResult {
  if (verdict === true) return { pass: true, reason: 'the check passed' };
  if (verdict === false) return { pass: false, reason: 'the check failed' };
  if (typeof verdict === 'object' && verdict !== null && typeof verdict.pass === 'boolean')
    return {
      pass: verdict.pass,
      reason: verdict.reason ?? (verdict.pass ? 'the check passed' : 'the check failed'),
    };
  return { pass: false, reason: 'the check returned neither a boolean nor { pass }' };
}

/** A model's ```json fence, if the whole answer is one. */
function stripFence(text: string): string {
  const fenced = text.trim().match(/^```(?:json)?\s*\n([\s\S]*?)\n?```$/);
  return fenced ? (fenced[1] as string) : text;
}

/**
 * Every token log-probability under any provider's `logprobs` metadata: OpenAI chat
 * (`[{ token, logprob }]`), responses (nested arrays of those) and completions
 * (`{ token_logprobs: [...] }`); `top_logprobs` alternatives are not the answer's tokens.
 */
export function tokenLogprobs(providerMetadata: Record<string, unknown> | undefined): number[] {
  const values: number[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.logprob === 'number') values.push(record.logprob);
    if (Array.isArray(record.token_logprobs))
      for (const item of record.token_logprobs) if (typeof item === 'number') values.push(item);
    for (const [key, inner] of Object.entries(record)) {
      if (key === 'top_logprobs' || key === 'token_logprobs') continue;
      if (typeof inner === 'object') walk(inner);
    }
  };
  for (const [provider, metadata] of Object.entries(providerMetadata ?? {})) {
    if (provider === 'modelmux' || typeof metadata !== 'object' || metadata === null) continue;
    walk((metadata as Record<string, unknown>).logprobs);
  }
  return values;
}
