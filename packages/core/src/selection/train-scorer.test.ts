import { describe, expect, it } from 'vitest';
import { routingQuality } from './quality-curve.js';
import { parseRoutingExamples } from './routing-examples.js';
import { createTrainedScorer } from './scorer-file.js';
import { pickThreshold, trainScorer } from './train-scorer.js';

/** Prompts about proofs need the strong model; greetings do not; a few are noise. */
function examples(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const hard = index % 3 === 0;
    const noisy = index % 17 === 0;
    return hard
      ? {
          prompt: `prove the theorem about primes number ${index} step by step`,
          weak: noisy ? 1 : 0,
          strong: 1,
        }
      : { prompt: `greet my friend number ${index} warmly`, weak: 1, strong: noisy ? 0 : 1 };
  });
}

describe('trainScorer', () => {
  it('is deterministic: same data and seed, same file', () => {
    const data = examples(90);
    const first = JSON.stringify(trainScorer(data, { folds: 3, hashBits: 12, seed: 4 }));
    const second = JSON.stringify(trainScorer(data, { folds: 3, hashBits: 12, seed: 4 }));
    expect(second).toBe(first);
    const other = JSON.stringify(trainScorer(data, { folds: 3, hashBits: 12, seed: 5 }));
    expect(other).not.toBe(first);
  });

  it('averages averageOf seeded models into one and rejects a bad averageOf', () => {
    const data = examples(90);
    const single = trainScorer(data, { folds: 3, hashBits: 12, averageOf: 1 });
    const averaged = trainScorer(data, { folds: 3, hashBits: 12, averageOf: 3 });
    expect(averaged.models.differ.weights).not.toBe(single.models.differ.weights);
    expect(JSON.stringify(trainScorer(data, { folds: 3, hashBits: 12, averageOf: 3 }))).toBe(
      JSON.stringify(averaged),
    );
    const scorer = createTrainedScorer(JSON.parse(JSON.stringify(averaged)));
    expect(scorer.score('prove the theorem about primes number 7 step by step')).toBeGreaterThan(
      scorer.score('greet my friend number 8 warmly'),
    );
    expect(() => trainScorer(data, { folds: 3, averageOf: 0 })).toThrow(/averageOf/);
    expect(() => trainScorer(data, { folds: 3, learningRate: 0 })).toThrow(/learningRate/);
  });

  it('learns which prompts need the strong model and reports held-out figures', () => {
    const file = trainScorer(examples(120), { folds: 4, hashBits: 12 });
    const scorer = createTrainedScorer(JSON.parse(JSON.stringify(file)));
    const hard = scorer.score('prove the theorem about primes number 7 step by step');
    const easy = scorer.score('greet my friend number 8 warmly');
    expect(hard).toBeGreaterThan(0.5);
    expect(easy).toBeLessThan(0.1);
    expect(file.validation).toMatchObject({ examples: 120, folds: 4, targetQuality: 0.95 });
    expect(file.validation.apgr).toBeGreaterThan(0.8);
    expect(file.validation.quality).toBeGreaterThanOrEqual(0.95);
  });

  it('accepts labels instead of outcomes', () => {
    const data = parseRoutingExamples(
      examples(60)
        .map(({ prompt, weak }) =>
          JSON.stringify({ prompt, label: weak === 0 ? 'strong' : 'weak' }),
        )
        .join('\n'),
    );
    const file = trainScorer(data, { folds: 3, hashBits: 12 });
    expect(file.models.strongBetter).toBeUndefined();
    expect(file.validation.apgr).toBeGreaterThan(0.8);
  });

  it('rejects too few examples and bad targets with RangeError', () => {
    expect(() => trainScorer(examples(5), { folds: 5 })).toThrow(/need at least 10 examples/);
    expect(() => trainScorer(examples(30), { targetQuality: 1.5 })).toThrow(RangeError);
  });
});

describe('pickThreshold', () => {
  const outcomes = [
    { weak: 0, strong: 1 },
    { weak: 1, strong: 1 },
    { weak: 0, strong: 1 },
    { weak: 1, strong: 1 },
  ];

  it('picks the highest threshold that reaches the target quality', () => {
    expect(pickThreshold(outcomes, [0.9, 0.1, 0.8, 0.2], 1)).toEqual({
      threshold: 0.8,
      strongShare: 0.5,
      quality: 1,
    });
    expect(pickThreshold(outcomes, [0.9, 0.1, 0.8, 0.2], 0.75)).toEqual({
      threshold: 0.9,
      strongShare: 0.25,
      quality: 0.75,
    });
    expect(pickThreshold(outcomes, [0.9, 0.1, 0.8, 0.2], 0.5).strongShare).toBe(0);
  });

  it('takes tied scores together', () => {
    expect(pickThreshold(outcomes, [0.5, 0.5, 0.5, 0.1], 0.75)).toEqual({
      threshold: 0.5,
      strongShare: 0.75,
      quality: 1,
    });
  });
});

describe('routingQuality', () => {
  it('gives a perfect ranking APGR near 1 and ties the straight line 0.5', () => {
    const outcomes = [
      { weak: 0, strong: 1 },
      { weak: 1, strong: 1 },
      { weak: 0, strong: 1 },
      { weak: 1, strong: 1 },
    ];
    expect(routingQuality(outcomes, [1, 0, 1, 0]).apgr).toBe(0.75);
    expect(routingQuality(outcomes, [0, 0, 0, 0]).apgr).toBe(0.5);
    expect(routingQuality(outcomes, [1, 0, 1, 0]).shareFor95).toBeCloseTo(0.45);
  });
});

describe('createTrainedScorer', () => {
  it('rejects what is not a scorer file, saying how to make one', () => {
    expect(() => createTrainedScorer({ weights: [] })).toThrow(/modelmux train-router/);
  });
});
