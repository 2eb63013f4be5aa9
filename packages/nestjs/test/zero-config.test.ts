import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoRouterConfigError } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import { Test } from '@nestjs/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LlmRouterModule, LlmRouterService } from '../src/index.js';
import { AnswerController } from './support/answer-controller.js';
import { startApp } from './support/start-app.js';

/** A directory with no modelmux.config.* in it. */
function emptyDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'modelmux-nestjs-'));
  onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

describe('LlmRouterModule.forRoot() with no router options (zero-config)', () => {
  it('builds the routes default, cheap and smart from the provider keys in the environment', async () => {
    const server = await startFakeOpenAI({ apiKey: 'sk-env-key' });
    onTestFinished(() => server.close());
    const env = { OPENAI_API_KEY: 'sk-env-key', OPENAI_BASE_URL: server.baseURL };
    const { app, http } = await startApp({
      imports: [LlmRouterModule.forRoot({ cwd: emptyDirectory(), env })],
      controllers: [AnswerController],
    });

    const response = await http.post('/answer').send({ prompt: 'no config', route: 'cheap' });

    expect(response.body.text).toBe('echo: no config');
    expect(response.body.trace.target).toBe('openai-cheap');
    expect(app.get(LlmRouterService).router.routes).toEqual(['default', 'cheap', 'smart']);
    expect(server.requests.map((entry) => entry.model)).toEqual(['gpt-4.1-mini']);
  });

  it('fails at start-up with NoRouterConfigError when there is neither a config file nor a key', async () => {
    const cwd = emptyDirectory();
    const compiling = Test.createTestingModule({
      imports: [LlmRouterModule.forRoot({ cwd, env: {} })],
    }).compile();

    const error = await compiling.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(NoRouterConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
  });
});
