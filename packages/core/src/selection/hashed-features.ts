/**
 * Turns a prompt into sparse features for the trainable scorer: hashed word unigrams and bigrams
 * plus a few dense facts about the text (length, digits, code, math), all deterministic.
 */

/** A sparse feature vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  hashBits: number;
  /** Longest word n-gram hashed (1 = words only). */
  maxNgram: number;
}

export const defaultFeatureOptions: FeatureOptions = { hashBits: 16, maxNgram: 2 };

/** Names of the dense features, in the order they follow the hashed buckets. */
export const denseFeatureNames = [
  'log-chars',
  'log-words',
  'digit-share',
  'numbers',
  'lines',
  'code',
  'math-symbols',
  'question-marks',
  'sentences',
  'ratio-words',
  'percent-money',
  'distinct-numbers',
] as const;

const wordPattern = /[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]/g;

/** Lower-cased words, numbers (as a shape: `<n1>` .. `<n4>` by digit count) and punctuation. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(wordPattern)) {
    const token = match[0];
    const first = token.charCodeAt(0);
    if (first >= 48 && first <= 57) tokens.push(`<n${Math.min(token.length, 4)}>`);
    else tokens.push(token);
  }
  return tokens;
}

/** 32-bit FNV-1a: stable across platforms and runs. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function denseFeatures(text: string, words: number): number[] {
  const chars = text.length;
  let digits = 0;
  for (let index = 0; index < chars; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += 1;
  }
  const numbers = text.match(/\d+(?:\.\d+)?/g)?.length ?? 0;
  const lines = text.split('\n').length;
  const code = /```|\bdef |\bfunction\b|=>|;\s*$|\breturn\b|#include|\bclass \w+/m.test(text)
    ? 1
    : 0;
  const math = text.match(/[=+*/^<>×÷√∑∫]/g)?.length ?? 0;
  const questions = text.match(/\?/g)?.length ?? 0;
  const sentences = text.split(/[.?!]+(?:\s|$)/).filter((part) => part.trim() !== '').length;
  const ratios =
    text.match(
      /\d\/\d|\b(?:half|halves|third|quarter|fourth|twice|double|triple|ratio|rate|per|each)\b/gi,
    )?.length ?? 0;
  const percentMoney = text.match(/%|\bpercent\b|\$/g)?.length ?? 0;
  const distinct = new Set(text.match(/\d+(?:\.\d+)?/g) ?? []).size;
  return [
    Math.log1p(chars) / 8,
    Math.log1p(words) / 6,
    chars === 0 ? 0 : (digits / chars) * 5,
    Math.log1p(numbers) / 3,
    Math.log1p(lines) / 3,
    code,
    Math.log1p(math) / 3,
    Math.min(questions, 4) / 4,
    Math.log1p(sentences) / 3,
    Math.log1p(ratios) / 3,
    Math.log1p(percentMoney) / 3,
    Math.log1p(distinct) / 3,
  ];
}

/**
 * The feature vector of a prompt: each distinct hashed n-gram once (value 1), L2-normalised,
 * followed by the dense features at indices `2^hashBits + i`.
 */
export function featuresOf(text: string, options: FeatureOptions): SparseVector {
  const tokens = tokenize(text);
  const mask = 2 ** options.hashBits - 1;
  const buckets = new Set<number>();
  for (let start = 0; start < tokens.length; start += 1) {
    let gram = '';
    for (let size = 1; size <= options.maxNgram && start + size <= tokens.length; size += 1) {
      gram = size === 1 ? (tokens[start] as string) : `${gram} ${tokens[start + size - 1]}`;
      buckets.add(fnv1a(gram) & mask);
    }
  }
  const dense = denseFeatures(text, tokens.length);
  const sparseCount = buckets.size;
  const indices = new Uint32Array(sparseCount + dense.length);
  const values = new Float32Array(sparseCount + dense.length);
  const weight = sparseCount === 0 ? 0 : 1 / Math.sqrt(sparseCount);
  let position = 0;
  for (const bucket of [...buckets].sort((a, b) => a - b)) {
    indices[position] = bucket;
    values[position] = weight;
    position += 1;
  }
  const denseStart = mask + 1;
  dense.forEach((value, offset) => {
    indices[position] = denseStart + offset;
    values[position] = value;
    position += 1;
  });
  return { indices, values };
}

/** Number of weights a model over these features holds (buckets plus dense features). */
export function featureCount(options: FeatureOptions): number {
  return 2 ** options.hashBits + denseFeatureNames.length;
}
