import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Who may see the status page: the holder of a key, or whoever a guard lets through. */
export type StatusAuth =
  | { key: string; guard?: undefined }
  | {
      guard: (request: IncomingMessage) => boolean | Promise<boolean>;
      key?: undefined;
    };

/** The header that carries the key (`authorization: Bearer <key>` and `?key=` work too). */
export const statusKeyHeader = 'x-modelmux-status-key';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function presentedKey(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers[statusKeyHeader];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^bearer /i.test(authorization))
    return authorization.slice(7).trim();
  return url.searchParams.get('key') ?? undefined;
}

/**
 * Checks a request against the page's protection. Keys are compared as SHA-256 digests with
 * `timingSafeEqual`, so neither the content nor the length of the key leaks through timing.
 * 'missing': no key presented (401); 'denied': a wrong key or the guard said no (403).
 */
export function createStatusAuthorizer(auth: StatusAuth) {
  const expected = auth.key === undefined ? undefined : digest(auth.key);
  return async function authorize(
    request: IncomingMessage,
    url: URL,
  ): Promise<'ok' | 'missing' | 'denied'> {
    if (expected === undefined) return (await auth.guard?.(request)) === true ? 'ok' : 'denied';
    const presented = presentedKey(request, url);
    if (presented === undefined) return 'missing';
    return timingSafeEqual(digest(presented), expected) ? 'ok' : 'denied';
  };
}
