import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { StreamInterruptedError } from '../src/errors/stream-interrupted-error.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { createFakeClock } from './support/fake-clock.js';
import { fakeTarget } from './support/providers.js';

// A stream whose caller stops reading (or never starts) still ends at the call's deadline: the
// call settles as interrupted (health, stats and the decision event see it), the upstream request
// is closed, and the caller finds the error part whenever it reads on. The deadline runs on the
// injected clock; the upstream is a real fake server whose chunks come 10 s apart (real time),
// so it is mid-answer when the deadline fires.

const deadlineMs = 1_000;

async function slowRoute() {
  const clock = createFakeClock();
  const upstream = await fakeTarget('openai', 'openai', {
    replies: [{ text: 'one two three four five', chunks: 5, chunkDelayMs: 10_000 }],
  });
  const router = createRouter({
    targets: [upstream.target],
    routes: { main: { targets: ['openai'], timeouts: { deadlineMs } } },
    clock,
  });
  const decisions: DecisionTrace[] = [];
  router.on('decision', (trace) => decisions.push(trace));
  return { clock, upstream, router, decisions };
}

function expectDeadlineEnded(decisions: DecisionTrace[]) {
  expect(decisions).toHaveLength(1);
  const [trace] = decisions as [DecisionTrace];
  expect(trace.outcome).toBe('interrupted');
  expect(trace.attempts).toEqual([
    expect.objectContaining({
      target: 'openai',
      outcome: 'error',
      reason: 'timeout',
      next: 'stop',
    }),
  ]);
  expect(trace.attempts[0]?.message).toContain('deadline timeout');
}

describe('a routed stream nobody reads on', () => {
  it('ends at the deadline when the caller stopped reading after the first text', async () => {
    const { clock, upstream, router, decisions } = await slowRoute();
    const result = streamText({ model: router.model('main'), prompt: 'hi', onError: () => {} });
    const reader = result.fullStream[Symbol.asyncIterator]();
    let text = '';
    while (text === '') {
      const { value } = await reader.next();
      if (value?.type === 'text-delta') text += value.text;
    }
    expect(text).toBe('one ');
    expect(decisions).toHaveLength(0);

    clock.advance(deadlineMs - 1);
    expect(decisions).toHaveLength(0);
    clock.advance(1);

    // A read the AI SDK had pending settles through the abort, a turn later.
    expect((await upstream.server.waitForClose(1)).outcome).toBe('client-closed');
    expectDeadlineEnded(decisions);
    expect(router.stats().targets.openai?.health.inFlight).toBe(0);
    // Reading on: what had arrived, then the error part with the trace; never a silent end.
    const rest: string[] = [];
    let error: unknown;
    for (;;) {
      const { value, done } = await reader.next();
      if (done) break;
      rest.push(value.type);
      if (value.type === 'error') error = value.error;
    }
    expect(rest).toContain('error');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).trace.outcome).toBe('interrupted');
  });

  it('ends at the deadline when the caller never reads the body at all', async () => {
    const { clock, upstream, router, decisions } = await slowRoute();
    const { stream } = await router.model('main').doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });

    clock.advance(deadlineMs);

    expectDeadlineEnded(decisions);
    expect(router.stats().targets.openai?.health.inFlight).toBe(0);
    expect((await upstream.server.waitForClose(1)).outcome).toBe('client-closed');
    const parts: LanguageModelV4StreamPart[] = [];
    for await (const part of stream) parts.push(part);
    // What had arrived before the deadline, then the error part and the finish part.
    const text = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe('one ');
    expect(parts[0]?.type).toBe('stream-start');
    expect(parts.slice(-2).map((part) => part.type)).toEqual(['error', 'finish']);
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason.unified).toBe('error');
  });

  it('leaves a caller that reads slowly within the deadline alone', async () => {
    const { clock, router, decisions } = await slowRoute();
    const { stream } = await router.model('main').doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    clock.advance(deadlineMs - 1);
    expect(decisions).toHaveLength(0);
    const reader = stream.getReader();
    const types: string[] = [];
    while (!types.includes('text-delta')) types.push((await reader.read()).value?.type ?? 'done');
    expect(types).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta']);
    expect(decisions).toHaveLength(0);
    await reader.cancel();
  });
});
