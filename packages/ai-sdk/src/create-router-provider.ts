import {
  type EmbeddingModelV4,
  type LanguageModelV4,
  NoSuchModelError,
  type ProviderV4,
} from '@ai-sdk/provider';
import type { LlmClient } from '@modelmux/core';

/** The router as an AI SDK provider: `llm('smart')` is route 'smart' as a LanguageModel. */
export interface RouterProvider extends ProviderV4 {
  (route?: string): LanguageModelV4;
  languageModel(route: string): LanguageModelV4;
  embeddingModel(route: string): EmbeddingModelV4;
}

/**
 * Wraps a router (or a request-bound client) as an AI SDK provider. Every model it hands out is
 * a route: `generateText`, `streamText`, structured output, tools and `embed` all go through the
 * router's fail-over. Image, speech and other model kinds throw NoSuchModelError.
 */
export function createRouterProvider(router: LlmClient): RouterProvider {
  const provider = ((route?: string) => router.model(route)) as RouterProvider;
  Object.assign(provider, {
    specificationVersion: 'v4' as const,
    languageModel: (route: string) => router.model(route),
    embeddingModel: (route: string) => router.embeddingModel(route),
    imageModel: (modelId: string) => {
      throw new NoSuchModelError({
        modelId,
        modelType: 'imageModel',
        message: `modelmux routes language and embedding models only; '${modelId}' was asked for as an image model. Call the image provider directly.`,
      });
    },
  });
  return provider;
}
