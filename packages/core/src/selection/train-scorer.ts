import {
  defaultFeatureOptions,
  denseFeatureNames,
  type FeatureOptions,
  featureCount,
  featuresOf,
  type SparseVector,
} from './hashed-features.js';
import {
  defaultTrainingOptions,
  type LogisticModel,
  seededRandom,
  shuffled,
  type TrainingExample,
  type TrainingOptions,
  trainLogistic,
} from './logistic-regression.js';
import { meanOf, qualityCurve, summarizeCurve } from './quality-curve.js';
import type { ScoredExample } from './routing-examples.js';
import { encodeModel, gainScore, standardizeDense, type TrainedScorerFile } from './scorer-file.js';

export interface TrainScorerOptions {
  /** Held-out folds used to pick the threshold and report validation figures. @default 5 */
  folds?: number;
  /** Keep this share of all-strong quality (0 to 1]. @default 0.95 */
  targetQuality?: number;
  /** Seeds fold assignment and training order: same data and seed, same file. @default 1 */
  seed?: number;
  /** Passes over the data. @default 4 */
  epochs?: number;
  /** AdaGrad step size. @default 0.1 */
  learningRate?: number;
  /** log2 of hash buckets for word n-grams. @default 16 */
  hashBits?: number;
  /** Longest word n-gram. @default 2 */
  maxNgram?: number;
  /**
   * Each model is trained this many times with different shuffling seeds and their weights
   * averaged (one model in the file, so scoring costs the same). @default 6
   */
  averageOf?: number;
}

interface Prepared {
  features: FeatureOptions;
  training: TrainingOptions;
  averageOf: number;
}

interface FittedScorer {
  differ: LogisticModel;
  strongBetter: LogisticModel | undefined;
  denseMean: number[];
  denseStd: number[];
}

/**
 * Trains the scorer that `complexity: { scorer: { model } }` loads: two logistic regressions
 * over hashed word n-grams and dense text features, one for "the two models' outcomes differ",
 * one for "the strong model is the better one" (on the examples where they differ). The
 * threshold is picked on out-of-fold scores: the highest one whose held-out quality still
 * reaches `targetQuality` of all-strong quality.
 */
export function trainScorer(
  examples: readonly ScoredExample[],
  options: TrainScorerOptions = {},
): TrainedScorerFile {
  const folds = options.folds ?? 5;
  const targetQuality = options.targetQuality ?? 0.95;
  if (!(targetQuality > 0 && targetQuality <= 1))
    throw new RangeError(`targetQuality must be in (0, 1]; got ${targetQuality}`);
  if (!Number.isInteger(folds) || folds < 2)
    throw new RangeError(`folds must be an integer >= 2; got ${folds}`);
  if (examples.length < folds * 2)
    throw new RangeError(
      `need at least ${folds * 2} examples for ${folds} folds; got ${examples.length}`,
    );
  const seed = options.seed ?? 1;
  const prepared: Prepared = {
    features: {
      hashBits: options.hashBits ?? defaultFeatureOptions.hashBits,
      maxNgram: options.maxNgram ?? defaultFeatureOptions.maxNgram,
    },
    training: {
      ...defaultTrainingOptions,
      epochs: options.epochs ?? 4,
      learningRate: options.learningRate ?? 0.1,
      seed,
    },
    averageOf: options.averageOf ?? 6,
  };
  if (!(prepared.training.learningRate > 0))
    throw new RangeError(`learningRate must be > 0; got ${prepared.training.learningRate}`);
  if (!Number.isInteger(prepared.averageOf) || prepared.averageOf < 1)
    throw new RangeError(`averageOf must be an integer >= 1; got ${prepared.averageOf}`);
  const vectors = examples.map((example) => featuresOf(example.prompt, prepared.features));

  // Out-of-fold scores: each example scored by a model that never saw it.
  const foldOf = new Array<number>(examples.length);
  shuffled(
    examples.map((_, index) => index),
    seededRandom(seed ^ 0x5eed),
  ).forEach((index, position) => {
    foldOf[index] = position % folds;
  });
  const heldOut = new Array<number>(examples.length).fill(0);
  for (let fold = 0; fold < folds; fold += 1) {
    const train = examples.map((_, index) => index).filter((index) => foldOf[index] !== fold);
    const fitted = fit(examples, vectors, train, prepared);
    examples.forEach((example, index) => {
      if (foldOf[index] === fold)
        heldOut[index] = scoreWith(fitted, example.prompt, prepared.features);
    });
  }
  const outcomes = examples.map(({ weak, strong }) => ({ weak, strong }));
  const summary = summarizeCurve(outcomes, qualityCurve(outcomes, heldOut));
  const picked = pickThreshold(outcomes, heldOut, targetQuality);

  const final = fit(
    examples,
    vectors,
    examples.map((_, index) => index),
    prepared,
  );
  return {
    format: 'modelmux-scorer',
    version: 1,
    features: { ...prepared.features, denseMean: final.denseMean, denseStd: final.denseStd },
    models: {
      differ: encodeModel(final.differ),
      ...(final.strongBetter ? { strongBetter: encodeModel(final.strongBetter) } : {}),
    },
    threshold: picked.threshold,
    validation: {
      examples: examples.length,
      folds,
      targetQuality,
      strongShare: round(picked.strongShare),
      quality: round(picked.quality),
      apgr: round(summary.apgr),
    },
  };
}

