import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { TargetOptions } from '@modelmux/core';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { onTestFinished } from 'vitest';

export type ProviderName = 'openai' | 'anthropic' | 'gemini';
export const providerNames: ProviderName[] = ['openai', 'anthropic', 'gemini'];

/** A real AI SDK provider talking real HTTP to a testkit server (closed after the test). */
export async function fakeTarget(
  provider: ProviderName,
  id: string,
  options: FakeServerOptions = {},
  target: Partial<TargetOptions> = {},
): Promise<{ server: FakeServer; target: TargetOptions }> {
  const start = { openai: startFakeOpenAI, anthropic: startFakeAnthropic, gemini: startFakeGemini };
  const server = await start[provider](options);
  onTestFinished(() => server.close());
  const settings = { baseURL: server.baseURL, apiKey: server.apiKey };
  const model =
    provider === 'openai'
      ? createOpenAI(settings).chat('gpt-4.1-mini')
      : provider === 'anthropic'
        ? createAnthropic(settings)('claude-haiku-4-5')
        : createGoogleGenerativeAI(settings)('gemini-2.5-flash');
  return { server, target: { id, model, ...target } as TargetOptions };
}

/** An OpenAI embedding target on a testkit server. */
export async function fakeEmbeddingTarget(
  id: string,
  options: FakeServerOptions = {},
): Promise<{ server: FakeServer; target: TargetOptions }> {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  const openai = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, target: { id, embeddingModel: openai.embedding('text-embedding-3-small') } };
}
