import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { RouterOptions } from '@modelmux/core';
import { type FakeServerOptions, startFakeAnthropic, startFakeOpenAI } from '@modelmux/testkit';
import { onTestFinished } from 'vitest';

export interface FakeProviderScript {
  /** What `openai` (first in route `main`) answers. */
  openai?: FakeServerOptions;
  /** What `anthropic` (second in `main`, alone in `smart`) answers. */
  anthropic?: FakeServerOptions;
}

/**
 * Router options over the testkit (real HTTP, real AI SDK providers; servers closed after the
 * test): `main` = openai -> anthropic, `cheap` = openai, `smart` = anthropic, `down` = a target
 * that always answers 429 with Retry-After 7, `rejecting` = a target whose key is refused.
 */
export async function fakeRouterOptions(script: FakeProviderScript = {}) {
  const servers = {
    openai: await startFakeOpenAI(script.openai),
    anthropic: await startFakeAnthropic(script.anthropic),
    down: await startFakeOpenAI({
      defaultReply: { status: 429, error: 'rate-limited', retryAfterS: 7 },
    }),
    rejecting: await startFakeAnthropic({ apiKey: 'sk-the-server-wants-this-one' }),
  };
  onTestFinished(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });
  const openai = (server: { baseURL: string; apiKey: string }) =>
    createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat('gpt-4.1-mini');
  const anthropic = (server: { baseURL: string }, apiKey: string) =>
    createAnthropic({ baseURL: server.baseURL, apiKey })('claude-haiku-4-5');
  const options = {
    targets: [
      { id: 'openai', model: openai(servers.openai) },
      { id: 'anthropic', model: anthropic(servers.anthropic, servers.anthropic.apiKey) },
      { id: 'limited', model: openai(servers.down) },
      { id: 'bad-key', model: anthropic(servers.rejecting, 'sk-wrong-key-0123456789') },
    ],
    routes: {
      main: { targets: ['openai', 'anthropic'] },
      cheap: { targets: ['openai'] },
      smart: { targets: ['anthropic'] },
      down: { targets: ['limited'] },
      rejecting: { targets: ['bad-key'] },
    },
  } satisfies RouterOptions;
  return { options, servers };
}
