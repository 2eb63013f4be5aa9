import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { TargetOptions } from '@modelmux/core';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startGateway } from './support/gateway.js';
import type { ProviderName } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

// Shaped like a real key; providers echo masked keys, so a distinctive middle is searched too.
const canary = 'sk-canary-0123456789abcdefghij';
const fragments = [canary, '0123456789abcdefghij'];

/** A target whose provider presents the canary; its fake accepts it unless told otherwise. */
async function canaryTarget(
  provider: ProviderName,
  id: string,
  options: FakeServerOptions = {},
): Promise<{ server: FakeServer; target: TargetOptions }> {
  const start = { openai: startFakeOpenAI, anthropic: startFakeAnthropic, gemini: startFakeGemini };
  const server = await start[provider]({ apiKey: canary, ...options });
  onTestFinished(() => server.close());
  const settings = { baseURL: server.baseURL, apiKey: canary };
  const model =
    provider === 'openai'
      ? createOpenAI(settings).chat('gpt-4.1-mini')
      : provider === 'anthropic'
        ? createAnthropic(settings)('claude-haiku-4-5')
        : createGoogleGenerativeAI(settings)('gemini-2.5-flash');
  const target: TargetOptions = { id, model };
  return { server, target };
}

/** Three providers, one whose fake refuses the canary, and an embedding target: all on the canary. */
async function canaryGateway() {
  const openai = await canaryTarget('openai', 'openai');
  const anthropic = await canaryTarget('anthropic', 'anthropic');
  const gemini = await canaryTarget('gemini', 'gemini');
  const refused = await canaryTarget('openai', 'refused', {
    apiKey: 'sk-the-server-expects-another-key',
  });
  const embedServer = await startFakeOpenAI({ apiKey: canary });
  onTestFinished(() => embedServer.close());
  const embed: TargetOptions = {
    id: 'embed',
    embeddingModel: createOpenAI({ baseURL: embedServer.baseURL, apiKey: canary }).embedding(
      'text-embedding-3-small',
    ),
  };
  const gateway = await startGateway({
    targets: [openai.target, anthropic.target, gemini.target, refused.target, embed],
    routes: {
      main: { targets: ['openai', 'anthropic', 'gemini'], retry: { maxAttempts: 3 } },
      'refused-route': { targets: ['refused'] },
      embeddings: { targets: ['embed'] },
    },
  });
  return {
    gateway,
    servers: {
      openai: openai.server,
      anthropic: anthropic.server,
      gemini: gemini.server,
      refused: refused.server,
    },
  };
}

describe('a provider key planted in the config', () => {
  it('never appears in any response, header or log line', async () => {
    const seen: { what: string; text: string }[] = [];
    const chat = (model: string, stream: boolean) => ({
      model,
      stream,
      messages: [{ role: 'user', content: 'hi' }],
    });

    for (const stream of [false, true]) {
      const { gateway, servers } = await canaryGateway();
      const call = async (what: string, path: string, body?: unknown) => {
        const response = await rawRequest(`${gateway.url}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        seen.push({ what: `${what} (stream: ${stream}) body`, text: response.text });
        seen.push({
          what: `${what} (stream: ${stream}) headers`,
          text: JSON.stringify(response.headers),
        });
        return response.status;
      };
      // Every provider's own error bodies: a fail-over, then all failing, then a reset mid-stream.
      servers.openai.enqueue({ status: 500, error: 'server-error' });
      servers.anthropic.enqueue({ status: 529, error: 'overloaded' });
      expect(await call('fail-over', '/v1/chat/completions', chat('main', stream))).toBe(200);
      servers.openai.enqueue({ status: 400, error: 'context-length-exceeded' });
      servers.anthropic.enqueue({ status: 500, error: 'server-error' });
      servers.gemini.enqueue({ status: 429, error: 'rate-limited', retryAfterS: 30 });
      expect(await call('all failed', '/v1/chat/completions', chat('main', stream))).toBe(503);
      servers.gemini.enqueue({ chunks: 4, resetAfterChunks: 1 });
      await call('mid-stream reset', '/v1/chat/completions', chat('gemini', stream));
      expect(await call('refused key', '/v1/chat/completions', chat('refused-route', stream))).toBe(
        502,
      );
      // The fake expecting another key did see the canary: an echo of it would be caught.
      expect(servers.refused.requests.map((request) => request.authorized)).toEqual([false]);
      await call('embeddings', '/v1/embeddings', { model: 'embeddings', input: 'hi' });
      await call('models', '/v1/models');
      await call('unknown model', '/v1/chat/completions', chat('nope', stream));
      await call('bad body', '/v1/chat/completions', { model: 'main', messages: 7 });
      await gateway.log.waitFor(() => gateway.log.lines.length >= 8);
      for (const line of gateway.log.lines)
        seen.push({ what: `log line (stream: ${stream})`, text: line });
    }
    const leaks = seen
      .filter(({ text }) => fragments.some((fragment) => text.includes(fragment)))
      .map(({ what }) => what);
    expect(leaks).toEqual([]);
  });
});
