import type { Reply } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { StreamInterruptedError } from '../src/errors/stream-interrupted-error.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { readStream } from './support/route-call.js';

// Once content has reached the caller, a failure is never spliced with another target's answer
// and never hidden: the stream ends with an error part (StreamInterruptedError, with the trace)
// and a finish part whose reason says so. Each provider's own wire format, through its real SDK.

const providers: ProviderName[] = ['openai', 'anthropic', 'gemini'];
const answer = { text: 'one two three four five', chunks: 5 } satisfies Reply;

/** The provider under test leads a route whose other two targets must never be asked. */
async function brokenAfterContent(provider: ProviderName, reply: Reply) {
  const others = providers.filter((name) => name !== provider);
  const broken = await fakeTarget(provider, provider, { replies: [{ ...answer, ...reply }] });
  const spares = await Promise.all(others.map((name) => fakeTarget(name, name)));
  const router = createRouter({
    targets: [broken.target, ...spares.map((spare) => spare.target)],
    routes: { main: { targets: [provider, ...others] } },
  });
  const { parts, errors } = await readStream(router.model('main'));
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  const errorParts = parts.flatMap((part) => (part.type === 'error' ? [part.error] : []));
  const finish = parts.find((part) => part.type === 'finish');
  return {
    router,
    text,
    errors,
    errorParts,
    finishReason: finish?.type === 'finish' ? finish.finishReason : undefined,
    requests: [broken, ...spares].map((target) => target.server.requests.length),
  };
}

function interruption(error: unknown): StreamInterruptedError {
  expect(StreamInterruptedError.isInstance(error)).toBe(true);
  return error as StreamInterruptedError;
}

describe.each(providers)('a %s stream that breaks after content', (provider) => {
  it('delivers the partial text, then an error part carrying the trace; no other target is tried', async () => {
    const result = await brokenAfterContent(provider, { resetAfterChunks: 2 });

    expect(result.text).toBe('one two ');
    expect(result.requests).toEqual([1, 0, 0]);
    expect(result.errorParts).toHaveLength(1);
    expect(result.errors).toEqual(result.errorParts);
    expect(result.finishReason).toBe('error');
    const error = interruption(result.errorParts[0]);
    expect([error.route, error.target]).toEqual(['main', provider]);
    expect(error.message).toContain('retry the call');
    expect(error.trace.outcome).toBe('interrupted');
    expect(error.trace.target).toBe(provider);
    expect(error.trace.attempts).toEqual([
      expect.objectContaining({
        target: provider,
        outcome: 'error',
        errorClass: 'retryable-transient',
        reason: 'stream-broken',
        next: 'stop',
      }),
    ]);
    // A broken stream counts against the target's breaker and as a failed call of the route.
    const stats = result.router.stats();
    expect(stats.targets[provider]?.health.consecutiveFailures).toBe(1);
    expect(stats.routes.main).toMatchObject({ calls: 1, successes: 0, failures: 1 });
  });

  it('reports a stream that ends without its terminator as interrupted, not as an answer', async () => {
    const result = await brokenAfterContent(provider, { fault: 'no-terminator' });

    expect(result.text).toBe(answer.text);
    expect(result.requests).toEqual([1, 0, 0]);
    expect(result.errorParts).toHaveLength(1);
    expect(result.finishReason).toBe('interrupted');
    const error = interruption(result.errorParts[0]);
    expect(error.trace.outcome).toBe('interrupted');
    expect(error.trace.attempts).toEqual([
      expect.objectContaining({ target: provider, outcome: 'error', reason: 'stream-broken' }),
    ]);
    expect(result.router.stats().targets[provider]?.health.consecutiveFailures).toBe(1);
  });

  it('ends with an error part at a malformed chunk after content', async () => {
    const result = await brokenAfterContent(provider, { malformedChunkAt: 3 });

    expect(result.text).toBe('one two ');
    expect(result.requests).toEqual([1, 0, 0]);
    expect(result.errorParts).toHaveLength(1);
    expect(result.finishReason).toBe('error');
    const error = interruption(result.errorParts[0]);
    expect(error.trace.outcome).toBe('interrupted');
    expect(error.trace.attempts).toEqual([
      expect.objectContaining({
        target: provider,
        outcome: 'error',
        errorClass: 'retryable-transient',
        reason: 'stream-broken',
        next: 'stop',
      }),
    ]);
  });

  it('fails over when the stream ends without content or terminator, rather than answer empty', async () => {
    const result = await brokenAfterContent(provider, { text: '', fault: 'no-terminator' });

    expect(result.errorParts).toEqual([]);
    expect(result.text).toBe('echo: hi');
    expect(result.finishReason).toBe('stop');
    expect(result.requests).toEqual([1, 1, 0]);
  });
});
