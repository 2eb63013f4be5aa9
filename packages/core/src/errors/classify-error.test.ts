import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import {
  type FakeServer,
  type FakeServerOptions,
  type Reply,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AttemptTimeoutError } from './attempt-timeout-error.js';
import { classifyError } from './classify-error.js';
import type { ClassifiedError } from './error-class.js';

// Every error here is what a real `@ai-sdk/*` provider threw after talking HTTP to the testkit,
// so the classifier is checked against the providers' actual error objects and bodies.

type ProviderName = 'openai' | 'anthropic' | 'gemini';

const call: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

async function providerModel(
  provider: ProviderName,
  options: FakeServerOptions,
  apiKey?: string,
): Promise<{ server: FakeServer; model: LanguageModelV4 }> {
  const start = { openai: startFakeOpenAI, anthropic: startFakeAnthropic, gemini: startFakeGemini };
  const server = await start[provider](options);
  onTestFinished(() => server.close());
  const settings = { baseURL: server.baseURL, apiKey: apiKey ?? server.apiKey };
  const model =
    provider === 'openai'
      ? createOpenAI(settings).chat('gpt-4.1-mini')
      : provider === 'anthropic'
        ? createAnthropic(settings)('claude-haiku-4-5')
        : createGoogleGenerativeAI(settings)('gemini-2.5-flash');
  return { server, model };
}

/** What doGenerate threw. */
async function generateError(model: LanguageModelV4, options = call): Promise<unknown> {
  try {
    await model.doGenerate(options);
  } catch (error) {
    return error;
  }
  throw new Error('doGenerate succeeded; the scripted fault did not fail it');
}

/** What doStream threw, or the first error its stream yielded (part or rejected read). */
async function streamError(model: LanguageModelV4): Promise<unknown> {
  let reader: ReadableStreamDefaultReader<{ type: string; error?: unknown }>;
  try {
    reader = (await model.doStream(call)).stream.getReader();
  } catch (error) {
    return error;
  }
  for (;;) {
    let read: ReadableStreamReadResult<{ type: string; error?: unknown }>;
    try {
      read = await reader.read();
    } catch (error) {
      return error;
    }
    if (read.done) throw new Error('the stream ended without an error');
    if (read.value.type === 'error') return read.value.error;
  }
}

async function classified(
  provider: ProviderName,
  reply: Reply,
  mode: 'generate' | 'stream' = 'generate',
): Promise<ClassifiedError> {
  const { model } = await providerModel(provider, { replies: [reply] });
  const error = mode === 'generate' ? await generateError(model) : await streamError(model);
  return classifyError(error, { callerAborted: false });
}

const shape = ({ errorClass, reason, status }: ClassifiedError) => ({ errorClass, reason, status });

