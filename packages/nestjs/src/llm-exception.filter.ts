import { type DecisionTrace, httpErrorOf, RouterError, traceHeaders } from '@modelmux/core';
import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { throwError } from 'rxjs';

/** Matches modelmux's errors by their marker, so a second install of core is caught too. */
// biome-ignore lint/complexity/noStaticOnlyClass: `@Catch` takes a class; its Symbol.hasInstance is the matcher
abstract class AnyRouterError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return RouterError.isInstance(value);
  }
}

/**
 * Answers modelmux's errors over HTTP: status, `Retry-After` and code from core's `httpErrorOf`
 * (the one place that maps them), the trace headers when the error carries a trace, and the body
 * `{ error: { code, message } }`, which holds no secret. Registered app-wide by `LlmRouterModule`;
 * other errors never reach it, and a filter on a controller or handler takes precedence. A
 * server-side fault (5xx) is logged in full through Nest's `Logger`: the client may get only its
 * code and a generic line.
 */
@Catch(AnyRouterError)
export class LlmExceptionFilter implements ExceptionFilter<RouterError> {
  private readonly logger = new Logger('LlmExceptionFilter');

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(error: RouterError, host: ArgumentsHost) {
    // Another transport (RPC, websockets) gets the error back, as its own filters expect.
    if (host.getType() !== 'http') return throwError(() => error);
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const { status, code, message, retryAfterS, side } = httpErrorOf(error);
    if (side === 'server') this.logger.error(`${status} ${code}: ${error.message}`);
    // A response that has started (a stream) cannot change its status: end it.
    if (httpAdapter.isHeadersSent(response)) return void httpAdapter.end(response);
    const { trace } = error as { trace?: DecisionTrace }; // on the errors of a routed call
    if (trace) {
      for (const [name, value] of Object.entries(traceHeaders(trace)))
        httpAdapter.setHeader(response, name, value);
    }
    if (retryAfterS !== undefined)
      httpAdapter.setHeader(response, 'Retry-After', String(retryAfterS));
    httpAdapter.reply(response, { error: { code, message } }, status);
  }
}
