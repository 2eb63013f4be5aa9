import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type Clock, systemClock } from '../src/clock.js';
import { createRouter, type Router } from '../src/create-router.js';
import { RouterConfigError } from '../src/errors/router-config-error.js';
import { createStatusPage } from '../src/status/status-page.js';
import type { StatusPageOptions } from '../src/status/status-page-options.js';
import type { StatusSnapshot } from '../src/status/status-snapshot.js';
import { fakeTarget } from './support/providers.js';

const key = 'status-key-0123456789abcdef';

/**
 * Real time, shifted to start 1 s into a minute: the RPM window the headroom test reads cannot
 * roll over between the call and the read.
 */
function midMinuteClock(): Clock {
  const startedAt = performance.now();
  const base = Math.floor(Date.now() / 60_000) * 60_000 + 1000;
  return { ...systemClock, now: () => base + (performance.now() - startedAt) };
}

async function twoTargets() {
  const primary = await fakeTarget('openai', 'primary', {}, { limits: { rpm: 100 } });
  const secondary = await fakeTarget('anthropic', 'secondary');
  const router = createRouter({
    targets: [primary.target, secondary.target],
    routes: { main: { targets: ['primary', 'secondary'] } },
    breaker: { consecutiveFailures: 1, cooldownMs: 60_000 },
    clock: midMinuteClock(),
  });
  return { primary: primary.server, secondary: secondary.server, router };
}

/** Counts the router's live listeners, to prove the page removes its own. */
function countingRouter(router: Router): { router: Router; listeners: () => number } {
  let listeners = 0;
  const on: Router['on'] = (event, listener) => {
    listeners += 1;
    const off = router.on(event, listener);
    return () => {
      listeners -= 1;
      off();
    };
  };
  return { router: { ...router, on }, listeners: () => listeners };
}

async function serve(router: Router, options: StatusPageOptions) {
  const page = createStatusPage(router, options);
  const server = createServer((request, response) => page(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    page.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, page };
}

/** An event stream's parsed events; `until` reads on until the events so far satisfy it. */
function eventStream(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  return {
    events,
    async until(done: (seen: typeof events) => boolean): Promise<void> {
      while (!done(events)) {
        const { value, done: ended } = await reader.read();
        if (ended) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          end = buffer.indexOf('\n\n');
        }
      }
    },
  };
}

