import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../create-router.js';
import type { HealthEvent, RouterEventName } from '../trace/router-events.js';
import { createStatusAuthorizer, statusKeyHeader } from './status-auth.js';
import { statusPageHtml } from './status-html.js';
import { parseStatusPageOptions, type StatusPageOptions } from './status-page-options.js';
import { createDecisionLog, statusSnapshot } from './status-snapshot.js';

/** A `node:http` handler (Express mounts it as is); `next` gets the paths it does not own. */
export interface StatusPageHandler {
  (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void): void;
  /** Whether a request's URL is under the page's `path` (for Koa-style mounting). */
  owns(request: IncomingMessage): boolean;
  /** Ends every open event stream and stops listening to the router. */
  close(): void;
}

const healthEvents = [
  'breaker-open',
  'breaker-half-open',
  'breaker-close',
  'target-cooldown',
] as const satisfies readonly RouterEventName[];

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

/**
 * The live status page: targets with breaker state, latency, in-flight and cost; routes; the
 * newest decisions with their traces; updated over Server-Sent Events. Serves `<path>/` (the
 * page, HTML/CSS/JS inline, nothing fetched from elsewhere), `<path>/events` (the stream) and
 * `<path>/snapshot.json`. Every request must pass the key or the guard.
 */
export function createStatusPage(router: Router, options: StatusPageOptions): StatusPageHandler {
  const resolved = parseStatusPageOptions(options);
  const authorize = createStatusAuthorizer(resolved.auth);
  const log = createDecisionLog(resolved.decisions);
  const clients = new Set<ServerResponse>();
  const stopDecisions = router.on('decision', (trace) => {
    const decision = log.add(trace);
    if (clients.size > 0) broadcast('decision', decision);
  });

  function write(response: ServerResponse, event: string, data: unknown): void {
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  function broadcast(event: string, data: unknown): void {
    for (const client of clients) write(client, event, data);
  }

  function subPathOf(url: URL): string | undefined {
    const { pathname } = url;
    if (resolved.path === '') return pathname;
    if (pathname === resolved.path) return '/';
    if (pathname.startsWith(`${resolved.path}/`)) return pathname.slice(resolved.path.length);
    return undefined;
  }

  function openStream(request: IncomingMessage, response: ServerResponse): void {
    if (clients.size >= resolved.maxClients) {
      sendText(response, 503, 'Too many open status pages; close one and reload.');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    write(response, 'snapshot', statusSnapshot(router, log, Date.now()));
    clients.add(response);
    const unsubscribe = healthEvents.map((name) =>
      router.on(name, (event: HealthEvent) => {
        write(response, 'health', { ...event, type: name });
        // The breaker's move shows at once, not at the next tick.
        write(response, 'snapshot', statusSnapshot(router, log, Date.now()));
      }),
    );
    const timer = setInterval(() => {
      write(response, 'snapshot', statusSnapshot(router, log, Date.now()));
    }, resolved.snapshotIntervalMs);
    let cleaned = false;
    const cleanUp = () => {
      if (cleaned) return;
      cleaned = true;
      clearInterval(timer);
      for (const stop of unsubscribe) stop();
      clients.delete(response);
    };
    response.once('close', cleanUp);
    request.once('close', cleanUp);
  }

  async function serve(
    request: IncomingMessage,
    response: ServerResponse,
    subPath: string,
    url: URL,
  ): Promise<void> {
    const verdict = await authorize(request, url);
    if (verdict !== 'ok') {
      response.setHeader('www-authenticate', 'Bearer realm="modelmux status"');
      sendText(
        response,
        verdict === 'missing' ? 401 : 403,
        verdict === 'missing'
          ? `The modelmux status page needs its key: open it with ?key=<key>, or send the ${statusKeyHeader} header.`
          : 'Not allowed to see the modelmux status page.',
      );
      return;
    }
    if (subPath === '/' || subPath === '') {
      const nonce = randomBytes(16).toString('base64');
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      });
      response.end(
        request.method === 'HEAD' ? undefined : statusPageHtml(nonce, resolved.decisions),
      );
      return;
    }
    if (subPath === '/snapshot.json') {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(JSON.stringify(statusSnapshot(router, log, Date.now())));
      return;
    }
    if (subPath === '/events') {
      openStream(request, response);
      return;
    }
    sendText(response, 404, 'Not found. The status page serves /, /events and /snapshot.json.');
  }

  function urlOf(request: IncomingMessage): URL {
    return new URL(request.url ?? '/', 'http://status.invalid');
  }

  const handler = ((request, response, next) => {
    const url = urlOf(request);
    const subPath = subPathOf(url);
    if (subPath === undefined) {
      if (next) next();
      else sendText(response, 404, 'Not found.');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendText(response, 405, 'The status page answers GET only.');
      return;
    }
    serve(request, response, subPath, url).catch((error: unknown) => {
      if (next) next(error);
      else if (!response.headersSent) sendText(response, 500, 'The status page failed.');
      else response.destroy();
    });
  }) as StatusPageHandler;
  handler.owns = (request) => subPathOf(urlOf(request)) !== undefined;
  handler.close = () => {
    stopDecisions();
    for (const client of clients) client.end();
    clients.clear();
  };
  return handler;
}
