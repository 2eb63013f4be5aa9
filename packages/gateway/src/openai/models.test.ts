import { describe, expect, it } from 'vitest';
import { toModelList } from './models.js';

describe('toModelList', () => {
  it('lists routes first, then targets, each once', () => {
    expect(
      toModelList({
        routes: ['smart', 'cheap'],
        targets: ['mini', 'haiku', 'cheap'],
        created: 1_795_000_000,
      }),
    ).toEqual({
      object: 'list',
      data: ['smart', 'cheap', 'mini', 'haiku'].map((id) => ({
        id,
        object: 'model',
        created: 1_795_000_000,
        owned_by: 'modelmux',
      })),
    });
  });

  it('lists nothing for nothing', () => {
    expect(toModelList({ routes: [], targets: [], created: 0 })).toEqual({
      object: 'list',
      data: [],
    });
  });
});
