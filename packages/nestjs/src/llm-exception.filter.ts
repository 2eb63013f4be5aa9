import { httpErrorResponse, RouterError } from '@modelmux/core';
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
 * Answers modelmux's errors over HTTP: status, `Retry-After`, the trace headers and the body from core's
 * `httpErrorResponse` (the one place that maps them): the body is
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
    const { status, code, headers, body, side } = httpErrorResponse(error);
    if (side === 'server') this.logger.error(`${status} ${code}: ${error.message}`);
    // A response that has started (a stream) cannot change its status: end it.
    if (httpAdapter.isHeadersSent(response)) return void httpAdapter.end(response);
    for (const [name, value] of Object.entries(headers))
      httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, body, status);
  }
}
