import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { TargetOptions } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import type { DemoFleet } from './fake-fleet.js';
import type { Price } from './tally.js';

type Environment = Record<string, string | undefined>;

/** Whether the demo should call real providers: any of their keys is set. */
export function hasProviderKeys(env: Environment): boolean {
  return Boolean(env.OPENAI_API_KEY || env.ANTHROPIC_API_KEY || env.GOOGLE_GENERATIVE_AI_API_KEY);
}

interface Pair {
  cheap: TargetOptions;
  strong: TargetOptions;
  strongPrice: Price;
}

/**
 * The real providers whose keys are set, a cheap and a strong model each. A fake target that is
 * always down leads the cheap route, so the fail-over shows without harming a real provider.
 * Prices come from core's price table.
 */
export async function startRealFleet(env: Environment): Promise<DemoFleet> {
  const pairs: Pair[] = [];
  if (env.OPENAI_API_KEY) {
    const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY });
    pairs.push({
      cheap: { id: 'gpt-mini', model: openai('gpt-4.1-mini') },
      strong: { id: 'gpt-4.1', model: openai('gpt-4.1') },
      strongPrice: { inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
    });
  }
  if (env.ANTHROPIC_API_KEY) {
    const anthropic = createAnthropic({ apiKey: env.ANTHROPIC_API_KEY });
    pairs.push({
      cheap: { id: 'haiku', model: anthropic('claude-haiku-4-5') },
      strong: { id: 'sonnet', model: anthropic('claude-sonnet-4-5') },
      strongPrice: { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
    });
  }
  if (env.GOOGLE_GENERATIVE_AI_API_KEY) {
    const google = createGoogleGenerativeAI({ apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY });
    pairs.push({
      cheap: { id: 'flash', model: google('gemini-2.5-flash') },
      strong: { id: 'pro', model: google('gemini-2.5-pro') },
      strongPrice: { inputUsdPerMillion: 1.25, outputUsdPerMillion: 10 },
    });
  }
  const down = await startFakeOpenAI({ defaultReply: { status: 503 } });
  const downTarget: TargetOptions = {
    id: 'down-fake',
    model: createOpenAI({ baseURL: down.baseURL, apiKey: down.apiKey }).chat('gpt-4.1-mini'),
    price: { inputUsdPerMillion: 0, outputUsdPerMillion: 0 },
  };
  const strongest = pairs.reduce((best, pair) =>
    pair.strongPrice.outputUsdPerMillion > best.strongPrice.outputUsdPerMillion ? pair : best,
  );
  return {
    targets: [downTarget, ...pairs.flatMap((pair) => [pair.cheap, pair.strong])],
    routes: {
      cheap: {
        targets: ['down-fake', ...pairs.map((pair) => pair.cheap.id)],
        retry: { maxAttempts: 3 },
      },
      strong: { targets: pairs.map((pair) => pair.strong.id), retry: { maxAttempts: 3 } },
    },
    strongPrice: strongest.strongPrice,
    strongModel: strongest.strong.id,
    servers: { 'down-fake': down },
    describe:
      `real providers: ${pairs.map((pair) => `${pair.cheap.id}/${pair.strong.id}`).join(', ')}, ` +
      'plus a fake that is always down leading the cheap route (a small, capped budget of calls)',
    close: () => down.close(),
  };
}
