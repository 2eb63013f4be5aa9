import { createAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import type { TargetOptions } from '@modelmux/core';
import { type FakeServerOptions, startFakeAnthropic } from '@modelmux/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

/** What the Anthropic targets' provider is configured with. */
const configured = 'prompt-caching-2024-07-31';
/** What the client enables; one of them repeats the configured beta. */
const betas = [
  'context-1m-2025-08-07',
  'prompt-caching-2024-07-31',
  'token-efficient-tools-2025-02-19',
];
const merged = 'prompt-caching-2024-07-31,context-1m-2025-08-07,token-efficient-tools-2025-02-19';
const messages = [{ role: 'user' as const, content: 'with betas' }];

/** A real `@ai-sdk/anthropic` model whose provider sends its own `anthropic-beta`. */
async function anthropicTarget(id: string, options: FakeServerOptions = {}) {
  const server = await startFakeAnthropic(options);
  onTestFinished(() => server.close());
  const provider = createAnthropic({
    baseURL: server.baseURL,
    apiKey: server.apiKey,
    headers: { 'anthropic-beta': configured },
  });
  return { server, target: { id, model: provider('claude-haiku-4-5') } as TargetOptions };
}

async function gatewayOver(targets: TargetOptions[], passThrough: boolean) {
  const gateway = await startGateway(
    { targets, routes: { main: { targets: targets.map((target) => target.id) } } },
    { passThrough },
  );
  const client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
  return { gateway, client };
}

describe.each([true, false])('the client’s anthropic-beta (passThrough: %s)', (passThrough) => {
  it('reaches the Anthropic target merged after the configured betas', async () => {
    const haiku = await anthropicTarget('haiku');
    const { client } = await gatewayOver([haiku.target], passThrough);
    const message = await client.beta.messages.create({
      model: 'main',
      max_tokens: 100,
      messages,
      betas,
    });
    expect(message.content).toEqual([{ type: 'text', text: 'echo: with betas' }]);
    const sent = haiku.server.requests[0];
    expect(sent?.headers['anthropic-beta']).toBe(merged);
    // Which path served it: the relay sends the client's string content, the AI SDK its blocks.
    const body = sent?.body as { messages: { content: unknown }[] } | undefined;
    const content = body?.messages[0]?.content;
    expect(typeof content === 'string').toBe(passThrough);
  });

  it('reaches the Anthropic target on a stream', async () => {
    const haiku = await anthropicTarget('haiku', { defaultReply: { chunks: 3 } });
    const { client } = await gatewayOver([haiku.target], passThrough);
    const stream = client.beta.messages.stream({ model: 'main', max_tokens: 100, messages, betas });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'echo: with betas' }]);
    expect(haiku.server.requests[0]?.headers['anthropic-beta']).toBe(merged);
  });

  it('is not sent to an OpenAI target the route fails over to', async () => {
    const haiku = await anthropicTarget('haiku', { defaultReply: { status: 503 } });
    const mini = await fakeTarget('openai', 'mini');
    const { client } = await gatewayOver([haiku.target, mini.target], passThrough);
    const { data, response } = await client.beta.messages
      .create({ model: 'main', max_tokens: 100, messages, betas })
      .withResponse();
    expect([data.content, response.headers.get('x-modelmux-target')]).toEqual([
      [{ type: 'text', text: 'echo: with betas' }],
      'mini',
    ]);
    expect(haiku.server.requests.length).toBeGreaterThan(0);
    for (const request of haiku.server.requests)
      expect(request.headers['anthropic-beta']).toBe(merged);
    expect(mini.server.requests.length).toBe(1);
    expect(mini.server.requests[0]?.headers).not.toHaveProperty('anthropic-beta');
  });

  it('leaves the configured betas alone when the header holds none', async () => {
    const haiku = await anthropicTarget('haiku');
    const { gateway } = await gatewayOver([haiku.target], passThrough);
    const raw = await rawRequest(`${gateway.url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'anthropic-beta': ' , ,' },
      body: JSON.stringify({ model: 'main', max_tokens: 100, messages }),
    });
    expect(raw.status).toBe(200);
    expect(haiku.server.requests[0]?.headers['anthropic-beta']).toBe(configured);
  });

  it('answers an invalid beta with a 400 in Anthropic’s shape, calling no target', async () => {
    const haiku = await anthropicTarget('haiku');
    const { client } = await gatewayOver([haiku.target], passThrough);
    const caught = await client.beta.messages
      .create({
        model: 'main',
        max_tokens: 100,
        messages,
        betas: ['context-1m-2025-08-07', 'no spaces'],
      })
      .catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(Anthropic.BadRequestError);
    expect((caught as InstanceType<typeof Anthropic.APIError>).error).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          "Invalid 'anthropic-beta' header: 'no spaces' is not a beta name (letters, digits, '.', '_', '-'; commas between betas).",
      },
    });
    expect(haiku.server.requests.length).toBe(0);
  });
});

describe('the client’s anthropic-beta on a request the pass-through translates', () => {
  it('reaches the Anthropic target through the AI SDK (structured output)', async () => {
    const haiku = await anthropicTarget('haiku', { defaultReply: { text: '{"ok":true}' } });
    const { client } = await gatewayOver([haiku.target], true);
    await client.beta.messages.create({
      model: 'main',
      max_tokens: 100,
      messages,
      betas,
      output_config: {
        format: {
          type: 'json_schema',
          schema: { type: 'object', properties: { ok: { type: 'boolean' } } },
        },
      },
    });
    const sent = haiku.server.requests[0];
    // Translated (content blocks), with the AI SDK's own betas, if any, before the merged ones.
    const body = sent?.body as { messages: { content: unknown }[] } | undefined;
    expect(Array.isArray(body?.messages[0]?.content)).toBe(true);
    const header = sent?.headers['anthropic-beta']?.split(',') ?? [];
    expect(header.filter((beta) => merged.split(',').includes(beta))).toEqual(merged.split(','));
  });
});
