import { Reflector } from '@nestjs/core';

/**
 * The route a controller's (or one handler's) model calls go through when they name none:
 * `@LlmRoute('code')`. On a handler it overrides the controller's. A route the router does not
 * know fails `app.init()` with `NoSuchRouteError`.
 */
export const LlmRoute = Reflector.createDecorator<string>();
