import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '@modelmux/testkit';
import { expect, it, onTestFinished } from 'vitest';

/** What each adapter example's `start()` takes and gives (examples/<framework>/src/start.ts). */
export type StartExample = (options: {
  port: number;
  env: Record<string, string | undefined>;
  cwd: string;
}) => Promise<{ url: string; providers: string; close(): Promise<void> }>;

async function emptyDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'modelmux-example-'));
  onTestFinished(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

function chat(url: string, path: string, body: object) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The example starts on a free port, answers, streams and stops: on fakes, then on "real" keys. */
export function exampleContract(start: StartExample) {
  it('runs on the fake providers when there is no key and no config file', async () => {
    const app = await start({ port: 0, env: {}, cwd: await emptyDirectory() });
    onTestFinished(() => app.close());
    expect(app.providers).toBe('fake');

    const answer = await chat(app.url, '/chat', { prompt: 'hello' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-modelmux-route')).toBe('default');
    expect(((await answer.json()) as { text: string }).text).toBe('echo: hello');

    const stream = await chat(app.url, '/chat/stream', { prompt: 'stream it', route: 'smart' });
    expect([stream.status, await stream.text()]).toEqual([200, 'echo: stream it']);

    const unknown = await chat(app.url, '/chat', { route: 'nope' });
    expect(unknown.status).toBe(500);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'no-such-route',
    );
  });

  it('runs zero-config on the providers whose keys are set', async () => {
    const openai = await startFakeOpenAI();
    onTestFinished(() => openai.close());
    const env = { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseURL };
    const app = await start({ port: 0, env, cwd: await emptyDirectory() });
    onTestFinished(() => app.close());
    expect(app.providers).toBe('real');

    const answer = await chat(app.url, '/chat', { prompt: 'hello' });
    expect([answer.status, ((await answer.json()) as { text: string }).text]).toEqual([
      200,
      'echo: hello',
    ]);
    expect(openai.requests).toHaveLength(1);
  });
}
