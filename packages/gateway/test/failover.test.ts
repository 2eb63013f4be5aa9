import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget, type ProviderName, providerNames } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

const messages = [{ role: 'user' as const, content: 'fail over' }];

async function failingFirst(provider: ProviderName, failure: Parameters<typeof fakeTarget>[2]) {
  const backup = providerNames[
    (providerNames.indexOf(provider) + 1) % providerNames.length
  ] as ProviderName;
  const first = await fakeTarget(provider, 'first', failure);
  const second = await fakeTarget(backup, 'second');
  const gateway = await startGateway({
    targets: [first.target, second.target],
    routes: { main: { targets: ['first', 'second'] } },
  });
  return { gateway, first: first.server, second: second.server };
}

describe.each(providerNames)(
  'fail-over through the gateway when the %s target fails first',
  (provider) => {
    it('non-stream: answers from the second target, and says so in the headers', async () => {
      const { gateway, first, second } = await failingFirst(provider, {
        replies: [{ status: 503 }],
      });
      const { data, response } = await gateway
        .openai()
        .chat.completions.create({ model: 'main', messages })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe('echo: fail over');
      expect([
        response.headers.get('x-modelmux-target'),
        response.headers.get('x-modelmux-attempts'),
      ]).toEqual(['second', '2']);
      expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
    });

    it('stream: a reset before the first content is invisible to the client', async () => {
      const { gateway, first, second } = await failingFirst(provider, {
        replies: [{ resetAfterChunks: 0 }],
      });
      const { data: stream, response } = await gateway
        .openai()
        .chat.completions.create({ model: 'main', messages, stream: true })
        .withResponse();
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('echo: fail over');
      expect([
        response.headers.get('x-modelmux-target'),
        response.headers.get('x-modelmux-attempts'),
      ]).toEqual(['second', '2']);
      expect([first.requests[0]?.outcome, second.requests.length]).toEqual(['reset', 1]);
    });

    it('stream: a failure after content ends the stream with an error event, never a clean end', async () => {
      const only = await fakeTarget(provider, 'only', {
        replies: [{ chunks: 6, resetAfterChunks: 2 }],
      });
      const gateway = await startGateway({
        targets: [only.target],
        routes: { main: { targets: ['only'] } },
      });
      const stream = await gateway.openai().chat.completions.create({
        model: 'main',
        stream: true,
        messages: [{ role: 'user', content: 'one two three four five six' }],
      });
      let text = '';
      const error = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(text.length).toBeGreaterThan(0);
      // On the wire: an error event, and no [DONE].
      only.server.enqueue({ chunks: 6, resetAfterChunks: 2 });
      const raw = await rawRequest(`${gateway.url}/v1/chat/completions`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'main', stream: true, messages }),
      });
      expect(raw.text).toMatch(/data: \{"error":\{/);
      expect(raw.text).not.toContain('[DONE]');
    });
  },
);
