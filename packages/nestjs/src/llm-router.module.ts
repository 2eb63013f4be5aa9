import {
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnModuleDestroy,
  RequestMethod,
  Scope,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule, REQUEST } from '@nestjs/core';
import { LlmClientInterceptor } from './llm-client.interceptor.js';
import { LlmClient } from './llm-client.js';
import { LlmExceptionFilter } from './llm-exception.filter.js';
import { MODULE_METRICS, type ModuleMetrics, moduleMetricsOf } from './llm-metrics.js';
import { LlmRequestClients } from './llm-request-clients.js';
import {
  LLM_ROUTER_MODULE_OPTIONS,
  LlmRouterConfigurableModule,
} from './llm-router.module-definition.js';
import { LlmRouterService } from './llm-router.service.js';
import { LLM_ROUTER } from './llm-router.token.js';
import type { LlmRouterModuleOptions } from './llm-router-module-options.js';
import { LlmRoutesExplorer } from './llm-routes.explorer.js';
import { MODULE_ROUTER, type ModuleRouter, moduleRouterOf } from './module-router.js';

/**
 * The router in a Nest app. `LlmRouterModule.forRoot({ targets, routes })`, `forRoot({ router })`,
 * `forRoot()` (zero-config) or `forRootAsync({ imports, inject, useFactory })`; `isGlobal: true`
 * makes its providers injectable everywhere.
 *
 * Provides `LlmRouterService`, the `Router` under `LLM_ROUTER` and a request-scoped `LlmClient`;
 * registers app-wide the interceptor behind `@Llm()`/`@LlmRoute` and `LlmExceptionFilter`. With
 * `metrics`, serves the router's Prometheus metrics at `GET /metrics` (or `metrics.path`).
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: MODULE_ROUTER,
      useFactory: moduleRouterOf,
      inject: [LLM_ROUTER_MODULE_OPTIONS],
    },
    {
      provide: MODULE_METRICS,
      useFactory: moduleMetricsOf,
      inject: [LLM_ROUTER_MODULE_OPTIONS, MODULE_ROUTER],
    },
    {
      provide: LLM_ROUTER,
      useFactory: (moduleRouter: ModuleRouter) => moduleRouter.router,
      inject: [MODULE_ROUTER],
    },
    {
      provide: LlmClient,
      scope: Scope.REQUEST,
      useFactory: (request: object, clients: LlmRequestClients) => clients.clientFor(request),
      inject: [REQUEST, LlmRequestClients],
    },
    LlmRequestClients,
    LlmRouterService,
    LlmRoutesExplorer,
    { provide: APP_INTERCEPTOR, useClass: LlmClientInterceptor },
    { provide: APP_FILTER, useClass: LlmExceptionFilter },
  ],
  exports: [LlmRouterService, LLM_ROUTER, LlmClient],
})
export class LlmRouterModule
  extends LlmRouterConfigurableModule
  implements NestModule, OnModuleDestroy
{
  constructor(@Inject(MODULE_METRICS) private readonly metrics: ModuleMetrics | undefined) {
    super();
  }

  /** `metrics`: a middleware answers `GET <path>` (Express and Fastify platforms alike). */
  configure(consumer: MiddlewareConsumer): void {
    if (!this.metrics) return;
    consumer
      .apply(this.metrics.middleware)
      .forRoutes({ path: this.metrics.path, method: RequestMethod.GET });
  }

  onModuleDestroy(): void {
    this.metrics?.metrics.close();
  }

  /** `forRoot()` with no options is zero-config. */
  static override forRoot(
    options: LlmRouterModuleOptions & { isGlobal?: boolean } = {},
  ): ReturnType<typeof LlmRouterConfigurableModule.forRoot> {
    // biome-ignore lint/complexity/noThisInStatic: the builder's forRoot makes `this` the dynamic module's class
    return super.forRoot(options);
  }
}
