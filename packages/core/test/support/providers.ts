import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { onTestFinished } from 'vitest';
import type { TargetOptions } from '../../src/options/router-options.js';

export type ProviderName = 'openai' | 'anthropic' | 'gemini';

/** A real AI SDK provider talking real HTTP to a testkit server (closed after the test). */
export async function fakeTarget(
  provider: ProviderName,
  id: string,
  options: FakeServerOptions = {},
  target: Partial<TargetOptions> = {},
): Promise<{ server: FakeServer; target: TargetOptions }> {
  const server =
    provider === 'openai'
      ? await startFakeOpenAI(options)
      : provider === 'anthropic'
        ? await startFakeAnthropic(options)
        : await startFakeGemini(options);
  onTestFinished(() => server.close());
  const apiKey = server.apiKey;
  const model =
    provider === 'openai'
      ? createOpenAI({ baseURL: server.baseURL, apiKey }).chat('gpt-4.1-mini')
      : provider === 'anthropic'
        ? createAnthropic({ baseURL: server.baseURL, apiKey })('claude-haiku-4-5')
        : createGoogleGenerativeAI({ baseURL: server.baseURL, apiKey })('gemini-2.5-flash');
  return { server, target: { id, model, ...target } as TargetOptions };
}

/** OpenAI -> Anthropic -> Gemini, each on its own fake server. */
export async function threeProviders(
  first: FakeServerOptions = {},
  targetOptions: Partial<TargetOptions> = {},
) {
  const openai = await fakeTarget('openai', 'openai', first, targetOptions);
  const anthropic = await fakeTarget('anthropic', 'anthropic', {}, targetOptions);
  const gemini = await fakeTarget('gemini', 'gemini', {}, targetOptions);
  return { openai, anthropic, gemini, targets: [openai.target, anthropic.target, gemini.target] };
}
