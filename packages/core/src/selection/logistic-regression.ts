import type { SparseVector } from './hashed-features.js';

/** A trained binary logistic regression over sparse features. */
export interface LogisticModel {
  weights: Float32Array;
  bias: number;
}

export interface TrainingOptions {
  /** Passes over the data. */
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty per example. */
  l2: number;
  /** Shuffles the examples each epoch; seeded, so training is repeatable. */
  seed: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  epochs: 8,
  learningRate: 0.2,
  l2: 1e-5,
  seed: 1,
};

export interface TrainingExample {
  features: SparseVector;
  /** 1 or 0. */
  label: number;
  /** How much the example counts. @default 1 */
  weight?: number;
}

/** mulberry32: a small seeded PRNG so training and folds are deterministic; also a repeatable `options.random`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given random source. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

export function sigmoid(value: number): number {
  if (value >= 0) return 1 / (1 + Math.exp(-value));
  const exp = Math.exp(value);
  return exp / (1 + exp);
}

export function linearScore(model: LogisticModel, features: SparseVector): number {
  let sum = model.bias;
  const { indices, values } = features;
  for (let index = 0; index < indices.length; index += 1) {
    sum += (model.weights[indices[index] as number] ?? 0) * (values[index] as number);
  }
  return sum;
}

/** P(label = 1). */
export function predict(model: LogisticModel, features: SparseVector): number {
  return sigmoid(linearScore(model, features));
}

/**
 * Trains by stochastic gradient descent with AdaGrad step sizes and lazy L2 decay. Same examples
 * and options give the same weights, bit for bit.
 */
export function trainLogistic(
  examples: readonly TrainingExample[],
  size: number,
  options: TrainingOptions,
): LogisticModel {
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  let bias = 0;
  let biasSquares = 0;
  const random = seededRandom(options.seed);
  const { learningRate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const example of shuffled(examples, random)) {
      const { indices, values } = example.features;
      const error =
        (sigmoid(linearScore({ weights, bias }, example.features)) - example.label) *
        (example.weight ?? 1);
      for (let index = 0; index < indices.length; index += 1) {
        const feature = indices[index] as number;
        const weight = weights[feature] as number;
        const gradient = error * (values[index] as number) + l2 * weight;
        const square = (squares[feature] as number) + gradient * gradient;
        squares[feature] = square;
        weights[feature] = weight - (learningRate * gradient) / (Math.sqrt(square) + 1e-8);
      }
      biasSquares += error * error;
      bias -= (learningRate * error) / (Math.sqrt(biasSquares) + 1e-8);
    }
  }
  return { weights, bias };
}
