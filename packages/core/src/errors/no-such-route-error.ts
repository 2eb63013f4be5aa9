import { isRouterErrorWithCode, RouterError } from './router-error.js';

export class NoSuchRouteError extends RouterError {
  readonly route: string;
  constructor({ route, known }: { route: string; known: readonly string[] }) {
    super({
      name: 'NoSuchRouteError',
      code: 'no-such-route',
      message: `No route '${route}'. Known: ${known.join(', ') || '(none)'}. Add it to options.routes.`,
    });
    this.route = route;
  }

  static override isInstance(error: unknown): error is NoSuchRouteError {
    return isRouterErrorWithCode(error, 'no-such-route');
  }
}
