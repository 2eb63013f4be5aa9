import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';

const hi = [{ role: 'user' as const, content: 'hi' }];

async function failingGateway(reply: Parameters<typeof fakeTarget>[2]) {
  const first = await fakeTarget('openai', 'first', reply);
  const second = await fakeTarget('anthropic', 'second', reply);
  const gateway = await startGateway({
    targets: [first.target, second.target],
    routes: { main: { targets: ['first', 'second'], retry: { maxAttempts: 2 } } },
  });
  return { gateway, servers: [first.server, second.server] };
}

describe('routed failures through the official openai client', () => {
  it('a call no target can take is an UnprocessableEntityError', async () => {
    const { target, server } = await fakeTarget(
      'openai',
      'mini',
      {},
      { capabilities: { tools: false } },
    );
    const gateway = await startGateway({
      targets: [target],
      routes: { main: { targets: ['mini'] } },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({
        model: 'main',
        messages: hi,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.UnprocessableEntityError);
    expect(server.requests.length).toBe(0);
  });

  it('a request the provider rejects as invalid is a BadRequestError', async () => {
    const { gateway, servers } = await failingGateway({
      defaultReply: { status: 400, error: 'bad-request' },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(servers.map((server) => server.requests.length)).toEqual([1, 0]);
  });

  it("a provider refusing the server's key is a 502 the client does not retry", async () => {
    const { gateway, servers } = await failingGateway({
      defaultReply: { status: 401, error: 'unauthorized' },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect(await gateway.answered(1)).toBe(1);
    expect(servers.map((server) => server.requests.length)).toEqual([1, 0]);
  });

  it('all targets failing is one 503 with x-should-retry false: the client does not multiply attempts', async () => {
    const { gateway, servers } = await failingGateway({ defaultReply: { status: 503 } });
    const client = gateway.openai(); // maxRetries: its default, 2
    const error = await client.chat.completions
      .create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect([apiError.status, apiError.headers?.get('x-should-retry')]).toEqual([503, 'false']);
    expect(apiError.headers?.get('x-modelmux-attempts')).toBe('2');
    expect(await gateway.answered(1)).toBe(1);
    expect(servers.map((server) => server.requests.length)).toEqual([1, 1]);
  });

  it.each([
    ['non-stream', false],
    ['stream', true],
  ])(
    '%s: a client with maxRetries 5 reaches the providers exactly retry.maxAttempts times',
    async (_label, stream) => {
      const { gateway, servers } = await failingGateway({ defaultReply: { status: 503 } });
      const client = gateway.openai({ maxRetries: 5 });
      const error = await client.chat.completions
        .create({ model: 'main', messages: hi, stream })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('x-should-retry')).toBe(
        'false',
      );
      expect(await gateway.answered(1)).toBe(1);
      // retry.maxAttempts is 2: one attempt on each target, and no client retry on top.
      expect(servers.map((server) => server.requests.length)).toEqual([1, 1]);
    },
  );

  it('all targets rate limited is a 503 with Retry-After', async () => {
    const { gateway } = await failingGateway({
      defaultReply: { status: 429, error: 'rate-limited', retryAfterS: 7 },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const retryAfter = Number(
      (error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after'),
    );
    expect(retryAfter).toBeGreaterThan(5);
    expect(retryAfter).toBeLessThanOrEqual(7);
    expect(await gateway.answered(1)).toBe(1);
  });
});
