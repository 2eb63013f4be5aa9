import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createRouter } from '@modelmux/core';
import { type Reply, startFakeAnthropic, startFakeOpenAI } from '@modelmux/testkit';
import { onTestFinished } from 'vitest';
import { contractRoutes } from './app-factory.js';

/** A key shaped like a real one, presented to a fake that expects another: it must leak nowhere. */
export const canaryKey = 'sk-canary-0123456789abcdefghij';
/** What a provider echoing a masked key would still show. */
export const canaryFragments = [canaryKey, '0123456789abcdefghij'];

export interface ContractRouterOptions {
  /** Replies for the first requests to `primary` (the first target of route `main`). */
  primary?: Reply[];
  /** What both targets of the failing route answer. @default a 429 with Retry-After: 7 */
  down?: Reply;
}

/**
 * The router every contract app is given, on the testkit (real HTTP, real AI SDK providers):
 * `main` = primary (OpenAI) -> secondary (Anthropic); `down` = two OpenAI fakes that always fail;
 * `rejecting` = an Anthropic fake that refuses the canary key (401). Servers close after the test.
 */
export async function contractRouter(options: ContractRouterOptions = {}) {
  const down = options.down ?? { status: 429, error: 'rate-limited', retryAfterS: 7 };
  const servers = {
    primary: await startFakeOpenAI({ replies: options.primary ?? [] }),
    secondary: await startFakeAnthropic(),
    downA: await startFakeOpenAI({ defaultReply: down }),
    downB: await startFakeOpenAI({ defaultReply: down }),
    rejecting: await startFakeAnthropic({ apiKey: 'sk-expected-by-the-server-000000' }),
  };
  onTestFinished(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });
  const openai = (server: { baseURL: string; apiKey: string }) =>
    createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat('gpt-4.1-mini');
  const router = createRouter({
    targets: [
      { id: 'primary', model: openai(servers.primary) },
      {
        id: 'secondary',
        model: createAnthropic({
          baseURL: servers.secondary.baseURL,
          apiKey: servers.secondary.apiKey,
        })('claude-haiku-4-5'),
      },
      { id: 'down-a', model: openai(servers.downA) },
      { id: 'down-b', model: openai(servers.downB) },
      {
        id: 'bad-key',
        model: createAnthropic({ baseURL: servers.rejecting.baseURL, apiKey: canaryKey })(
          'claude-haiku-4-5',
        ),
      },
    ],
    routes: {
      [contractRoutes.main]: { targets: ['primary', 'secondary'] },
      [contractRoutes.fail]: { targets: ['down-a', 'down-b'], retry: { maxAttempts: 2 } },
      [contractRoutes.reject]: { targets: ['bad-key'] },
    },
  });
  onTestFinished(() => router.close());
  return { router, servers };
}
