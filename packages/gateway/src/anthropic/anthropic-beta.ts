import type { IncomingHttpHeaders } from 'node:http';
import type { LanguageModelV4CallOptions, SharedV4ProviderOptions } from '@ai-sdk/provider';
import { GatewayError } from '../openai/gateway-error.js';

type CallOptions = Omit<LanguageModelV4CallOptions, 'abortSignal'>;

const header = 'anthropic-beta';
const betaName = /^[A-Za-z0-9._-]+$/;
/** The most of a bad value an error message quotes. */
const quotedLimit = 64;

/**
 * The betas a `/v1/messages` client enables with its `anthropic-beta` header (what
 * `client.beta.messages.create({ betas })` sends): the comma-separated entries, trimmed, empty
 * ones dropped, duplicates once, in order. An entry that is not a beta name (letters, digits,
 * `.`, `_`, `-`) is a 400 naming the header and the entry.
 */
export function anthropicBetasOf(headers: IncomingHttpHeaders): string[] {
  const value = headers[header];
  if (value === undefined) return [];
  const betas = splitBetas(Array.isArray(value) ? value.join(',') : value);
  const bad = betas.find((beta) => !betaName.test(beta));
  if (bad !== undefined) {
    const quoted = bad.length > quotedLimit ? `${bad.slice(0, quotedLimit)}…` : bad;
    throw new GatewayError({
      status: 400,
      code: 'invalid_value',
      param: header,
      message: `Invalid '${header}' header: '${quoted}' is not a beta name (letters, digits, '.', '_', '-'; commas between betas).`,
    });
  }
  return betas;
}

/**
 * The translated path's seam: the betas as `providerOptions.anthropic.anthropicBeta`, after any
 * already there. `@ai-sdk/anthropic` merges them with its own and its provider's configured
 * `anthropic-beta`; no other provider reads that key, so other targets never get the header.
 */
export function withAnthropicBetas(
  callOptions: CallOptions,
  betas: readonly string[],
): CallOptions {
  if (betas.length === 0) return callOptions;
  const providerOptions = callOptions.providerOptions ?? {};
  const anthropic = providerOptions.anthropic ?? {};
  const present = anthropic.anthropicBeta;
  const anthropicBeta = mergeBetas(Array.isArray(present) ? present.map(String) : [], betas);
  return {
    ...callOptions,
    providerOptions: {
      ...providerOptions,
      anthropic: { ...anthropic, anthropicBeta } as SharedV4ProviderOptions[string],
    },
  };
}

/**
 * The pass-through's seam: the upstream's headers (the provider's own, names lower-case) with
 * the betas added to any `anthropic-beta` they carry.
 */
export function withBetaHeader(
  headers: Record<string, string>,
  betas: readonly string[],
): Record<string, string> {
  if (betas.length === 0) return headers;
  const configured = headers[header] === undefined ? [] : splitBetas(headers[header]);
  return { ...headers, [header]: mergeBetas(configured, betas).join(',') };
}

/** The lists as one, in order, each beta once. */
export function mergeBetas(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function splitBetas(value: string): string[] {
  const betas = value
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => beta !== '');
  return mergeBetas(betas);
}
