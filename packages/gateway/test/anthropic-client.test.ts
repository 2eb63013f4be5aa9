import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';

const key = 'anthropic-sdk-key-0123456789';

/** A route whose OpenAI target fails first, then a Gemini one: Anthropic's API over neither. */
async function messagesGateway() {
  const down = await fakeTarget('openai', 'down', { replies: [{ status: 503 }] });
  const up = await fakeTarget('gemini', 'up');
  const gateway = await startGateway(
    { targets: [down.target, up.target], routes: { smart: { targets: ['down', 'up'] } } },
    { keys: [{ name: 'claude-code', key }] },
  );
  const client = new Anthropic({ baseURL: gateway.url, apiKey: key });
  return { gateway, client, down: down.server, up: up.server };
}

describe('POST /v1/messages with the official Anthropic client', () => {
  it('answers a message after a fail-over, with the routing headers', async () => {
    const { client, down, up } = await messagesGateway();
    const { data, response } = await client.messages
      .create({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] })
      .withResponse();
    expect([data.type, data.role, data.stop_reason, data.content[0]]).toEqual([
      'message',
      'assistant',
      'end_turn',
      { type: 'text', text: 'echo: hello' },
    ]);
    expect([
      response.headers.get('x-modelmux-target'),
      response.headers.get('x-modelmux-attempts'),
    ]).toEqual(['up', '2']);
    expect([down.requests.length, up.requests.length]).toEqual([1, 1]);
  });

  it('streams the named events', async () => {
    const { client } = await messagesGateway();
    const stream = client.messages.stream({
      model: 'smart',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'echo: one two three' }]);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('answers errors in Anthropic’s shape, as the client’s typed errors', async () => {
    const { client, gateway } = await messagesGateway();
    const unknown = await client.messages
      .create({ model: 'nope', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect((unknown as InstanceType<typeof Anthropic.APIError>).error).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: expect.stringContaining("'nope'") },
    });
    const wrongKey = await new Anthropic({
      baseURL: gateway.url,
      apiKey: 'not-a-key-of-this-gateway',
    }).messages
      .create({ model: 'smart', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(wrongKey).toBeInstanceOf(Anthropic.AuthenticationError);
  });
});
