import type { LlmClient } from '@modelmux/core';

export { llmErrorHandler } from './llm-error-handler.js';
export { llmGateway } from './llm-gateway.js';
export { llmMetrics } from './llm-metrics.js';
export { type LlmRouterOptions, llmRouter } from './llm-router.js';
export { type LlmStatusPageOptions, llmStatusPage } from './llm-status-page.js';

declare module 'koa' {
  interface DefaultContext {
    /** The router's client bound to this request (set by `llmRouter()`). */
    llm: LlmClient;
  }
}
