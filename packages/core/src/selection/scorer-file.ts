import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { RouterError } from '../errors/router-error.js';
import {
  type FeatureOptions,
  featureCount,
  featuresOf,
  type SparseVector,
} from './hashed-features.js';
import { type LogisticModel, predict } from './logistic-regression.js';

/**
 * A trained scorer as plain JSON (what `modelmux train-router --out` writes). Its score, in
 * [-1, 1], ranks how much the strong model is expected to gain over the weak one:
 * sqrt(P(the two differ)) x (2 P(strong is the better one | they differ) - 1). The square root
 * (rather than the plain expected gain) leans on the direction model, which held-out folds on
 * GSM8K and MMLU favoured.
 */
export interface TrainedScorerFile {
  format: 'modelmux-scorer';
  version: 1;
  features: FeatureOptions & {
    /** Mean and standard deviation of each dense feature on the training set. */
    denseMean: number[];
    denseStd: number[];
  };
  /** Each model: `bias`, and `weights` as base64 of raw-deflated little-endian float32s. */
  models: {
    differ: EncodedModel;
    /** Absent when no training example had the weak model ahead of the strong one. */
    strongBetter?: EncodedModel;
  };
  /** Scores at or above this go to the strong route (picked on held-out folds). */
  threshold: number;
  /** What the threshold was picked for, and how it did on held-out folds. */
  validation: ScorerValidation;
}

export interface EncodedModel {
  bias: number;
  weights: string;
}

export interface ScorerValidation {
  examples: number;
  folds: number;
  /** Target: this share of all-strong quality. */
  targetQuality: number;
  /** On held-out folds at `threshold`: share of calls sent to the strong route... */
  strongShare: number;
  /** ...and the quality reached, as a share of all-strong quality. */
  quality: number;
  /** Average performance gap recovered over all thresholds (RouteLLM's APGR), held-out. */
  apgr: number;
}

export function encodeModel(model: LogisticModel): EncodedModel {
  const bytes = new Uint8Array(
    model.weights.buffer,
    model.weights.byteOffset,
    model.weights.byteLength,
  );
  return { bias: model.bias, weights: deflateRawSync(bytes).toString('base64') };
}

export function decodeModel(encoded: EncodedModel, size: number, path: string): LogisticModel {
  const bytes = inflateRawSync(Buffer.from(encoded.weights, 'base64'));
  if (bytes.byteLength !== size * 4)
    throw fileError(`${path}.weights holds the wrong number of weights`);
  const weights = new Float32Array(size);
  new Uint8Array(weights.buffer).set(bytes);
  return { weights, bias: encoded.bias };
}

/** Standardises the dense features in place (they follow the hashed buckets). */
export function standardizeDense(
  vector: SparseVector,
  hashBits: number,
  mean: readonly number[],
  std: readonly number[],
): SparseVector {
  const base = 2 ** hashBits;
  for (let index = 0; index < vector.indices.length; index += 1) {
    const feature = vector.indices[index] as number;
    if (feature < base) continue;
    const dense = feature - base;
    vector.values[index] =
      ((vector.values[index] as number) - (mean[dense] ?? 0)) / (std[dense] || 1);
  }
  return vector;
}

/** Expected gain from the two models' probabilities. */
export function gainScore(
  differ: LogisticModel,
  strongBetter: LogisticModel | undefined,
  features: SparseVector,
): number {
  const pDiffer = predict(differ, features);
  const pStrong = strongBetter ? predict(strongBetter, features) : 1;
  return Math.sqrt(pDiffer) * (2 * pStrong - 1);
}

/** A scoring function from a scorer file's contents; throws a RouterError if they are not one. */
export function createTrainedScorer(file: unknown): {
  score: (prompt: string) => number;
  threshold: number;
} {
  const parsed = file as Partial<TrainedScorerFile> | null;
  if (
    parsed?.format !== 'modelmux-scorer' ||
    parsed.version !== 1 ||
    !parsed.features ||
    !parsed.models?.differ
  )
    throw fileError(
      'not a modelmux scorer file (expected format "modelmux-scorer", version 1); make one with `modelmux train-router`',
    );
  const { features } = parsed;
  const size = featureCount(features);
  const differ = decodeModel(parsed.models.differ, size, 'models.differ');
  const strongBetter = parsed.models.strongBetter
    ? decodeModel(parsed.models.strongBetter, size, 'models.strongBetter')
    : undefined;
  return {
    threshold: typeof parsed.threshold === 'number' ? parsed.threshold : 0,
    score(prompt) {
      const vector = standardizeDense(
        featuresOf(prompt, features),
        features.hashBits,
        features.denseMean,
        features.denseStd,
      );
      return gainScore(differ, strongBetter, vector);
    },
  };
}

function fileError(message: string): RouterError {
  return new RouterError({ name: 'ScorerFileError', code: 'scorer-file', message });
}
