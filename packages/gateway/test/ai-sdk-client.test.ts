import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { embedMany, generateText, Output, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startGateway } from './support/gateway.js';
import { fakeEmbeddingTarget, fakeTarget } from './support/providers.js';

const key = 'sdk-key-0123456789abcdef';

async function compatibleGateway() {
  const down = await fakeTarget('anthropic', 'down', {
    defaultReply: { status: 529, error: 'overloaded' },
  });
  const up = await fakeTarget('gemini', 'up');
  const embed = await fakeEmbeddingTarget('embed-small');
  const gateway = await startGateway(
    {
      targets: [down.target, up.target, embed.target],
      routes: { smart: { targets: ['down', 'up'] }, embed: { targets: ['embed-small'] } },
    },
    { keys: [{ name: 'sdk', key }] },
  );
  const provider = createOpenAICompatible({
    name: 'modelmux',
    baseURL: gateway.baseURL,
    apiKey: key,
    includeUsage: true,
    supportsStructuredOutputs: true,
  });
  return { gateway, provider, down: down.server, up: up.server };
}

describe('@ai-sdk/openai-compatible pointed at the gateway', () => {
  it('generateText fails over behind the gateway and reports usage', async () => {
    const { provider, down, up } = await compatibleGateway();
    const result = await generateText({ model: provider('smart'), prompt: 'hello' });
    expect(result.text).toBe('echo: hello');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.response.headers?.['x-modelmux-target']).toBe('up');
    expect([down.requests.length, up.requests.length]).toEqual([1, 1]);
  });

  it('streamText streams the answer with usage', async () => {
    const { provider } = await compatibleGateway();
    const result = streamText({ model: provider('smart'), prompt: 'one two three' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('echo: one two three');
    expect([await result.finishReason, ((await result.usage).outputTokens ?? 0) > 0]).toEqual([
      'stop',
      true,
    ]);
  });

  it('structured output goes through as a JSON schema', async () => {
    const { provider } = await compatibleGateway();
    const { output } = await generateText({
      model: provider('smart'),
      prompt: 'hi',
      output: Output.object({ schema: z.object({ echo: z.string() }) }),
    });
    expect(output).toEqual({ echo: 'hi' });
  });

  it('embedMany calls the embeddings endpoint', async () => {
    const { provider } = await compatibleGateway();
    const { embeddings } = await embedMany({
      model: provider.embeddingModel('embed'),
      values: ['a', 'b', 'c'],
    });
    expect(embeddings.map((embedding) => embedding.length)).toEqual([8, 8, 8]);
  });
});
