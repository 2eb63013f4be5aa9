import { createOpenAI } from '@ai-sdk/openai';
import { startFakeOpenAI } from '@modelmux/testkit';
import { APICallError, generateText, RetryError } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { AllTargetsFailedError } from '../src/errors/all-targets-failed-error.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { readStream } from './support/route-call.js';

// Inside generateText/streamText, the SDK's own maxRetries must not re-run a routed call that
// has already failed over: a final failure reaches the providers exactly retry.maxAttempts
// times, and the app gets AllTargetsFailedError itself, not an SDK RetryError around it.

const providers: ProviderName[] = ['openai', 'anthropic', 'gemini'];
/** Retry-After: 0 lets the SDK retry without its 2 s backoff, were it to retry at all. */
const down = { status: 503, retryAfterS: 0 } as const;
const maxAttempts = 5;

async function routeAllDown() {
  const servers = await Promise.all(
    providers.map((name) => fakeTarget(name, name, { defaultReply: down })),
  );
  const router = createRouter({
    targets: servers.map((server) => server.target),
    routes: {
      main: { targets: providers, retry: { maxAttempts, backoff: { baseMs: 1, maxMs: 5 } } },
    },
  });
  const requestCounts = () => servers.map((server) => server.server.requests.length);
  return { router, requestCounts };
}

function expectAllTargetsFailed(error: unknown): void {
  expect(RetryError.isInstance(error)).toBe(false);
  expect(APICallError.isInstance(error)).toBe(false);
  expect(AllTargetsFailedError.isInstance(error)).toBe(true);
  const failed = error as AllTargetsFailedError;
  // Three targets, then the budget's last two after backoff, in the route's order.
  expect(failed.attempts.map((attempt) => [attempt.target, attempt.status])).toEqual([
    ['openai', 503],
    ['anthropic', 503],
    ['gemini', 503],
    ['openai', 503],
    ['anthropic', 503],
  ]);
  expect(failed.attempts.map((attempt) => attempt.next)).toEqual([
    'fail-over',
    'fail-over',
    'retry-after-backoff',
    'fail-over',
    'give-up',
  ]);
  // The upstream error is kept as the cause, for whoever needs the provider's own words.
  expect(APICallError.isInstance(failed.cause)).toBe(true);
  expect((failed.cause as APICallError).statusCode).toBe(503);
}

describe('a routed call that fails on every target', () => {
  it.each([
    ['the SDK default (2)', undefined],
    ['5', 5],
  ])(
    'reaches the providers retry.maxAttempts times in generateText with maxRetries %s',
    async (_label, maxRetries) => {
      const { router, requestCounts } = await routeAllDown();

      const error = await generateText({
        model: router.model('main'),
        prompt: 'hi',
        ...(maxRetries === undefined ? {} : { maxRetries }),
      }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );

      expectAllTargetsFailed(error);
      expect(requestCounts()).toEqual([2, 2, 1]);
      expect(router.stats().routes.main).toMatchObject({ calls: 1, failures: 1 });
    },
  );

  it('reaches the providers retry.maxAttempts times in streamText; the error reaches onError and fullStream', async () => {
    const { router, requestCounts } = await routeAllDown();

    const { parts, errors } = await readStream(router.model('main'));

    const errorParts = parts.flatMap((part) => (part.type === 'error' ? [part.error] : []));
    expect(errorParts).toHaveLength(1);
    expect(errors).toEqual(errorParts);
    expectAllTargetsFailed(errorParts[0]);
    expect(parts.some((part) => part.type === 'text-delta')).toBe(false);
    expect(requestCounts()).toEqual([2, 2, 1]);
  });

  it('would be retried by the SDK if it were the raw provider error (control)', async () => {
    const server = await startFakeOpenAI({ defaultReply: down });
    onTestFinished(() => server.close());
    const model = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
      'gpt-4.1-mini',
    );

    const error = await generateText({ model, prompt: 'hi' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    // The same 503 without the router: the SDK's default maxRetries (2) triples the requests.
    expect(RetryError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(3);
  });
});
