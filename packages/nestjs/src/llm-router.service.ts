import type { CallBinding, Router, RouterEventMap, RouterEventName } from '@modelmux/core';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { LlmClient } from './llm-client.js';
import { MODULE_ROUTER, type ModuleRouter } from './module-router.js';

/**
 * The router for code outside a request (queues, cron jobs, start-up tasks): its models, a client
 * bound to your own signal and metadata, its stats and events. Closes the router when the app
 * shuts down if the module built it (a router passed in as `router` is yours to close).
 */
@Injectable()
export class LlmRouterService implements OnModuleDestroy {
  /** The router itself. */
  readonly router: Router;

  constructor(@Inject(MODULE_ROUTER) private readonly moduleRouter: ModuleRouter) {
    this.router = moduleRouter.router;
  }

  /** The route's AI SDK model. @default the route named 'default', else the first */
  model(route?: string): ReturnType<Router['model']> {
    return this.router.model(route);
  }

  /** The embedding route's AI SDK model. @default the route named 'default', else the first */
  embeddingModel(route?: string): ReturnType<Router['embeddingModel']> {
    return this.router.embeddingModel(route);
  }

  /** A client whose calls carry this signal (aborting them all) and metadata (into every trace). */
  client(binding: CallBinding = {}): LlmClient {
    return this.router.createClient(binding);
  }

  /** Totals by route and target, with each target's live health. */
  stats(): ReturnType<Router['stats']> {
    return this.router.stats();
  }

  /** Subscribes to a router event (`decision`, `breaker-open`, ...); returns the unsubscribe function. */
  on<E extends RouterEventName>(
    event: E,
    listener: (event: RouterEventMap[E]) => void,
  ): () => void {
    return this.router.on(event, listener);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.moduleRouter.owned) await this.router.close();
  }
}