describe('createStatusPage', () => {
  it('answers 401 without the key and 403 with a wrong one, never echoing either', async () => {
    const { router } = await twoTargets();
    const { url } = await serve(router, { key });
    const missing = await fetch(url);
    const wrong = await fetch(`${url}/?key=wrong-key-wrong-key-wrong`);
    const wrongHeader = await fetch(url, { headers: { 'x-modelmux-status-key': `${key}x` } });
    const bodies = [await missing.text(), await wrong.text(), await wrongHeader.text()];
    expect([missing.status, wrong.status, wrongHeader.status]).toEqual([401, 403, 403]);
    for (const body of bodies) {
      expect(body).not.toContain(key);
      expect(body).not.toContain('wrong-key');
    }
  });

  it('accepts the key as a header, a bearer token or a query parameter', async () => {
    const { router } = await twoTargets();
    const { url } = await serve(router, { key });
    const statuses = await Promise.all([
      fetch(url, { headers: { 'x-modelmux-status-key': key } }).then((r) => r.status),
      fetch(url, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status),
      fetch(`${url}/?key=${key}`).then((r) => r.status),
    ]);
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('lets a guard decide, and waits for an async one', async () => {
    const { router } = await twoTargets();
    const guard = async (request: IncomingMessage) => request.headers['x-user'] === 'ops';
    const { url } = await serve(router, { guard });
    const denied = await fetch(url);
    const allowed = await fetch(url, { headers: { 'x-user': 'ops' } });
    expect([denied.status, allowed.status]).toEqual([403, 200]);
  });

  it('serves one self-contained page: inline CSS and JS under a CSP nonce, no key in it', async () => {
    const { router } = await twoTargets();
    const { url } = await serve(router, { key });
    const response = await fetch(`${url}/?key=${key}`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toContain(key);
    expect(html).not.toContain('innerHTML');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('reports targets, routes and the last decisions, without the callers metadata', async () => {
    const { primary, router } = await twoTargets();
    primary.failNext(1, { status: 503 });
    const client = router.createClient({ metadata: { user: 'alice@example.com' } });
    await generateText({ model: client.model('main'), prompt: 'hi' });
    const { url } = await serve(router, { key, decisions: 5 });
    await generateText({ model: client.model('main'), prompt: 'hi' });
    const snapshot = (await (
      await fetch(`${url}/snapshot.json`, { headers: { 'x-modelmux-status-key': key } })
    ).json()) as StatusSnapshot;

    expect(snapshot.targets.map((target) => [target.id, target.state])).toEqual([
      ['primary', 'open'],
      ['secondary', 'closed'],
    ]);
    expect(snapshot.targets[0]?.errors).toEqual({ 'retryable-transient': 1 });
    // Rate-limit headroom: the primary's one attempt used one of its 100 requests a minute.
    expect(snapshot.targets[0]?.limits.rpm).toMatchObject({ limit: 100, used: 1, remaining: 99 });
    expect(snapshot.targets[1]?.limits).toEqual({});
    expect(snapshot.store).toEqual({ kind: 'memory', shared: false });
    expect(snapshot.routes).toEqual([
      expect.objectContaining({ name: 'main', strategy: 'priority', calls: 2, successes: 2 }),
    ]);
    // The page saw only the call made after it was created; breaker skips show in its trace.
    expect(snapshot.decisions).toHaveLength(1);
    expect(snapshot.decisions[0]?.candidates[0]?.skipped?.code).toBe('breaker-open');
    expect(JSON.stringify(snapshot)).not.toContain('alice');
  });

  it('streams a snapshot, then decisions and breaker moves, and drops its listeners on close', async () => {
    const { primary, router: inner } = await twoTargets();
    const { router, listeners } = countingRouter(inner);
    const { url, page } = await serve(router, { key });
    expect(listeners()).toBe(1);

    const controller = new AbortController();
    const response = await fetch(`${url}/events?key=${key}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const stream = eventStream(response);
    await stream.until((events) => events.length >= 1);
    expect(stream.events[0]?.event).toBe('snapshot');
    expect(listeners()).toBe(5);

    primary.failNext(1, { status: 503 });
    await generateText({ model: router.model('main'), prompt: 'hi' });
    await stream.until((events) => events.some((event) => event.event === 'decision'));
    const rest = stream.events;
    const health = rest.find((event) => event.event === 'health')?.data;
    expect(health).toMatchObject({ type: 'breaker-open', targetId: 'primary' });
    const decision = rest.find((event) => event.event === 'decision')?.data as {
      attempts: { target: string; next?: string }[];
    };
    expect(decision.attempts.map((attempt) => [attempt.target, attempt.next])).toEqual([
      ['primary', 'fail-over'],
      ['secondary', undefined],
    ]);

    controller.abort();
    await expect.poll(listeners).toBe(1);
    page.close();
    expect(listeners()).toBe(0);
  });

  it('serves only under its path, and hands other paths to next', async () => {
    const { router } = await twoTargets();
    const page = createStatusPage(router, { key, path: '/status' });
    onTestFinished(() => page.close());
    const server = createServer((request, response) =>
      page(request, response, () => response.end('next')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const other = await fetch(`${url}/statusx`);
    const page200 = await fetch(`${url}/status?key=${key}`);
    const json = await fetch(`${url}/status/snapshot.json?key=${key}`);
    const post = await fetch(`${url}/status?key=${key}`, { method: 'POST' });
    expect([await other.text(), page200.status, json.status, post.status]).toEqual([
      'next',
      200,
      200,
      405,
    ]);
  });

  it('rejects missing protection, short keys and unknown options, naming each path', async () => {
    const { router } = await twoTargets();
    const attempt = (options: unknown) => {
      try {
        createStatusPage(router, options as StatusPageOptions);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const none = attempt({});
    const short = attempt({ key: 'short-secret', decisons: 5 });
    expect(RouterConfigError.isInstance(none)).toBe(true);
    expect((none as RouterConfigError).issues.map((issue) => issue.path)).toEqual([
      'statusPage.key',
    ]);
    const issues = (short as RouterConfigError).issues;
    expect(issues.map((issue) => issue.path)).toEqual(['statusPage.decisons', 'statusPage.key']);
    expect(issues[0]?.message).toContain("Did you mean 'decisions'?");
    expect((short as Error).message).not.toContain('short-secret');
  });
});
