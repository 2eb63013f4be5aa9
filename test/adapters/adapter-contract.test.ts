import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DecisionTrace, httpErrorOf, NoSuchRouteError } from '@modelmux/core';
import supertest from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AdapterAppFactory } from './app-factory.js';
import { type ContractRouterOptions, canaryFragments, contractRouter } from './contract-router.js';
import { adapterFactories } from './factories.js';

// One behaviour, every framework: each adapter's real app (see app-factory.ts) over real HTTP,
// its router calling the testkit's fake providers through the real AI SDK providers.

/** How soon after the client goes away the upstream must see its connection close. */
const closeWithinMs = 100;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(adapterFactories.map((factory) => [factory.name, factory] as const))(
  '%s',
  (_name, factory: AdapterAppFactory) => {
    async function start(options: ContractRouterOptions = {}) {
      const { router, servers } = await contractRouter(options);
      const app = await factory(router);
      onTestFinished(() => app.close());
      return { app, http: supertest(app.server), router, servers };
    }

    it('answers with generateText and shows the fail-over in its headers and trace', async () => {
      const { http, servers } = await start({ primary: [{ status: 503 }] });
      const response = await http.post('/generate').send({ prompt: 'hello', route: 'main' });

      expect(response.status).toBe(200);
      expect(response.body.text).toBe('echo: hello');
      const trace = response.body.trace as DecisionTrace;
      expect(
        trace.attempts.map(({ target, outcome, status, next }) => ({
          target,
          outcome,
          status,
          next,
        })),
      ).toEqual([
        { target: 'primary', outcome: 'error', status: 503, next: 'fail-over' },
        { target: 'secondary', outcome: 'success', status: undefined, next: undefined },
      ]);
      expect(response.headers).toMatchObject({
        'x-modelmux-route': 'main',
        'x-modelmux-target': 'secondary',
        'x-modelmux-attempts': '2',
        'x-modelmux-call-id': trace.callId,
      });
      expect([servers.primary.requests.length, servers.secondary.requests.length]).toEqual([1, 1]);
    });

    it('streams the text to the client, failing over before the first chunk', async () => {
      const { http, servers } = await start({ primary: [{ status: 503 }] });
      const response = await http.post('/stream').send({ prompt: 'stream this to me' });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toBe('echo: stream this to me');
      expect([servers.primary.requests.length, servers.secondary.requests.length]).toEqual([1, 1]);
    });

    it('closes the upstream connection within 100 ms of the client going away mid-stream', async () => {
      const text = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');
      const { app, servers } = await start({ primary: [{ text, chunks: 20, chunkDelayMs: 100 }] });
      const { port } = app.server.address() as AddressInfo;

      const leftAt = await new Promise<number>((resolve, reject) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/stream',
          headers: { 'content-type': 'application/json' },
        });
        request.on('response', (response) => {
          response.once('data', () => {
            const at = performance.now();
            request.destroy();
            resolve(at);
          });
        });
        request.on('error', (error) => {
          if (!request.destroyed) reject(error);
        });
        request.end(JSON.stringify({ prompt: 'a long answer' }));
      });

      const upstream = await servers.primary.waitForClose(1);
      expect(upstream.outcome).toBe('client-closed');
      expect((upstream.closedAt as number) - leftAt).toBeLessThan(closeWithinMs);
      expect(upstream.chunksSent).toBeLessThan(20);
      expect(servers.secondary.requests).toHaveLength(0);
    });

    it('maps all targets failing to 503 with Retry-After and a JSON error', async () => {
      const { http, servers } = await start();
      const response = await http.get('/fail');

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('7');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        error: { code: 'all-targets-failed', message: expect.stringContaining("Route 'down'") },
      });
      expect(response.headers).toMatchObject({
        'x-modelmux-route': 'down',
        'x-modelmux-attempts': '2',
      });
      expect([servers.downA.requests.length, servers.downB.requests.length]).toEqual([1, 1]);
    });

    it('sends no Retry-After when no target said when to come back', async () => {
      const { http } = await start({ down: { status: 503 } });
      const response = await http.get('/fail');

      expect(response.status).toBe(503);
      expect(response.headers).not.toHaveProperty('retry-after');
      expect(response.body.error.code).toBe('all-targets-failed');
    });

    it('maps a provider refusing its key to 502 without the key', async () => {
      const { http, servers } = await start();
      const response = await http.get('/reject');

      expect(response.status).toBe(502);
      expect(response.body).toEqual({
        error: { code: 'request-rejected', message: expect.stringContaining("Target 'bad-key'") },
      });
      expect(servers.rejecting.requests.map((entry) => entry.authorized)).toEqual([false]);
      const seen = JSON.stringify(response.headers) + response.text;
      for (const fragment of canaryFragments) expect(seen).not.toContain(fragment);
    });

    it('maps an unknown route to 500 with the code and no detail of the configuration', async () => {
      const { http, router } = await start();
      const response = await http.get('/no-route');

      const expected = httpErrorOf(new NoSuchRouteError({ route: 'nope', known: router.routes }));
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        error: { code: 'no-such-route', message: expected.message },
      });
      expect(response.text).not.toContain("'main'");
    });

    it("puts the x-request-id and the context option's user and tenant in the trace", async () => {
      const { http } = await start();
      const response = await http
        .post('/generate')
        .set({ 'x-request-id': 'req-42', 'x-user': 'ada', 'x-tenant': 'acme' })
        .send({ prompt: 'hi' });

      expect(response.status).toBe(200);
      expect(response.body.trace.metadata).toEqual({
        requestId: 'req-42',
        user: 'ada',
        tenant: 'acme',
      });
    });

    it('gives each request without an x-request-id its own random id', async () => {
      const { http } = await start();
      const first = await http.post('/generate').send({ prompt: 'one' });
      const second = await http.post('/generate').send({ prompt: 'two' });

      const ids = [first, second].map((response) => response.body.trace.metadata.requestId);
      expect(ids[0]).toMatch(uuid);
      expect(ids[1]).toMatch(uuid);
      expect(ids[1]).not.toBe(ids[0]);
    });
  },
);
