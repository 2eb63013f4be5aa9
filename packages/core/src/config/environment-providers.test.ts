import { describe, expect, it } from 'vitest';
import { defaultPrice } from '../cost/price-table.js';
import { environmentProviders } from './environment-providers.js';

describe('environmentProviders', () => {
  it.each(
    environmentProviders.flatMap((provider) => [
      [provider.name, provider.models.cheap],
      [provider.name, provider.models.smart],
    ]),
  )('%s %s has a price in the built-in table', (provider, modelId) => {
    const price = defaultPrice({ provider, modelId });
    expect(price?.inputUsdPerMillion).toBeGreaterThan(0);
    expect(price?.outputUsdPerMillion).toBeGreaterThan(0);
  });

  it('loads each provider package and makes models of the provider', async () => {
    const made = await Promise.all(
      environmentProviders.map(async (provider) => {
        const factory = await provider.load();
        const model = factory({ apiKey: 'k', baseURL: undefined })(provider.models.cheap);
        return [(model as { provider: string }).provider, (model as { modelId: string }).modelId];
      }),
    );
    expect(made).toEqual([
      ['openai.responses', 'gpt-4.1-mini'],
      ['anthropic.messages', 'claude-haiku-4-5'],
      ['google.generative-ai', 'gemini-2.5-flash'],
    ]);
  });
});
