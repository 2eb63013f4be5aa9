import type { Server } from 'node:http';
import { createStatusPage, type Router } from '@modelmux/core';
import { llmStatusPage as expressStatusPage } from '@modelmux/express';
import { createGatewayServer } from '@modelmux/gateway';
import { llmStatusPage as koaStatusPage } from '@modelmux/koa';
import { LlmRouterModule, LlmRouterService } from '@modelmux/nestjs';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateText } from 'ai';
import express from 'express';
import Koa from 'koa';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listen } from './app-factory.js';
import { canaryFragments, contractRouter } from './contract-router.js';

// The status page mounted the way each framework's users would, a few lines each: it answers
// under /status behind its key, streams events, and the app's own routes keep working.
const key = 'status-key-for-the-mounted-page';

interface Mounted {
  origin: string;
  close(): Promise<void>;
}

function closing(server: Server, page: { close(): void }): () => Promise<void> {
  return async () => {
    page.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

const origin = (server: Server) =>
  `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const mounts: { name: string; mount(router: Router): Promise<Mounted> }[] = [
  {
    name: 'express (llmStatusPage)',
    async mount(router) {
      const app = express();
      const page = expressStatusPage({ router, key });
      app.use('/status', page);
      app.get('/own-route', (_req, res) => {
        res.json({ own: true });
      });
      const server = await listen(app.listen(0, '127.0.0.1'));
      return { origin: origin(server), close: closing(server, page) };
    },
  },
  {
    name: 'koa (llmStatusPage)',
    async mount(router) {
      const app = new Koa();
      const page = koaStatusPage({ router, key });
      app.use(page);
      app.use((ctx) => {
        if (ctx.path === '/own-route') ctx.body = { own: true };
      });
      const server = await listen(app.listen(0, '127.0.0.1'));
      return { origin: origin(server), close: closing(server, page) };
    },
  },
  {
    name: 'nestjs (app.use)',
    async mount(router) {
      @Controller()
      class OwnController {
        @Get('own-route')
        own() {
          return { own: true };
        }
      }
      @Module({ imports: [LlmRouterModule.forRoot({ router })], controllers: [OwnController] })
      class AppModule {}
      const app = await NestFactory.create(AppModule, {
        logger: false,
        forceCloseConnections: true,
      });
      const page = createStatusPage(app.get(LlmRouterService).router, { key });
      app.use('/status', page);
      await app.listen(0, '127.0.0.1');
      return {
        origin: origin(app.getHttpServer() as Server),
        close: async () => {
          page.close();
          await app.close();
        },
      };
    },
  },
  {
    name: 'gateway (statusPage option)',
    async mount(router) {
      const gateway = createGatewayServer({ router, port: 0, statusPage: { key } });
      const { url } = await gateway.listen();
      return { origin: url, close: () => gateway.close(1_000) };
    },
  },
];

describe.each(mounts)('status page in $name', ({ name, mount }) => {
  it('serves the page and its event stream behind the key; the app keeps its routes', async () => {
    const { router } = await contractRouter();
    const app = await mount(router);
    onTestFinished(() => app.close());

    const locked = await fetch(`${app.origin}/status`);
    expect(locked.status).toBe(401);
    expect(await locked.text()).not.toContain(key);

    const page = await fetch(`${app.origin}/status?key=${key}`);
    expect([page.status, page.headers.get('content-type')]).toEqual([
      200,
      'text/html; charset=utf-8',
    ]);
    expect(await page.text()).toContain('<title>modelmux status</title>');

    const controller = new AbortController();
    const events = await fetch(`${app.origin}/status/events`, {
      headers: { 'x-modelmux-status-key': key },
      signal: controller.signal,
    });
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: snapshot')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('"targets":[{"id":"primary"');
    controller.abort();

    if (!name.startsWith('gateway')) {
      const own = await fetch(`${app.origin}/own-route`);
      expect(await own.json()).toEqual({ own: true });
    } else {
      const models = await fetch(`${app.origin}/v1/models`);
      expect(models.status).toBe(200);
    }
  });
});

describe('status page secrets', () => {
  it('shows a rejected key, a 429 and a failed call without the provider key anywhere', async () => {
    const { router, servers } = await contractRouter();
    const app = await mounts[3]?.mount(router);
    if (!app) throw new Error('no gateway mount');
    onTestFinished(() => app.close());
    const controller = new AbortController();
    const events = await fetch(`${app.origin}/status/events?key=${key}`, {
      signal: controller.signal,
    });
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();

    for (const route of ['rejecting', 'down']) {
      await expect(generateText({ model: router.model(route), prompt: 'hi' })).rejects.toThrow();
    }
    expect(servers.rejecting.requests.length).toBeGreaterThan(0);
    let streamed = '';
    while (!/"route":"down"/.test(streamed)) {
      const { value, done } = await reader.read();
      if (done) break;
      streamed += new TextDecoder().decode(value);
    }
    controller.abort();
    const snapshot = await (await fetch(`${app.origin}/status/snapshot.json?key=${key}`)).text();
    const page = await (await fetch(`${app.origin}/status?key=${key}`)).text();
    expect(snapshot).toContain('"route":"rejecting"');
    expect(snapshot).toContain('caller-error');
    for (const text of [streamed, snapshot, page]) {
      for (const fragment of canaryFragments) expect(text).not.toContain(fragment);
      expect(text).not.toContain(servers.rejecting.url);
    }
  });
});
