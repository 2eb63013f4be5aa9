import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { TargetOptions } from '@modelmux/core';
import {
  type FakeServer,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';

/** Three fake providers on 127.0.0.1, each answering like the real API, and targets for them. */
export async function startFakeFleet() {
  const reply = { chunks: 6, chunkDelayMs: 15, latencyMs: 40 };
  const openai = await startFakeOpenAI({ defaultReply: reply });
  const anthropic = await startFakeAnthropic({ defaultReply: { ...reply, latencyMs: 60 } });
  const gemini = await startFakeGemini({ defaultReply: { ...reply, latencyMs: 50 } });
  const servers: Record<string, FakeServer> = {
    'gpt-mini': openai,
    haiku: anthropic,
    flash: gemini,
  };
  const targets: TargetOptions[] = [
    {
      id: 'gpt-mini',
      model: createOpenAI({ baseURL: openai.baseURL, apiKey: openai.apiKey }).chat('gpt-4.1-mini'),
    },
    {
      id: 'haiku',
      model: createAnthropic({ baseURL: anthropic.baseURL, apiKey: anthropic.apiKey })(
        'claude-haiku-4-5',
      ),
    },
    {
      id: 'flash',
      model: createGoogleGenerativeAI({ baseURL: gemini.baseURL, apiKey: gemini.apiKey })(
        'gemini-2.5-flash',
      ),
    },
  ];
  return {
    servers,
    targets,
    close: () => Promise.all(Object.values(servers).map((server) => server.close())),
  };
}
