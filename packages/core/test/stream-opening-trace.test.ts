import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { fakeTarget } from './support/providers.js';

const prompt: LanguageModelV4Prompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

describe('a routed stream result', () => {
  it('carries the trace as the stream opened, read from the result before the stream', async () => {
    const down = await fakeTarget('openai', 'down', { replies: [{ status: 503 }] });
    const up = await fakeTarget('anthropic', 'up');
    const router = createRouter({
      targets: [down.target, up.target],
      routes: { main: { targets: ['down', 'up'] } },
    });

    const result = await router.model('main').doStream({ prompt });
    const opened = (result as { providerMetadata?: { modelmux?: unknown } }).providerMetadata
      ?.modelmux as DecisionTrace;
    await result.stream.pipeTo(new WritableStream());

    expect({
      outcome: opened.outcome,
      target: opened.target,
      attempts: opened.attempts.map((attempt) => [attempt.target, attempt.outcome]),
    }).toEqual({
      outcome: 'success',
      target: 'up',
      attempts: [
        ['down', 'error'],
        ['up', 'success'],
      ],
    });
  });

  it('keeps the opening trace out of a spread of the result (the AI SDK spreads it)', async () => {
    const up = await fakeTarget('openai', 'up');
    const router = createRouter({ targets: [up.target], routes: { main: { targets: ['up'] } } });

    const result = await router.model('main').doStream({ prompt });
    const spread = { ...result };
    await result.stream.pipeTo(new WritableStream());

    expect(Object.keys(spread).sort()).toEqual(['request', 'response', 'stream']);
  });
});
