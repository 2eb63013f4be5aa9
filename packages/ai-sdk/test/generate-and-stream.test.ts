import { AllTargetsFailedError, createRouter, StreamInterruptedError } from '@modelmux/core';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouterProvider } from '../src/index.js';
import { attemptsOf, threeProviders, traceOf } from './support/providers.js';

describe('generateText through the router provider', () => {
  it('fails over from an OpenAI 503 to Anthropic and returns the trace', async () => {
    const fakes = await threeProviders({ openai: { replies: [{ status: 503 }] } });
    const llm = createRouterProvider(
      createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
    );

    const result = await generateText({ model: llm('main'), prompt: 'hi' });

    const trace = traceOf(result.providerMetadata);
    expect(result.text).toBe('echo: hi');
    expect(result.response.modelId).toBe('claude-haiku-4-5');
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      1, 1, 0,
    ]);
    expect(attemptsOf(trace)).toEqual(['openai:503', 'anthropic:success']);
    expect(trace).toMatchObject({
      route: 'main',
      operation: 'generate',
      outcome: 'success',
      target: 'anthropic',
    });
    expect(trace.attempts[0]).toMatchObject({
      errorClass: 'retryable-transient',
      next: 'fail-over',
    });
    expect(trace.usage?.inputTokens).toBe(result.usage.inputTokens);
  });

  it('reaches the providers exactly retry.maxAttempts times though the SDK allows 5 retries', async () => {
    const down = { defaultReply: { status: 503 } };
    const fakes = await threeProviders({ openai: down, anthropic: down, gemini: down });
    const router = createRouter({
      targets: fakes.targets,
      routes: {
        main: { ...fakes.route, retry: { maxAttempts: 4, backoff: { baseMs: 1, maxMs: 1 } } },
      },
    });

    const error = await generateText({
      model: createRouterProvider(router)('main'),
      prompt: 'hi',
      maxRetries: 5,
    }).catch((caught: unknown) => caught);

    expect(AllTargetsFailedError.isInstance(error)).toBe(true);
    const failed = error as AllTargetsFailedError;
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      2, 1, 1,
    ]);
    expect(attemptsOf(failed.trace)).toEqual([
      'openai:503',
      'anthropic:503',
      'gemini:503',
      'openai:503',
    ]);
    expect(failed.attempts.at(-1)?.next).toBe('give-up');
    expect(failed.message).toBe(
      "Route 'main' could not answer. 4 attempts failed: openai 503, anthropic 503, gemini 503, openai 503. Add a target on another provider to the route, or raise retry.maxAttempts; the trace lists each attempt.",
    );
  });
});

describe('streamText through the router provider', () => {
  it('streams the fail-over answer with the trace on the finish-step part', async () => {
    const fakes = await threeProviders({ openai: { replies: [{ status: 503 }] } });
    const llm = createRouterProvider(
      createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
    );

    const result = streamText({ model: llm('main'), prompt: 'hello brave new world' });
    const parts: { type: string; providerMetadata?: Record<string, unknown> }[] = [];
    for await (const part of result.fullStream) parts.push(part);

    const types = parts.map((part) => part.type).filter((type) => type !== 'text-delta');
    // `custom` is Anthropic's message_start metadata, passed through untouched.
    expect(types).toEqual([
      'start',
      'start-step',
      'custom',
      'text-start',
      'text-end',
      'finish-step',
      'finish',
    ]);
    expect(parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(1);
    expect(await result.text).toBe('echo: hello brave new world');
    const finishStep = parts.find((part) => part.type === 'finish-step');
    const trace = traceOf(finishStep?.providerMetadata);
    expect(traceOf(await result.providerMetadata)).toEqual(trace);
    expect(attemptsOf(trace)).toEqual(['openai:503', 'anthropic:success']);
    expect(trace).toMatchObject({ operation: 'stream', outcome: 'success', target: 'anthropic' });
    expect(trace.attempts[1]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      1, 1, 0,
    ]);
  });

  it('ends in one error part carrying AllTargetsFailedError when every target fails, with no SDK retry', async () => {
    const fakes = await threeProviders({
      openai: { defaultReply: { status: 503 } },
      anthropic: { defaultReply: { status: 529 } },
      gemini: { defaultReply: { status: 500 } },
    });
    const llm = createRouterProvider(
      createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
    );

    const result = streamText({
      model: llm('main'),
      prompt: 'hi',
      maxRetries: 2,
      onError: () => {},
    });
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === 'error') errors.push(part.error);

    expect(errors).toHaveLength(1);
    expect(AllTargetsFailedError.isInstance(errors[0])).toBe(true);
    expect(attemptsOf((errors[0] as AllTargetsFailedError).trace)).toEqual([
      'openai:503',
      'anthropic:529',
      'gemini:500',
    ]);
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      1, 1, 1,
    ]);
  });

  it('surfaces a break after the first chunk as an error part and never splices another target', async () => {
    const fakes = await threeProviders({
      openai: { replies: [{ text: 'one two three four', chunks: 4, resetAfterChunks: 2 }] },
    });
    const llm = createRouterProvider(
      createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
    );

    const result = streamText({ model: llm('main'), prompt: 'count', onError: () => {} });
    let text = '';
    const errors: unknown[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'error') errors.push(part.error);
    }

    expect(text).toBe('one two ');
    expect(errors).toHaveLength(1);
    expect(StreamInterruptedError.isInstance(errors[0])).toBe(true);
    const trace = (errors[0] as StreamInterruptedError).trace;
    expect(trace).toMatchObject({ outcome: 'interrupted', target: 'openai' });
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      1, 0, 0,
    ]);
  });
});
