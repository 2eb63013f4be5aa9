import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import {
  createRouter,
  type Environment,
  findRouterSource,
  NoRouterConfigError,
  type RouteOptions,
  type Router,
  type TargetOptions,
} from '@modelmux/core';
import {
  type FakeServer,
  type FaultRule,
  type Reply,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';

export interface FakeFleetOptions {
  /** Every fake's default reply. @default 6 chunks, 30 ms apart, 40 ms to the headers */
  reply?: Reply;
  /** Background faults of the OpenAI fake (gpt-mini). @default none */
  openaiFaults?: FaultRule[];
}

export interface FakeFleet {
  servers: { 'gpt-mini': FakeServer; haiku: FakeServer; flash: FakeServer };
  /** gpt-mini (OpenAI), haiku (Anthropic), flash (Gemini), over real HTTP and real AI SDK providers. */
  targets: TargetOptions[];
  /** Zero-config's route names over the fakes: `default`, `cheap` and `smart`. */
  routes: Record<string, RouteOptions>;
  close(): Promise<void>;
}

/**
 * With no API keys, the examples and the demo run against these: the testkit's fake providers on
 * 127.0.0.1, speaking the real OpenAI, Anthropic and Gemini wire formats.
 */
export async function startFakeFleet(options: FakeFleetOptions = {}): Promise<FakeFleet> {
  const reply = options.reply ?? { chunks: 6, chunkDelayMs: 30, latencyMs: 40 };
  const openai = await startFakeOpenAI({ defaultReply: reply, faults: options.openaiFaults ?? [] });
  const anthropic = await startFakeAnthropic({ defaultReply: reply });
  const gemini = await startFakeGemini({ defaultReply: reply });
  const openaiProvider = createOpenAI({ baseURL: openai.baseURL, apiKey: openai.apiKey });
  const anthropicProvider = createAnthropic({
    baseURL: anthropic.baseURL,
    apiKey: anthropic.apiKey,
  });
  const googleProvider = createGoogleGenerativeAI({
    baseURL: gemini.baseURL,
    apiKey: gemini.apiKey,
  });
  return {
    servers: { 'gpt-mini': openai, haiku: anthropic, flash: gemini },
    targets: [
      { id: 'gpt-mini', model: openaiProvider.chat('gpt-4.1-mini') },
      { id: 'haiku', model: anthropicProvider('claude-haiku-4-5') },
      { id: 'flash', model: googleProvider('gemini-2.5-flash') },
    ],
    routes: {
      default: { targets: ['gpt-mini', 'haiku', 'flash'] },
      cheap: { targets: ['flash', 'gpt-mini'] },
      smart: { targets: ['haiku', 'gpt-mini'] },
    },
    async close() {
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}

/**
 * A router over the fake fleet with zero-config's routes, where gpt-mini answers 503 to a third
 * of its calls (seeded), so some answers show a fail-over. What the example apps use without keys.
 */
export async function startFakeRouter(): Promise<{ router: Router; close: () => Promise<void> }> {
  const fleet = await startFakeFleet({
    openaiFaults: [{ reply: { status: 503 }, rate: 1 / 3, seed: 7 }],
  });
  const router = createRouter({ targets: fleet.targets, routes: fleet.routes });
  return {
    router,
    async close() {
      await router.close();
      await fleet.close();
    },
  };
}

/** Whether zero-config would find a router (a config file or a provider key): else use the fakes. */
export function hasRouterConfig(cwd: string, env: Environment): boolean {
  try {
    findRouterSource({ cwd, env });
    return true;
  } catch (error) {
    if (NoRouterConfigError.isInstance(error)) return false;
    throw error;
  }
}
