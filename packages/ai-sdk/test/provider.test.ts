import { NoSuchModelError } from '@ai-sdk/provider';
import { createRouter, type DecisionTrace, NoSuchRouteError, RouterError } from '@modelmux/core';
import { embed, generateText, streamText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouterProvider } from '../src/index.js';
import {
  attemptsOf,
  embeddingTarget,
  languageTarget,
  threeProviders,
  traceOf,
} from './support/providers.js';

/** Route 'main' (OpenAI 503 first, then Anthropic, Gemini) and route 'embed' (OpenAI). */
async function router() {
  const fakes = await threeProviders({ openai: { replies: [{ status: 503 }] } });
  const embedding = await embeddingTarget('openai');
  const instance = createRouter({
    targets: [...fakes.targets, embedding.target],
    routes: { main: fakes.route, embed: { targets: ['openai-embed'] } },
  });
  const decisions: DecisionTrace[] = [];
  instance.on('decision', (trace) => decisions.push(trace));
  return { ...fakes, router: instance, decisions, embedServer: embedding.server };
}

describe('createRouterProvider', () => {
  it('hands out one model per route: llm(route), llm.languageModel(route), llm() = first route', async () => {
    const { router: instance } = await router();
    const llm = createRouterProvider(instance);

    const model = llm('main');

    expect([model.provider, model.modelId, model.specificationVersion]).toEqual([
      'modelmux',
      'main',
      'v4',
    ]);
    expect(llm.languageModel('main')).toBe(model);
    expect(llm()).toBe(model);
    expect(llm.embeddingModel('embed').modelId).toBe('embed');
  });

  it('throws NoSuchRouteError for an unknown route and a kind error for the wrong model kind', async () => {
    const llm = createRouterProvider((await router()).router);

    expect(() => llm('smart')).toThrow(NoSuchRouteError);
    expect(() => llm('smart')).toThrow("No route 'smart'. Known: main, embed.");
    const wrongKind = [() => llm('embed'), () => llm.embeddingModel('main')].map((call) => {
      try {
        call();
      } catch (error) {
        return RouterError.isInstance(error) ? error.code : 'not a RouterError';
      }
      return 'no error';
    });
    expect(wrongKind).toEqual(['route-kind', 'route-kind']);
  });

  it('throws NoSuchModelError for an image model', async () => {
    const llm = createRouterProvider((await router()).router);

    let caught: unknown;
    try {
      llm.imageModel('dall-e-3');
    } catch (error) {
      caught = error;
    }

    expect(NoSuchModelError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ modelId: 'dall-e-3', modelType: 'imageModel' });
  });

  it('routes model id strings when set as globalThis.AI_SDK_DEFAULT_PROVIDER', async () => {
    const { router: instance, openai, anthropic, embedServer } = await router();
    const previous = globalThis.AI_SDK_DEFAULT_PROVIDER;
    globalThis.AI_SDK_DEFAULT_PROVIDER = createRouterProvider(instance);
    onTestFinished(() => {
      globalThis.AI_SDK_DEFAULT_PROVIDER = previous;
    });

    const text = await generateText({ model: 'main', prompt: 'hi' });
    const vector = await embed({ model: 'embed', value: 'hi' });

    expect(text.text).toBe('echo: hi');
    expect(attemptsOf(traceOf(text.providerMetadata))).toEqual(['openai:503', 'anthropic:success']);
    expect(vector.embedding).toHaveLength(8);
    expect(traceOf(vector.providerMetadata).route).toBe('embed');
    expect([openai, anthropic, embedServer].map((server) => server.requests.length)).toEqual([
      1, 1, 1,
    ]);
  });
});

describe('a request-bound client as a provider', () => {
  it('copies the binding metadata into every trace, generate, stream and embed alike', async () => {
    const { router: instance, decisions } = await router();
    const llm = createRouterProvider(
      instance.createClient({
        signal: new AbortController().signal,
        metadata: { requestId: 'r1' },
      }),
    );

    const generated = await generateText({ model: llm('main'), prompt: 'hi' });
    const streamed = streamText({ model: llm('main'), prompt: 'hi' });
    await streamed.consumeStream();
    const embedded = await embed({ model: llm.embeddingModel('embed'), value: 'hi' });
    await generateText({ model: createRouterProvider(instance)('main'), prompt: 'unbound' });

    const traces = [
      traceOf(generated.providerMetadata),
      traceOf(await streamed.providerMetadata),
      traceOf(embedded.providerMetadata),
    ];
    expect(traces.map((trace) => trace.metadata)).toEqual([
      { requestId: 'r1' },
      { requestId: 'r1' },
      { requestId: 'r1' },
    ]);
    expect(decisions.map((trace) => trace.metadata?.requestId)).toEqual([
      'r1',
      'r1',
      'r1',
      undefined,
    ]);
  });

  it("aborts the upstream request when the binding's signal fires, and starts no other attempt", async () => {
    const hung = await languageTarget('openai', { replies: [{ fault: 'hang' }] });
    const backup = await languageTarget('anthropic');
    const instance = createRouter({
      targets: [hung.target, backup.target],
      routes: { main: { targets: ['openai', 'anthropic'] } },
    });
    const decisions: DecisionTrace[] = [];
    instance.on('decision', (trace) => decisions.push(trace));
    const controller = new AbortController();
    const llm = createRouterProvider(instance.createClient({ signal: controller.signal }));

    const call = generateText({ model: llm('main'), prompt: 'hi' }).catch(
      (error: unknown) => error,
    );
    await hung.server.waitForRequests(1);
    controller.abort();
    const error = await call;
    const closed = await hung.server.waitForClose(1);

    expect((error as Error).name).toBe('AbortError');
    expect(closed.outcome).toBe('client-closed');
    expect(backup.server.requests).toHaveLength(0);
    expect(decisions.map((trace) => [trace.outcome, trace.attempts.length])).toEqual([
      ['aborted', 1],
    ]);
  });
});
