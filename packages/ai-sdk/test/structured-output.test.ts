import { createRouter } from '@modelmux/core';
import { generateObject, generateText, Output, streamObject, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouterProvider } from '../src/index.js';
import { attemptsOf, threeProviders, traceOf } from './support/providers.js';

const weather = z.object({ city: z.string(), temperatureC: z.number() });
const paris = { city: 'Paris', temperatureC: 21 };

/** OpenAI answers 503 first; Anthropic then answers with the object as JSON. */
async function failingOverRoute() {
  const fakes = await threeProviders({
    openai: { replies: [{ status: 503 }] },
    anthropic: { replies: [{ text: JSON.stringify(paris) }] },
  });
  const llm = createRouterProvider(
    createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
  );
  return { ...fakes, llm };
}

/** Whether a request body asks for JSON (OpenAI's json_schema, Anthropic's format or json tool). */
function jsonRequested(body: unknown): boolean {
  const text = JSON.stringify(body);
  return text.includes('json_schema') || text.includes('"json"');
}

describe('structured output through the router provider', () => {
  it('generateText with Output.object parses the fail-over answer', async () => {
    const { llm, openai, anthropic } = await failingOverRoute();

    const result = await generateText({
      model: llm('main'),
      output: Output.object({ schema: weather }),
      prompt: 'Weather in Paris?',
    });

    expect(result.output).toEqual(paris);
    expect(attemptsOf(traceOf(result.providerMetadata))).toEqual([
      'openai:503',
      'anthropic:success',
    ]);
    expect([openai.requests.length, anthropic.requests.length]).toEqual([1, 1]);
    expect([openai, anthropic].map((server) => jsonRequested(server.requests[0]?.body))).toEqual([
      true,
      true,
    ]);
  });

  it('streamText with Output.object streams partial objects and ends with the whole one', async () => {
    const { llm, openai, anthropic } = await failingOverRoute();

    const result = streamText({
      model: llm('main'),
      output: Output.object({ schema: weather }),
      prompt: 'Weather in Paris?',
    });
    const partials: unknown[] = [];
    for await (const partial of result.partialOutputStream) partials.push(partial);

    expect(partials.at(-1)).toEqual(paris);
    expect(await result.output).toEqual(paris);
    const trace = traceOf(await result.providerMetadata);
    expect(trace).toMatchObject({ operation: 'stream', outcome: 'success', target: 'anthropic' });
    expect([openai.requests.length, anthropic.requests.length]).toEqual([1, 1]);
  });

  it('generateObject (deprecated, still exported) fails over the same way', async () => {
    const { llm, openai, anthropic } = await failingOverRoute();

    const result = await generateObject({
      model: llm('main'),
      schema: weather,
      prompt: 'Weather in Paris?',
    });

    expect(result.object).toEqual(paris);
    expect(attemptsOf(traceOf(result.providerMetadata))).toEqual([
      'openai:503',
      'anthropic:success',
    ]);
    expect([openai.requests.length, anthropic.requests.length]).toEqual([1, 1]);
  });

  it('streamObject (deprecated, still exported) fails over the same way', async () => {
    const { llm, openai, anthropic } = await failingOverRoute();

    const result = streamObject({ model: llm('main'), schema: weather, prompt: 'Weather?' });
    const partials: unknown[] = [];
    for await (const partial of result.partialObjectStream) partials.push(partial);

    expect(partials.at(-1)).toEqual(paris);
    expect(await result.object).toEqual(paris);
    expect(attemptsOf(traceOf(await result.providerMetadata))).toEqual([
      'openai:503',
      'anthropic:success',
    ]);
    expect([openai.requests.length, anthropic.requests.length]).toEqual([1, 1]);
  });

  it('skips a target marked json: false without calling it, and says so in the trace', async () => {
    const fakes = await threeProviders();
    const router = createRouter({
      targets: fakes.targets.map((target) =>
        target.id === 'openai' ? { ...target, capabilities: { json: false } } : target,
      ),
      routes: { main: fakes.route },
    });

    const result = await generateText({
      model: createRouterProvider(router)('main'),
      output: Output.object({ schema: z.object({ echo: z.string() }) }),
      prompt: 'hi',
    });

    const trace = traceOf(result.providerMetadata);
    expect(result.output).toEqual({ echo: 'hi' });
    expect(trace.candidates[0]?.skipped?.code).toBe('no-json');
    expect(attemptsOf(trace)).toEqual(['anthropic:success']);
    expect([fakes.openai.requests.length, fakes.anthropic.requests.length]).toEqual([0, 1]);
  });
});
