import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/key-hash.js';
import { startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';

const aliceKey = 'alice-key-0123456789abcdef';
const bobKey = 'bob-key-0123456789abcdef01';
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('errors through the official openai client', () => {
  it('a wrong type is a BadRequestError naming the param', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway({
      targets: [target],
      routes: { main: { targets: ['mini'] } },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({
        model: 'main',
        messages: hi,
        temperature: 'hot' as unknown as number,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
  });

  it('an unsupported parameter is a BadRequestError, not silently ignored', async () => {
    const { target, server } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway({
      targets: [target],
      routes: { main: { targets: ['mini'] } },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({ model: 'main', messages: hi, n: 2 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('n');
    expect(server.requests.length).toBe(0);
  });

  it('a wrong key is an AuthenticationError, a key for another route a PermissionDeniedError', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway(
      { targets: [target], routes: { main: { targets: ['mini'] }, other: { targets: ['mini'] } } },
      {
        keys: [
          { name: 'alice', key: aliceKey },
          { name: 'bob', keyHash: hashApiKey(bobKey), routes: ['other'] },
        ],
      },
    );
    const wrong = await gateway
      .openai({ apiKey: 'not-a-key-of-this-gateway' })
      .chat.completions.create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
    const forbidden = await gateway
      .openai({ apiKey: bobKey })
      .chat.completions.create({ model: 'main', messages: hi })
      .catch((caught: unknown) => caught);
    expect(forbidden).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const answers = await Promise.all([
      gateway.openai({ apiKey: aliceKey }).chat.completions.create({ model: 'main', messages: hi }),
      gateway.openai({ apiKey: bobKey }).chat.completions.create({ model: 'other', messages: hi }),
    ]);
    expect(answers.map((answer) => answer.choices[0]?.message.content)).toEqual([
      'echo: hi',
      'echo: hi',
    ]);
    // bob sees only what his key may use
    const models = await gateway.openai({ apiKey: bobKey }).models.list();
    expect(models.data.map((model) => model.id)).toEqual(['other']);
    await gateway.answered(5);
    const records = gateway.log.records().filter((record) => record.msg === 'request');
    expect(records.map((record) => `${record.status} ${record.key}`).sort()).toEqual([
      '200 alice',
      '200 bob',
      '200 bob',
      '401 undefined',
      '403 bob',
    ]);
  });

  it('an unknown model is a NotFoundError with code model_not_found', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway({
      targets: [target],
      routes: { main: { targets: ['mini'] } },
    });
    const error = await gateway
      .openai()
      .chat.completions.create({ model: 'gpt-5', messages: hi })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('a body over the limit is an APIError with status 413, not retried', async () => {
    const { target, server } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway(
      { targets: [target], routes: { main: { targets: ['mini'] } } },
      { bodyLimitBytes: 1024 },
    );
    const error = await gateway
      .openai()
      .chat.completions.create({
        model: 'main',
        messages: [{ role: 'user', content: 'x'.repeat(2048) }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect([
      (error as InstanceType<typeof OpenAI.APIError>).status,
      server.requests.length,
    ]).toEqual([413, 0]);
    expect(await gateway.answered(1)).toBe(1);
  });
});
