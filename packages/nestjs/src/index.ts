export { Llm } from './llm.decorator.js';
export { LlmClientInterceptor } from './llm-client.interceptor.js';
export { LlmClient } from './llm-client.js';
export { LlmExceptionFilter } from './llm-exception.filter.js';
export type { LlmMetricsOptions } from './llm-metrics.js';
export { LlmRoute } from './llm-route.decorator.js';
export { LlmRouterModule } from './llm-router.module.js';
export { LLM_ROUTER_MODULE_OPTIONS } from './llm-router.module-definition.js';
export { LlmRouterService } from './llm-router.service.js';
export { LLM_ROUTER } from './llm-router.token.js';
export type {
  ExplicitRouterOptions,
  LlmRequestOptions,
  LlmRouterModuleOptions,
  LlmServedOptions,
  ZeroConfigOptions,
} from './llm-router-module-options.js';
