import { NoSuchRouteError } from '@modelmux/core';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { LlmRoute } from './llm-route.decorator.js';
import { MODULE_ROUTER, type ModuleRouter } from './module-router.js';

/**
 * Checks every `@LlmRoute` of every controller against the router's routes when the app starts,
 * so a typo fails `app.init()` with `NoSuchRouteError` instead of the first request with a 500.
 */
@Injectable()
export class LlmRoutesExplorer implements OnModuleInit {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(MODULE_ROUTER) private readonly moduleRouter: ModuleRouter,
  ) {}

  onModuleInit(): void {
    const known = this.moduleRouter.router.routes;
    for (const route of this.declaredRoutes()) {
      if (!known.includes(route)) throw new NoSuchRouteError({ route, known });
    }
  }

  private *declaredRoutes(): Generator<string> {
    for (const { metatype } of this.discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const onClass = this.reflector.get(LlmRoute, metatype);
      if (onClass !== undefined) yield onClass;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const onHandler = this.reflector.get(LlmRoute, handler);
        if (onHandler !== undefined) yield onHandler;
      }
    }
  }
}
