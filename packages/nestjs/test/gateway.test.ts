import { createGatewayHandler } from '@modelmux/gateway';
import { Test } from '@nestjs/testing';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LLM_ROUTER, LlmRouterModule } from '../src/index.js';
import { fakeRouterOptions } from './support/fake-providers.js';

describe('the gateway in a Nest app', () => {
  it('mounts on the module router and answers the official openai client with fail-over', async () => {
    const { options, servers } = await fakeRouterOptions({
      openai: { replies: [{ status: 503 }] },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [LlmRouterModule.forRoot(options)],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    onTestFinished(() => app.close());
    app.use(
      '/v1',
      createGatewayHandler({
        router: app.get(LLM_ROUTER),
        keys: [{ name: 'web', key: 'mm-nest-key-0123456789abcdef' }],
      }),
    );
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();

    const client = new OpenAI({
      baseURL: `${url.replace('[::1]', '127.0.0.1')}/v1`,
      apiKey: 'mm-nest-key-0123456789abcdef',
      maxRetries: 0,
    });
    const completion = await client.chat.completions.create({
      model: 'main',
      messages: [{ role: 'user', content: 'hello' }],
    });

    expect(completion.choices[0]?.message.content).toBe('echo: hello');
    expect([servers.openai.requests.length, servers.anthropic.requests.length]).toEqual([1, 1]);
  });
});
