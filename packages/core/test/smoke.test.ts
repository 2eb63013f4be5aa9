import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { threeProviders } from './support/providers.js';

describe('smoke', () => {
  it('fails over from a 503 to the next provider (generate)', async () => {
    const { openai, anthropic, targets } = await threeProviders({ replies: [{ status: 503 }] });
    const router = createRouter({
      targets,
      routes: { main: { targets: ['openai', 'anthropic', 'gemini'] } },
    });
    const result = await generateText({ model: router.model('main'), prompt: 'hi' });
    const trace = result.providerMetadata?.modelmux as any;
    console.log(JSON.stringify(trace, null, 1));
    expect([result.text, openai.server.requests.length, anthropic.server.requests.length]).toEqual([
      'echo: hi',
      1,
      1,
    ]);
  });

  it('fails over from a reset before content (stream)', async () => {
    const { openai, anthropic, targets } = await threeProviders({
      replies: [{ resetAfterChunks: 0 }],
    });
    const router = createRouter({
      targets,
      routes: { main: { targets: ['openai', 'anthropic', 'gemini'] } },
    });
    const result = streamText({ model: router.model('main'), prompt: 'hello world' });
    const text = await result.text;
    const meta = await result.providerMetadata;
    console.log(JSON.stringify(meta?.modelmux));
    expect([text, openai.server.requests.length, anthropic.server.requests.length]).toEqual([
      'echo: hello world',
      1,
      1,
    ]);
  });
});
