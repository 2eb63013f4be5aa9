import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { DecisionTrace, TargetOptions } from '@modelmux/core';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { onTestFinished } from 'vitest';

export type ProviderName = 'openai' | 'anthropic' | 'gemini';

export interface FakeTarget {
  server: FakeServer;
  target: TargetOptions;
}

async function startServer(provider: ProviderName, options: FakeServerOptions) {
  const server =
    provider === 'openai'
      ? await startFakeOpenAI(options)
      : provider === 'anthropic'
        ? await startFakeAnthropic(options)
        : await startFakeGemini(options);
  onTestFinished(() => server.close());
  return server;
}

/** A real AI SDK language model talking real HTTP to a testkit server (closed after the test). */
export async function languageTarget(
  provider: ProviderName,
  options: FakeServerOptions = {},
): Promise<FakeTarget> {
  const server = await startServer(provider, options);
  const { baseURL, apiKey } = server;
  const model =
    provider === 'openai'
      ? createOpenAI({ baseURL, apiKey }).chat('gpt-4.1-mini')
      : provider === 'anthropic'
        ? createAnthropic({ baseURL, apiKey })('claude-haiku-4-5')
        : createGoogleGenerativeAI({ baseURL, apiKey })('gemini-2.5-flash');
  return { server, target: { id: provider, model } };
}

/** OpenAI -> Anthropic -> Gemini, each on its own fake server, scripted per provider. */
export async function threeProviders(
  options: Partial<Record<ProviderName, FakeServerOptions>> = {},
) {
  const openai = await languageTarget('openai', options.openai);
  const anthropic = await languageTarget('anthropic', options.anthropic);
  const gemini = await languageTarget('gemini', options.gemini);
  return {
    openai: openai.server,
    anthropic: anthropic.server,
    gemini: gemini.server,
    targets: [openai.target, anthropic.target, gemini.target],
    route: { targets: ['openai', 'anthropic', 'gemini'] },
  };
}

/** A real embedding model (OpenAI's or Google's) on a testkit server. */
export async function embeddingTarget(
  provider: 'openai' | 'gemini',
  options: FakeServerOptions = {},
): Promise<FakeTarget> {
  const server = await startServer(provider, options);
  const { baseURL, apiKey } = server;
  const embeddingModel =
    provider === 'openai'
      ? createOpenAI({ baseURL, apiKey }).embedding('text-embedding-3-small')
      : createGoogleGenerativeAI({ baseURL, apiKey }).embedding('gemini-embedding-001');
  return { server, target: { id: `${provider}-embed`, embeddingModel } };
}

/** The decision trace a result carries as `providerMetadata.modelmux`. */
export function traceOf(providerMetadata: Record<string, unknown> | undefined): DecisionTrace {
  const trace = providerMetadata?.modelmux;
  if (trace === undefined) throw new Error('no providerMetadata.modelmux on the result');
  return trace as DecisionTrace;
}

/** Each attempt as `target:status-or-outcome`, e.g. `['openai:503', 'anthropic:success']`. */
export function attemptsOf(trace: DecisionTrace): string[] {
  return trace.attempts.map(
    (attempt) =>
      `${attempt.target}:${attempt.outcome === 'success' ? 'success' : (attempt.status ?? attempt.reason)}`,
  );
}
