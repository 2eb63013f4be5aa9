import type { IncomingMessage } from 'node:http';
import type { BindingLimit } from '@modelmux/core';
import type { ResolvedGatewayOptions } from '../gateway-options.js';
import { isLoopback } from '../http/loopback.js';
import { GatewayError } from '../openai/gateway-error.js';
import { digestOf, matchDigest } from './key-hash.js';

/** Who is calling, once authenticated. */
export interface Caller {
  /** The virtual key's name; undefined when auth is off. */
  keyName: string | undefined;
  /** The routes and targets the caller may use; undefined: all. */
  routes: ReadonlySet<string> | undefined;
  /** The key's rate limits and budgets, which core enforces on each of its calls. */
  limits?: readonly BindingLimit[] | undefined;
}

const anyone: Caller = Object.freeze({ keyName: undefined, routes: undefined });

/**
 * The caller of a request, from `Authorization: Bearer <key>` or `x-api-key: <key>`. Throws a
 * 401 GatewayError for a missing or unknown key. The key is never echoed.
 */
export function authenticate(
  request: IncomingMessage,
  { auth, keys }: Pick<ResolvedGatewayOptions, 'auth' | 'keys'>,
): Caller {
  if (auth === 'none') return anyone;
  if (auth === 'open-loopback') {
    if (isLoopback(request.socket.remoteAddress)) return anyone;
    throw new GatewayError({
      status: 401,
      code: 'missing_api_key',
      message:
        'This gateway has no keys configured, so it only serves clients on its own machine. Add gateway.keys to its config (or set gateway.auth to "none").',
    });
  }
  const presented = presentedKey(request);
  if (presented === undefined) {
    throw new GatewayError({
      status: 401,
      code: 'missing_api_key',
      message: 'No API key. Send one as "Authorization: Bearer <key>" or "x-api-key: <key>".',
    });
  }
  const index = matchDigest(
    digestOf(presented),
    keys.map((key) => key.digest),
  );
  const key = keys[index];
  if (!key) {
    throw new GatewayError({
      status: 401,
      code: 'invalid_api_key',
      message: 'The API key is not valid for this gateway. Ask its operator for a key.',
    });
  }
  return { keyName: key.name, routes: key.routes, limits: key.limits };
}

/** Throws a 403 GatewayError when the caller's key may not use `model`. */
export function authorize(caller: Caller, model: string): void {
  if (caller.routes === undefined || caller.routes.has(model)) return;
  throw new GatewayError({
    status: 403,
    code: 'model_not_allowed',
    param: 'model',
    message: `The key '${caller.keyName}' may not use the model '${model}'. GET /v1/models lists the ones it may use.`,
  });
}

function presentedKey(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  const header = request.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
