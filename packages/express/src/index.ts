import type { LlmClient } from '@modelmux/core';

export { type LlmErrorHandlerOptions, llmErrorHandler } from './llm-error-handler.js';
export { llmGateway } from './llm-gateway.js';
export { llmMetrics } from './llm-metrics.js';
export { type LlmRouterOptions, llmRouter } from './llm-router.js';
export { type LlmStatusPageOptions, llmStatusPage } from './llm-status-page.js';

declare global {
  namespace Express {
    interface Request {
      /** The router's client bound to this request (set by `llmRouter()`). */
      llm: LlmClient;
    }
  }
}