describe.each<ProviderName>(['openai', 'anthropic', 'gemini'])(
  'classifyError on real %s provider errors',
  (provider) => {
    it('a 500 is retryable-transient server-error', async () => {
      expect(shape(await classified(provider, { status: 500 }))).toEqual({
        errorClass: 'retryable-transient',
        reason: 'server-error',
        status: 500,
      });
    });

    it('a 503 is retryable-transient, from doGenerate and doStream alike', async () => {
      // OpenAI's 503 body reads "The server is overloaded or not ready yet."
      const reason = provider === 'openai' ? 'overloaded' : 'server-error';
      const expected = { errorClass: 'retryable-transient', reason, status: 503 };
      expect(shape(await classified(provider, { status: 503 }))).toEqual(expected);
      expect(shape(await classified(provider, { status: 503 }, 'stream'))).toEqual(expected);
    });

    it("the provider's overloaded error is retryable-transient overloaded", async () => {
      // Anthropic answers 529 overloaded_error; OpenAI and Gemini a 503 saying "overloaded".
      const status = provider === 'anthropic' ? 529 : 503;
      expect(shape(await classified(provider, { error: 'overloaded' }))).toEqual({
        errorClass: 'retryable-transient',
        reason: 'overloaded',
        status,
      });
    });

    it('a 429 is rate-limited with the wait the provider named', async () => {
      for (const mode of ['generate', 'stream'] as const) {
        const result = await classified(provider, { status: 429, retryAfterS: 30 }, mode);
        expect([shape(result), result.retryAfterMs]).toEqual([
          { errorClass: 'rate-limited', reason: 'rate-limited', status: 429 },
          30_000,
        ]);
      }
    });

    it('a 429 with no scripted wait carries the one the provider always sends (Gemini: none)', async () => {
      const result = await classified(provider, { status: 429 });
      // OpenAI and Anthropic always send retry-after on a 429 (the testkit: 1 s); Gemini sends
      // its wait only as a RetryInfo detail, absent here.
      expect([result.errorClass, result.retryAfterMs]).toEqual([
        'rate-limited',
        provider === 'gemini' ? undefined : 1_000,
      ]);
    });

    it('a 400 context-length error is fallback-only context-length', async () => {
      expect(shape(await classified(provider, { error: 'context-length-exceeded' }))).toEqual({
        errorClass: 'fallback-only',
        reason: 'context-length',
        status: 400,
      });
    });

    it('a 400 content-policy refusal is fallback-only content-policy', async () => {
      expect(shape(await classified(provider, { error: 'content-policy' }))).toEqual({
        errorClass: 'fallback-only',
        reason: 'content-policy',
        status: 400,
      });
    });

    it('a 400 refusing an assistant prefill is fallback-only prefill-unsupported', async () => {
      expect(shape(await classified(provider, { error: 'prefill-unsupported' }))).toEqual({
        errorClass: 'fallback-only',
        reason: 'prefill-unsupported',
        status: 400,
      });
    });

    it('a plain 400 is a caller-error bad-request', async () => {
      expect(shape(await classified(provider, { status: 400 }))).toEqual({
        errorClass: 'caller-error',
        reason: 'bad-request',
        status: 400,
      });
    });

    it('a wrong API key (401) is a caller-error unauthorized, and the message holds no key', async () => {
      const key = 'sk-wrong-0123456789abcdefghijkl';
      const { model, server } = await providerModel(provider, {}, key);
      const result = classifyError(await generateError(model), { callerAborted: false });
      expect([shape(result), server.requests[0]?.authorized]).toEqual([
        { errorClass: 'caller-error', reason: 'unauthorized', status: 401 },
        false,
      ]);
      expect(result.message).not.toContain(key);
    });

    it('an unknown model (404) is a caller-error not-found', async () => {
      expect(shape(await classified(provider, { status: 404 }))).toEqual({
        errorClass: 'caller-error',
        reason: 'not-found',
        status: 404,
      });
    });

    it('a connection reset before the response is retryable-transient network', async () => {
      const result = await classified(provider, { fault: 'reset' });
      expect(shape(result)).toEqual({
        errorClass: 'retryable-transient',
        reason: 'network',
        status: undefined,
      });
    });

    it('a stream reset before or after its first chunk is retryable-transient', async () => {
      for (const resetAfterChunks of [0, 1]) {
        const result = await classified(provider, { resetAfterChunks, chunks: 3 }, 'stream');
        expect(result.errorClass).toBe('retryable-transient');
        expect(['network', 'stream-broken']).toContain(result.reason);
      }
    });

    it("the router's attempt timer aborting a hung request is retryable-transient timeout", async () => {
      const { model, server } = await providerModel(provider, { replies: [{ fault: 'hang' }] });
      const controller = new AbortController();
      const pending = generateError(model, { ...call, abortSignal: controller.signal });
      await server.waitForRequests(1);
      controller.abort(new AttemptTimeoutError({ timer: 'attempt', afterMs: 5_000 }));
      const error = await pending;
      // The router classifies its own signal's reason; what the provider threw must agree.
      for (const seen of [error, controller.signal.reason]) {
        expect(shape(classifyError(seen, { callerAborted: false }))).toEqual({
          errorClass: 'retryable-transient',
          reason: 'timeout',
          status: undefined,
        });
      }
      expect((await server.waitForClose(1)).outcome).toBe('client-closed');
    });

    it("the caller's abort is aborted", async () => {
      const { model, server } = await providerModel(provider, { replies: [{ fault: 'hang' }] });
      const controller = new AbortController();
      const pending = generateError(model, { ...call, abortSignal: controller.signal });
      await server.waitForRequests(1);
      controller.abort();
      const error = await pending;
      expect((error as Error).name).toBe('AbortError');
      expect(shape(classifyError(error, { callerAborted: true }))).toEqual({
        errorClass: 'aborted',
        reason: 'aborted',
        status: undefined,
      });
    });
  },
);

describe('classifyError on provider-specific shapes', () => {
  it("Gemini's bad key as the real API sends it (400 API_KEY_INVALID) is a caller-error", async () => {
    const result = await classified('gemini', { status: 400, error: 'unauthorized' });
    expect(shape(result)).toEqual({
      errorClass: 'caller-error',
      reason: 'unauthorized',
      status: 400,
    });
  });

  it("Gemini's RESOURCE_EXHAUSTED with a RetryInfo detail names the wait in the body", async () => {
    const result = await classified('gemini', { status: 429, retryAfterS: 2.5 });
    expect([result.reason, result.retryAfterMs]).toEqual(['rate-limited', 2_500]);
  });

  it("Anthropic's 529 overloaded_error counts against the target (retryable-transient)", async () => {
    const result = await classified('anthropic', { status: 529 }, 'stream');
    expect(shape(result)).toEqual({
      errorClass: 'retryable-transient',
      reason: 'overloaded',
      status: 529,
    });
  });
});
