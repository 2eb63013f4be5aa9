import type { LlmClient as CoreLlmClient } from '@modelmux/core';

/**
 * A router client bound to one HTTP request: what `@Llm()` gives a handler, and what
 * `@Inject(LlmClient)` gives a request-scoped provider. Its calls carry the request's id and
 * `context` into every trace, and are aborted when the HTTP client goes away.
 *
 * An abstract class rather than core's interface, so it is a value: a DI token, and a parameter
 * type that `emitDecoratorMetadata` can reference.
 */
export abstract class LlmClient implements CoreLlmClient {
  /** The route's AI SDK model. @default the handler's `@LlmRoute`, else the router's default route */
  abstract model(route?: string): ReturnType<CoreLlmClient['model']>;
  /** The embedding route's model. @default the handler's `@LlmRoute`, else the default route */
  abstract embeddingModel(route?: string): ReturnType<CoreLlmClient['embeddingModel']>;
}
