import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { requestLlmClients } from './llm.decorator.js';
import { LlmRequestClients } from './llm-request-clients.js';
import { LlmRoute } from './llm-route.decorator.js';

/**
 * Binds each HTTP request's `LlmClient` (what `@Llm()` reads) to the request's response, for the
 * disconnect abort, and to the handler's `@LlmRoute` (the handler's overrides the controller's).
 * Registered app-wide by `LlmRouterModule`.
 */
@Injectable()
export class LlmClientInterceptor implements NestInterceptor {
  constructor(
    @Inject(LlmRequestClients) private readonly clients: LlmRequestClients,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const http = context.switchToHttp();
      const request: object = http.getRequest();
      const route = this.reflector.getAllAndOverride(LlmRoute, [
        context.getHandler(),
        context.getClass(),
      ]);
      this.clients.attach(request, http.getResponse(), route);
      requestLlmClients.set(request, this.clients.clientFor(request));
    }
    return next.handle();
  }
}
