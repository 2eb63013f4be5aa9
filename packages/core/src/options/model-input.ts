import type {
  EmbeddingModelV2,
  EmbeddingModelV3,
  EmbeddingModelV4,
  LanguageModelV2,
  LanguageModelV3,
  LanguageModelV4,
} from '@ai-sdk/provider';
import { wrapEmbeddingModel, wrapLanguageModel } from 'ai';

/** A language model from any AI SDK provider package of spec v2 (AI SDK 5) to v4 (AI SDK 7). */
export type LanguageModelInput = LanguageModelV4 | LanguageModelV3 | LanguageModelV2;

/** An embedding model from any AI SDK provider package of spec v2 to v4. */
export type EmbeddingModelInput = EmbeddingModelV4 | EmbeddingModelV3 | EmbeddingModelV2<string>;

const supportedVersions = new Set(['v2', 'v3', 'v4']);
const languageExample = "pass a model object, e.g. openai('gpt-4.1-mini')";
const embeddingExample =
  "pass an embedding model object, e.g. openai.embedding('text-embedding-3-small')";

/**
 * What is wrong with a `model` value, or undefined when it is a usable language model. Messages
 * name the model by provider and id only: a model's `config` may hold headers and keys.
 */
export function languageModelProblem(value: unknown): string | undefined {
  const shape = modelShape(value);
  if (shape.kind === 'string') return `got a string; ${languageExample}`;
  if (shape.kind === 'other')
    return `expected an AI SDK language model, got ${shape.type}; ${languageExample}`;
  if (shape.kind === 'provider') {
    return `got a provider, not a model; call it with a model id, e.g. openai('gpt-4.1-mini')`;
  }
  if (shape.kind === 'embedding')
    return `${shape.name} is an embedding model; set it as embeddingModel`;
  if (shape.kind === 'unknown') {
    return `not an AI SDK language model (it has no specificationVersion and doGenerate); ${languageExample}`;
  }
  return versionProblem(shape.version, shape.name, 'language');
}

/** What is wrong with an `embeddingModel` value, or undefined when it is usable. */
export function embeddingModelProblem(value: unknown): string | undefined {
  const shape = modelShape(value);
  if (shape.kind === 'string') return `got a string; ${embeddingExample}`;
  if (shape.kind === 'other') {
    return `expected an AI SDK embedding model, got ${shape.type}; ${embeddingExample}`;
  }
  if (shape.kind === 'provider') {
    return `got a provider, not a model; ${embeddingExample}`;
  }
  if (shape.kind === 'language') return `${shape.name} is a language model; set it as model`;
  if (shape.kind === 'unknown') {
    return `not an AI SDK embedding model (it has no specificationVersion and doEmbed); ${embeddingExample}`;
  }
  return versionProblem(shape.version, shape.name, 'embedding');
}

function versionProblem(version: unknown, name: string, kind: string): string | undefined {
  if (typeof version === 'string' && supportedVersions.has(version)) return undefined;
  return `${name} implements ${kind} model spec ${JSON.stringify(String(version))}, but v2, v3 or v4 is needed; upgrade its provider package`;
}

type ModelShape =
  | { kind: 'string' }
  | { kind: 'other'; type: string }
  | { kind: 'provider' }
  | { kind: 'unknown' }
  | { kind: 'language' | 'embedding'; version: unknown; name: string };

function modelShape(value: unknown): ModelShape {
  if (typeof value === 'string') return { kind: 'string' };
  if (typeof value !== 'object' && typeof value !== 'function') {
    return { kind: 'other', type: value === null ? 'null' : typeof value };
  }
  if (value === null) return { kind: 'other', type: 'null' };
  const model = value as Record<string, unknown>;
  // A provider (`openai`) is a function with languageModel(); a model is never callable.
  if (typeof value === 'function' && typeof model.languageModel === 'function') {
    return { kind: 'provider' };
  }
  const name = modelName(model);
  const version = model.specificationVersion;
  if (version === undefined) return { kind: 'unknown' };
  if (typeof model.doGenerate === 'function') return { kind: 'language', version, name };
  if (typeof model.doEmbed === 'function') return { kind: 'embedding', version, name };
  return { kind: 'unknown' };
}

/** `openai.chat/gpt-4.1-mini`: enough to recognise a model, nothing that could be a secret. */
export function modelName(model: { provider?: unknown; modelId?: unknown }): string {
  const provider = typeof model.provider === 'string' ? model.provider : 'unknown-provider';
  const modelId = typeof model.modelId === 'string' ? model.modelId : 'unknown-model';
  return `${provider}/${modelId}`;
}

/** Adapts v2/v3 models once, at start-up, so the router only ever calls spec v4. */
export function toLanguageModelV4(model: LanguageModelInput): LanguageModelV4 {
  if (model.specificationVersion === 'v4') return model;
  // With no middleware, wrapLanguageModel is exactly the AI SDK's own v2/v3 -> v4 adapter.
  return wrapLanguageModel({ model, middleware: [] });
}

export function toEmbeddingModelV4(model: EmbeddingModelInput): EmbeddingModelV4 {
  if (model.specificationVersion === 'v4') return model;
  // The AI SDK adapts v2 at run time too (asEmbeddingModelV4), but its types only admit v3.
  return wrapEmbeddingModel({ model: model as EmbeddingModelV3, middleware: [] });
}
