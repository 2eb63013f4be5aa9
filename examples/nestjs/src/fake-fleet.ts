import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createRouter, type Router } from '@modelmux/core';
import { startFakeAnthropic, startFakeGemini, startFakeOpenAI } from '@modelmux/testkit';

/**
 * With no API keys: the testkit's fake OpenAI, Anthropic and Gemini servers on 127.0.0.1 (real
 * HTTP, real wire formats) and a router over them with zero-config's routes: `default`, `cheap`
 * and `smart`. gpt-mini answers 503 to a third of its calls, so some answers show a fail-over.
 */
export async function startFakeFleet(): Promise<{ router: Router; close: () => Promise<void> }> {
  const reply = { chunks: 6, chunkDelayMs: 30, latencyMs: 40 };
  const openai = await startFakeOpenAI({
    defaultReply: reply,
    faults: [{ reply: { status: 503 }, rate: 1 / 3, seed: 7 }],
  });
  const anthropic = await startFakeAnthropic({ defaultReply: reply });
  const gemini = await startFakeGemini({ defaultReply: reply });
  const router = createRouter({
    targets: [
      {
        id: 'gpt-mini',
        model: createOpenAI({ baseURL: openai.baseURL, apiKey: openai.apiKey }).chat(
          'gpt-4.1-mini',
        ),
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
    ],
    routes: {
      default: { targets: ['gpt-mini', 'haiku', 'flash'] },
      cheap: { targets: ['flash', 'gpt-mini'] },
      smart: { targets: ['haiku', 'gpt-mini'] },
    },
  });
  return {
    router,
    async close() {
      await router.close();
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}
