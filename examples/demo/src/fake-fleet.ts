import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { RouteOptions, TargetOptions } from '@modelmux/core';
import { startFakeFleet } from '@modelmux/example-fake-fleet';
import {
  type FakeServer,
  type Reply,
  startFakeAnthropic,
  startFakeOpenAI,
} from '@modelmux/testkit';
import type { Price } from './tally.js';

export interface DemoFleet {
  targets: TargetOptions[];
  routes: Record<string, RouteOptions>;
  /** The strong model's price: what "send everything to the strong model" would cost. */
  strongPrice: Price;
  strongModel: string;
  /** The fake servers by target id (for fault injection). */
  servers: Record<string, FakeServer>;
  describe: string;
  close(): Promise<void>;
}

// List prices per million tokens (USD), as published by each provider.
const prices = {
  flash: { inputUsdPerMillion: 0.3, outputUsdPerMillion: 2.5 },
  'gpt-mini': { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
  haiku: { inputUsdPerMillion: 1, outputUsdPerMillion: 5 },
  'gpt-4.1': { inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
  sonnet: { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
} satisfies Record<string, Price>;

// Each provider account's quota: the status page shows the headroom left in the current minute.
const quotas = {
  flash: { rpm: 4_000, tpm: 4_000_000 },
  'gpt-mini': { rpm: 3_000, tpm: 2_000_000 },
  haiku: { rpm: 2_000, tpm: 1_000_000 },
  'gpt-4.1': { rpm: 1_000, tpm: 1_000_000 },
  sonnet: { rpm: 1_000, tpm: 800_000 },
} satisfies Record<string, { rpm: number; tpm: number }>;

/**
 * Five targets on the testkit's fake providers (real HTTP, the real OpenAI, Anthropic and Gemini
 * wire formats, the real AI SDK providers): cheap ones and strong ones, each on its own server
 * so faults hit one target at a time.
 */
export async function startDemoFleet(): Promise<DemoFleet> {
  // A typical chat answer: about 350 tokens in, 120 out, streamed in 6 chunks.
  const reply: Reply = {
    chunks: 6,
    chunkDelayMs: 20,
    latencyMs: 40,
    usage: { inputTokens: 350, outputTokens: 120 },
  };
  const fleet = await startFakeFleet({ reply });
  const strongOpenAI = await startFakeOpenAI({ defaultReply: { ...reply, latencyMs: 80 } });
  const sonnetServer = await startFakeAnthropic({ defaultReply: { ...reply, latencyMs: 90 } });
  const byId = new Map(fleet.targets.map((target) => [target.id, target]));
  const fleetTarget = (id: 'flash' | 'gpt-mini' | 'haiku'): TargetOptions => ({
    ...(byId.get(id) as TargetOptions),
    price: prices[id],
    limits: quotas[id],
  });
  const targets: TargetOptions[] = [
    fleetTarget('flash'),
    fleetTarget('gpt-mini'),
    fleetTarget('haiku'),
    {
      id: 'gpt-4.1',
      model: createOpenAI({ baseURL: strongOpenAI.baseURL, apiKey: strongOpenAI.apiKey }).chat(
        'gpt-4.1',
      ),
      price: prices['gpt-4.1'],
      limits: quotas['gpt-4.1'],
    },
    {
      id: 'sonnet',
      model: createAnthropic({ baseURL: sonnetServer.baseURL, apiKey: sonnetServer.apiKey })(
        'claude-sonnet-4-5',
      ),
      price: prices.sonnet,
      limits: quotas.sonnet,
    },
  ];
  return {
    targets,
    routes: {
      cheap: {
        targets: ['flash', 'gpt-mini', 'haiku'],
        timeouts: { firstChunkMs: 1_000 },
        retry: { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 } },
        // A stream with no first token after 300 ms (the fakes answer in a few ms; the slow phase's
        // gpt-mini takes 3 s) gets the next target raced beside it, for at most a quarter of the calls.
        hedge: { afterMs: 300, maxExtraRatio: 0.25 },
      },
      strong: {
        targets: ['sonnet', 'gpt-4.1'],
        timeouts: { firstChunkMs: 2_000 },
        retry: { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 } },
        hedge: { afterMs: 1_000 },
      },
    },
    strongPrice: prices.sonnet,
    strongModel: 'sonnet',
    servers: {
      flash: fleet.servers.flash,
      'gpt-mini': fleet.servers['gpt-mini'],
      haiku: fleet.servers.haiku,
      'gpt-4.1': strongOpenAI,
      sonnet: sonnetServer,
    },
    describe:
      '5 fake providers (real HTTP; OpenAI, Anthropic and Gemini wire formats)\n' +
      '  route cheap  = flash -> gpt-mini -> haiku   (most traffic)\n' +
      '  route strong = sonnet -> gpt-4.1            (the hard requests)',
    async close() {
      await Promise.all([fleet.close(), strongOpenAI.close(), sonnetServer.close()]);
    },
  };
}
