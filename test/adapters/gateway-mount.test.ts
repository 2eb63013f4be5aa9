import type { Server } from 'node:http';
import { llmGateway as expressGateway } from '@modelmux/express';
import type { GatewayOptions } from '@modelmux/gateway';
import { llmGateway as koaGateway } from '@modelmux/koa';
import express from 'express';
import Koa from 'koa';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listen } from './app-factory.js';
import { contractRouter } from './contract-router.js';

// llmGateway() mounts the OpenAI-compatible gateway inside an app the team already has: the
// official `openai` client calls through it, and the app's own routes keep working.
const appKey = 'mm-app-key-for-the-mounted-gateway';

interface MountedApp {
  name: string;
  /** Builds the app with the gateway under /v1 and its own GET /own-route. */
  start(options: GatewayOptions): Promise<Server>;
}

const apps: MountedApp[] = [
  {
    name: 'express',
    start: (options) => {
      const app = express();
      app.use('/v1', expressGateway(options));
      app.get('/own-route', (_req, res) => {
        res.json({ own: true });
      });
      return listen(app.listen(0, '127.0.0.1'));
    },
  },
  {
    name: 'koa',
    start: (options) => {
      const app = new Koa();
      app.use(koaGateway(options));
      app.use((ctx) => {
        if (ctx.path === '/own-route') ctx.body = { own: true };
      });
      return listen(app.listen(0, '127.0.0.1'));
    },
  },
];

describe.each(apps)('llmGateway() in $name', ({ start }) => {
  async function mounted() {
    const { router, servers } = await contractRouter({ primary: [{ status: 503 }] });
    const server = await start({ router, keys: [{ name: 'app', key: appKey }] });
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    const origin = `http://127.0.0.1:${port}`;
    const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: appKey, maxRetries: 0 });
    return { client, servers, origin };
  }

  it('answers the official openai client and fails over behind it', async () => {
    const { client, servers } = await mounted();
    const completion = await client.chat.completions
      .create({ model: 'main', messages: [{ role: 'user', content: 'hello' }] })
      .withResponse();
    expect(completion.data.choices[0]?.message.content).toBe('echo: hello');
    expect(completion.response.headers.get('x-modelmux-target')).toBe('secondary');
    expect([servers.primary.requests.length, servers.secondary.requests.length]).toEqual([1, 1]);
  });

  it('streams through the mounted gateway', async () => {
    const { client } = await mounted();
    const stream = await client.chat.completions.create({
      model: 'main',
      stream: true,
      messages: [{ role: 'user', content: 'one two three' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('echo: one two three');
  });

  it('refuses a wrong key with 401 and leaves the app its own routes', async () => {
    const { origin } = await mounted();
    const wrong = new OpenAI({ baseURL: `${origin}/v1`, apiKey: 'mm-wrong', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const own = await fetch(`${origin}/own-route`);
    expect([own.status, await own.json()]).toEqual([200, { own: true }]);
  });
});
