import { createHash } from 'node:crypto';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { encodeForCache } from './cache-codec.js';

/**
 * The cache key of a call: sha256 of its normalised form, namely the route, the operation, the
 * prompt, every generation setting, the tools and response format, and the caller's scope (key,
 * user, tenant), so one tenant never reads another's answers. Object keys are sorted, undefined
 * fields dropped. The abort signal and HTTP headers are transport, not part of the question.
 */
export function cacheKeyOf({
  route,
  operation,
  options,
  scope,
}: {
  route: string;
  operation: 'generate' | 'stream';
  options: LanguageModelV4CallOptions;
  scope: Readonly<Record<string, string | undefined>>;
}): string {
  const { abortSignal: _signal, headers: _headers, ...question } = options;
  const normal = stableJson(encodeForCache({ route, operation, question, scope }));
  return `cache:${createHash('sha256').update(normal).digest('hex')}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
