import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFileError, type DecisionTrace, NoRouterConfigError } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import Koa from 'koa';
import supertest from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type LlmRouterOptions, llmErrorHandler, llmRouter } from '../src/index.js';

// `llmRouter()` without a router: the adapter hands `cwd` and `env` to core's zero-config, which
// finds the config at once (so a missing one throws where the middleware is created).

async function emptyDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'modelmux-koa-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

async function fakeOpenAIEnvironment() {
  const server = await startFakeOpenAI();
  onTestFinished(() => server.close());
  return { server, env: { OPENAI_API_KEY: server.apiKey, OPENAI_BASE_URL: server.baseURL } };
}

function app(options: LlmRouterOptions, reported: unknown[] = []) {
  const app = new Koa();
  app.on('error', (error) => reported.push(error));
  app.use(llmErrorHandler());
  app.use(llmRouter(options));
  app.use(async (ctx) => {
    const result = await generateText({ model: ctx.llm.model(), prompt: 'hi' });
    const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
    ctx.body = { text: result.text, route: trace.route, target: trace.target };
  });
  return supertest(createServer(app.callback()));
}

describe('llmRouter() with no router', () => {
  it('throws NoRouterConfigError where it is called when there is no config file and no key', async () => {
    const cwd = await emptyDirectory();
    let thrown: unknown;
    try {
      llmRouter({ cwd, env: {} });
    } catch (error) {
      thrown = error;
    }
    expect(NoRouterConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain('OPENAI_API_KEY');
  });

  it('builds its routes from a provider key in the environment', async () => {
    const { server, env } = await fakeOpenAIEnvironment();
    const response = await app({ cwd: await emptyDirectory(), env }).get('/');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ text: 'echo: hi', route: 'default' });
    expect(server.requests).toHaveLength(1);
  });

  it('reads modelmux.config.json from cwd', async () => {
    const { server, env } = await fakeOpenAIEnvironment();
    const cwd = await emptyDirectory();
    const config = {
      targets: [{ id: 'mini', model: 'openai/gpt-4.1-mini' }],
      routes: { default: { targets: ['mini'] } },
    };
    await writeFile(join(cwd, 'modelmux.config.json'), JSON.stringify(config));
    const response = await app({ cwd, env }).get('/');

    expect(response.body).toEqual({ text: 'echo: hi', route: 'default', target: 'mini' });
    expect(server.requests.map((entry) => entry.model)).toEqual(['gpt-4.1-mini']);
  });

  it('fails each request with the mapped error when the config file cannot be loaded', async () => {
    const cwd = await emptyDirectory();
    await writeFile(join(cwd, 'modelmux.config.json'), '{ "targets": [');
    const reported: unknown[] = [];
    const http = app({ cwd, env: {} }, reported);

    for (const response of [await http.get('/'), await http.get('/')]) {
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe('config-file');
      expect(response.text).not.toContain(cwd); // the path is for the logs only
    }
    expect(reported.map((error) => ConfigFileError.isInstance(error))).toEqual([true, true]);
  });
});