export interface PickedThreshold {
  /** Route to strong when score >= threshold. */
  threshold: number;
  strongShare: number;
  /** Reached quality as a share of all-strong quality. */
  quality: number;
}

/**
 * The highest threshold (fewest strong calls) whose quality, over these outcomes and scores,
 * reaches `targetQuality` of all-strong quality. Scores sort descending; ties go together.
 */
export function pickThreshold(
  outcomes: readonly { weak: number; strong: number }[],
  scores: readonly number[],
  targetQuality: number,
): PickedThreshold {
  const strongQuality = meanOf(outcomes.map((row) => row.strong));
  const goal = targetQuality * strongQuality;
  const n = outcomes.length;
  const order = outcomes
    .map((_, index) => index)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let total = outcomes.reduce((sum, row) => sum + row.weak, 0);
  const relative = (value: number) => (strongQuality === 0 ? 1 : value / n / strongQuality);
  if (total / n >= goal)
    return { threshold: Number.POSITIVE_INFINITY, strongShare: 0, quality: relative(total) };
  for (let position = 0; position < n; position += 1) {
    const index = order[position] as number;
    const row = outcomes[index] as { weak: number; strong: number };
    total += row.strong - row.weak;
    const next = order[position + 1];
    if (next !== undefined && scores[next] === scores[index]) continue;
    if (total / n >= goal - 1e-12)
      return {
        threshold: scores[index] as number,
        strongShare: (position + 1) / n,
        quality: relative(total),
      };
  }
  return { threshold: Number.NEGATIVE_INFINITY, strongShare: 1, quality: relative(total) };
}

function fit(
  examples: readonly ScoredExample[],
  rawVectors: readonly SparseVector[],
  indices: readonly number[],
  prepared: Prepared,
): FittedScorer {
  const { hashBits } = prepared.features;
  const { denseMean, denseStd } = denseStatistics(
    indices.map((index) => rawVectors[index] as SparseVector),
    hashBits,
  );
  const vector = (index: number) =>
    standardizeDense(copyVector(rawVectors[index] as SparseVector), hashBits, denseMean, denseStd);
  const size = featureCount(prepared.features);
  const differExamples = indices.map((index) => {
    const example = examples[index] as ScoredExample;
    return { features: vector(index), label: example.strong !== example.weak ? 1 : 0 };
  });
  const differing = indices.filter((index) => {
    const example = examples[index] as ScoredExample;
    return example.strong !== example.weak;
  });
  const weakAhead = differing.some((index) => {
    const example = examples[index] as ScoredExample;
    return example.weak > example.strong;
  });
  const differ = trainAveraged(differExamples, size, prepared);
  const strongBetter = weakAhead
    ? trainAveraged(
        differing.map((index) => {
          const example = examples[index] as ScoredExample;
          return { features: vector(index), label: example.strong > example.weak ? 1 : 0 };
        }),
        size,
        prepared,
      )
    : undefined;
  return { differ, strongBetter, denseMean, denseStd };
}

/** `averageOf` models from different shuffling seeds, weights and bias averaged. */
function trainAveraged(
  examples: readonly TrainingExample[],
  size: number,
  { training, averageOf }: Prepared,
): LogisticModel {
  if (averageOf === 1) return trainLogistic(examples, size, training);
  const sum = new Float64Array(size);
  let bias = 0;
  for (let member = 0; member < averageOf; member += 1) {
    const model = trainLogistic(examples, size, {
      ...training,
      seed: training.seed + member * 7919,
    });
    for (let index = 0; index < size; index += 1)
      sum[index] = (sum[index] as number) + (model.weights[index] as number);
    bias += model.bias;
  }
  const weights = new Float32Array(size);
  for (let index = 0; index < size; index += 1) weights[index] = (sum[index] as number) / averageOf;
  return { weights, bias: bias / averageOf };
}

function scoreWith(fitted: FittedScorer, prompt: string, features: FeatureOptions): number {
  const vector = standardizeDense(
    featuresOf(prompt, features),
    features.hashBits,
    fitted.denseMean,
    fitted.denseStd,
  );
  return gainScore(fitted.differ, fitted.strongBetter, vector);
}

function denseStatistics(
  vectors: readonly SparseVector[],
  hashBits: number,
): { denseMean: number[]; denseStd: number[] } {
  const base = 2 ** hashBits;
  const count = denseFeatureNames.length;
  const sums = new Array<number>(count).fill(0);
  const squares = new Array<number>(count).fill(0);
  for (const vector of vectors) {
    for (let index = 0; index < vector.indices.length; index += 1) {
      const feature = (vector.indices[index] as number) - base;
      if (feature < 0) continue;
      const value = vector.values[index] as number;
      sums[feature] = (sums[feature] as number) + value;
      squares[feature] = (squares[feature] as number) + value * value;
    }
  }
  const n = Math.max(vectors.length, 1);
  const denseMean = sums.map((sum) => round(sum / n));
  const denseStd = squares.map((square, feature) => {
    const mean = (sums[feature] as number) / n;
    return round(Math.sqrt(Math.max(square / n - mean * mean, 0)) || 1);
  });
  return { denseMean, denseStd };
}

function copyVector(vector: SparseVector): SparseVector {
  return { indices: vector.indices, values: Float32Array.from(vector.values) };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
