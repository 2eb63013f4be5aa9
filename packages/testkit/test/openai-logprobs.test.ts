import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServerOptions } from '../src/core/fake-server.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function officialClient(options?: FakeServerOptions) {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  return client;
}

const messages = [{ role: 'user' as const, content: 'Capital of France?' }];

describe('fake OpenAI chat logprobs', () => {
  it('sends a log-probability per token when the request asks, and none otherwise', async () => {
    const client = await officialClient({
      defaultReply: { text: 'Maybe Lyon, or Paris.', logprob: [-0.2, -1.5, -2.5] },
    });
    const asked = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      logprobs: true,
    });
    const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });

    expect(
      asked.choices[0]?.logprobs?.content?.map(({ token, logprob }) => [token, logprob]),
    ).toEqual([
      ['Maybe ', -0.2],
      ['Lyon, ', -1.5],
      ['or ', -2.5],
      ['Paris.', -2.5],
    ]);
    expect(plain.choices[0]?.logprobs).toBeNull();
  });

  it('streams each chunk with the log-probabilities of its own tokens, counted across chunks', async () => {
    const client = await officialClient({
      defaultReply: { text: 'one two three four', chunks: 2, logprob: [-0.1, -0.2, -0.3, -0.4] },
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      logprobs: true,
      stream: true,
    });
    const seen: [string, number][] = [];
    for await (const chunk of stream) {
      for (const entry of chunk.choices[0]?.logprobs?.content ?? [])
        seen.push([entry.token, entry.logprob]);
    }

    expect(seen).toEqual([
      ['one ', -0.1],
      ['two ', -0.2],
      ['three ', -0.3],
      ['four', -0.4],
    ]);
  });

  it('refuses a logprob that is not a log-probability, naming the option', async () => {
    await expect(startFakeOpenAI({ replies: [{ logprob: 0.5 }] })).rejects.toThrow(
      'replies[0].logprob: must be a log-probability (a number <= 0) or a non-empty array of them, got 0.5',
    );
  });
});
