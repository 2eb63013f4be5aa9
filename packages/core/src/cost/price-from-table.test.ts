import { describe, expect, it } from 'vitest';
import { priceFromTable } from './price-from-table.js';

describe('priceFromTable', () => {
  it('reads input, output, cache-read and cache-write rates', () => {
    expect(
      priceFromTable({
        input_mtok: 3,
        output_mtok: 15,
        cache_read_mtok: 0.3,
        cache_write_mtok: 3.75,
        cache_write_1h_mtok: 6,
        web_searches_kcount: 10,
      }),
    ).toEqual({
      inputUsdPerMillion: 3,
      outputUsdPerMillion: 15,
      cachedInputUsdPerMillion: 0.3,
      cacheWriteUsdPerMillion: 3.75,
    });
  });

  it('is undefined for a model not priced per input token', () => {
    expect(priceFromTable({ output_image_mtok: 40 })).toBeUndefined();
  });

  it('merges per-rate tiers into whole-price tiers at every threshold', () => {
    const price = priceFromTable({
      input_mtok: { base: 1, tiers: [{ start: 128_000, price: 2 }] },
      output_mtok: {
        base: 4,
        tiers: [
          { start: 200_000, price: 8 },
          { start: 128_000, price: 6 },
        ],
      },
      cache_read_mtok: 0.1,
    });
    expect(price).toEqual({
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 4,
      cachedInputUsdPerMillion: 0.1,
      tiers: [
        {
          aboveInputTokens: 128_000,
          inputUsdPerMillion: 2,
          outputUsdPerMillion: 6,
          cachedInputUsdPerMillion: 0.1,
        },
        {
          aboveInputTokens: 200_000,
          inputUsdPerMillion: 2,
          outputUsdPerMillion: 8,
          cachedInputUsdPerMillion: 0.1,
        },
      ],
    });
  });
});
