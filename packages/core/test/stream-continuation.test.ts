import type { Reply } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { StreamInterruptedError } from '../src/errors/stream-interrupted-error.js';
import type { RouteOptions } from '../src/options/router-options.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { readStream, traceOf } from './support/route-call.js';

// With `continuation: 'prefill'`, a stream that breaks after content goes on at the next target
// that continues an assistant prefill: the caller reads one answer, the continuation request
// carries the partial answer as its last (assistant) message, and the trace marks the splice.

const answer = { text: 'one two three four five', chunks: 5 } satisfies Reply;

async function brokenThenContinued({
  broken = 'openai',
  continuation = [{ text: 'three four five' }],
  route = {},
  spare,
}: {
  broken?: ProviderName;
  continuation?: Reply[];
  route?: Partial<RouteOptions>;
  spare?: Reply[];
} = {}) {
  const first = await fakeTarget(broken, 'first', {
    replies: [{ ...answer, resetAfterChunks: 2 }],
  });
  const second = await fakeTarget('anthropic', 'second', { replies: continuation });
  const third = spare ? await fakeTarget('anthropic', 'third', { replies: spare }) : undefined;
  const router = createRouter({
    targets: [first.target, second.target, ...(third ? [third.target] : [])],
    routes: {
      main: {
        targets: ['first', 'second', ...(third ? ['third'] : [])],
        continuation: 'prefill',
        ...route,
      },
    },
  });
  const { parts, errors } = await readStream(router.model('main'));
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  const finish = parts.find((part) => part.type === 'finish');
  const finishStep = parts.find((part) => part.type === 'finish-step');
  return {
    router,
    parts,
    text,
    errors,
    finishReason: finish?.type === 'finish' ? finish.finishReason : undefined,
    trace: finishStep?.type === 'finish-step' ? traceOf(finishStep.providerMetadata) : undefined,
    servers: [first.server, second.server, ...(third ? [third.server] : [])],
  };
}

/** The last message of a request body the fake Anthropic server logged. */
function lastMessage(body: unknown): unknown {
  return (body as { messages: unknown[] }).messages.at(-1);
}

describe.each<ProviderName>(['openai', 'anthropic', 'gemini'])(
  "continuation: 'prefill' after a %s stream breaks mid-answer",
  (broken) => {
    it('the caller reads one answer: the partial text, then the continuation', async () => {
      const result = await brokenThenContinued({ broken });

      expect(result.errors).toEqual([]);
      expect(result.text).toBe('one two three four five');
      expect(result.finishReason).toBe('stop');
      expect(result.servers.map((server) => server.requests.length)).toEqual([1, 1]);
      // The prefix is the text delivered, its trailing space cut (Anthropic refuses one).
      expect(lastMessage(result.servers[1]?.requests[0]?.body)).toEqual({
        role: 'assistant',
        content: [{ type: 'text', text: 'one two' }],
      });
      // One stream: the continuation's text joins the block the caller has open.
      const types = result.parts.map((part) => part.type);
      expect(types.filter((type) => type === 'text-start')).toHaveLength(1);
      expect(types.filter((type) => type === 'text-end')).toHaveLength(1);
    });
  },
);

describe("continuation: 'prefill'", () => {
  it('marks the splice in the trace: which attempt broke, and at which character', async () => {
    const result = await brokenThenContinued();

    expect(result.trace).toMatchObject({ outcome: 'success', target: 'second' });
    expect(result.trace?.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        target: 'first',
        outcome: 'error',
        reason: 'stream-broken',
        next: 'continue',
      }),
      expect.objectContaining({
        attempt: 2,
        target: 'second',
        outcome: 'success',
        continues: { attempt: 1, atChar: 8 },
      }),
    ]);
    expect(result.router.stats().routes.main).toMatchObject({ calls: 1, successes: 1 });
    expect(result.router.stats().targets.first?.health.consecutiveFailures).toBe(1);
  });

  it('does not repeat the whitespace the prefix lost', async () => {
    const result = await brokenThenContinued({ continuation: [{ text: ' three four five' }] });

    expect(result.text).toBe('one two three four five');
  });

  it('ends with the error part when the continuation target refuses the prefill', async () => {
    const result = await brokenThenContinued({
      continuation: [{ status: 400, error: 'prefill-unsupported' }, { text: 'never asked' }],
    });

    expect(result.text).toBe('one two ');
    expect(result.finishReason).toBe('error');
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0] as StreamInterruptedError;
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(error.target).toBe('first');
    expect(error.message).toContain('no target could continue it');
    expect(error.trace.outcome).toBe('interrupted');
    expect(error.trace.attempts).toEqual([
      expect.objectContaining({ target: 'first', next: 'continue' }),
      expect.objectContaining({
        target: 'second',
        outcome: 'error',
        status: 400,
        reason: 'prefill-unsupported',
        continues: { attempt: 1, atChar: 8 },
      }),
    ]);
    expect(result.router.stats().routes.main).toMatchObject({ calls: 1, failures: 1 });

    // The refusal is remembered: the next broken stream ends at once, without asking again.
    result.servers[0]?.enqueue({ ...answer, resetAfterChunks: 2 });
    const again = await readStream(result.router.model('main'));
    expect(again.errors).toHaveLength(1);
    expect(result.servers.map((server) => server.requests.length)).toEqual([2, 1]);
  });

  it('tries the next prefill-capable target when the first continuation fails', async () => {
    const result = await brokenThenContinued({
      continuation: [{ status: 503 }],
      spare: [{ text: 'three four five' }],
    });

    expect(result.errors).toEqual([]);
    expect(result.text).toBe('one two three four five');
    expect(result.servers.map((server) => server.requests.length)).toEqual([1, 1, 1]);
    expect(
      result.trace?.attempts.map((attempt) => [attempt.target, attempt.continues?.atChar]),
    ).toEqual([
      ['first', undefined],
      ['second', 8],
      ['third', 8],
    ]);
  });

  it('never asks a target without capabilities.prefill: the stream ends with its error part', async () => {
    const first = await fakeTarget('openai', 'first', {
      replies: [{ ...answer, resetAfterChunks: 2 }],
    });
    const second = await fakeTarget('openai', 'second');
    const router = createRouter({
      targets: [first.target, second.target],
      routes: { main: { targets: ['first', 'second'], continuation: 'prefill' } },
    });

    const { parts, errors } = await readStream(router.model('main'));

    expect(parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('')).toBe(
      'one two ',
    );
    expect(errors).toHaveLength(1);
    expect(StreamInterruptedError.isInstance(errors[0])).toBe(true);
    expect(second.server.requests).toHaveLength(0);
  });

  it('stays within retry.maxAttempts: with one attempt, no continuation', async () => {
    const result = await brokenThenContinued({ route: { retry: { maxAttempts: 1 } } });

    expect(result.text).toBe('one two ');
    expect(result.errors).toHaveLength(1);
    expect(result.servers[1]?.requests).toHaveLength(0);
  });
});
