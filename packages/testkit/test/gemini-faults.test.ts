import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { APICallError, generateText, streamText, type TextStreamPart, type ToolSet } from 'ai';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { FakeServerOptions } from '../src/core/fake-server.js';
import type { Reply } from '../src/core/reply.js';
import { startFakeGemini } from '../src/gemini/start-fake-gemini.js';

async function fakeGemini(options?: FakeServerOptions) {
  const server = await startFakeGemini(options);
  onTestFinished(() => server.close());
  const model = createGoogleGenerativeAI({ baseURL: server.baseURL, apiKey: server.apiKey })(
    'gemini-2.5-flash',
  );
  return { server, model };
}

/** What a call that must fail rejects with, checked to be an APICallError. */
async function apiCallErrorOf(call: Promise<unknown>): Promise<APICallError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!APICallError.isInstance(error)) throw new Error(`expected an APICallError, got ${error}`);
  return error;
}

/** The APICallError a non-streaming call fails with (maxRetries 0: each fault is seen once). */
async function callError(reply: Reply): Promise<APICallError> {
  const { model } = await fakeGemini({ replies: [reply] });
  return apiCallErrorOf(generateText({ model, prompt: 'hi', maxRetries: 0 }));
}

type GoogleError = {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] };
};

function errorBody(error: APICallError): GoogleError {
  return JSON.parse(error.responseBody ?? '{}');
}

/** Every part of a streamText call, with the time each arrived. */
async function streamParts(options: FakeServerOptions) {
  const { server, model } = await fakeGemini(options);
  const parts: { part: TextStreamPart<ToolSet>; at: number }[] = [];
  // onError: the parts are asserted; the default handler would only log them.
  const result = streamText({
    model,
    prompt: 'one two three four five',
    maxRetries: 0,
    onError: () => {},
  });
  let thrown: unknown;
  try {
    for await (const part of result.fullStream) parts.push({ part, at: performance.now() });
  } catch (error) {
    thrown = error;
  }
  const deltas = parts.flatMap(({ part }) => (part.type === 'text-delta' ? [part.text] : []));
  const errors = parts.flatMap(({ part }) => (part.type === 'error' ? [part.error] : []));
  const finish = parts.find(({ part }) => part.type === 'finish')?.part;
  return { server, parts, deltas, errors, finish, thrown };
}

describe('fake Gemini: HTTP errors as @ai-sdk/google sees them', () => {
  it.each([
    [{ status: 500 }, 500, 'INTERNAL', true],
    [{ status: 503 }, 503, 'UNAVAILABLE', true],
    [{ error: 'overloaded' }, 503, 'UNAVAILABLE', true],
    [{ status: 504 }, 504, 'DEADLINE_EXCEEDED', true],
    [{ error: 'bad-request' }, 400, 'INVALID_ARGUMENT', false],
    [{ error: 'forbidden' }, 403, 'PERMISSION_DENIED', false],
    [{ error: 'not-found' }, 404, 'NOT_FOUND', false],
    [{ status: 401 }, 401, 'UNAUTHENTICATED', false],
    [{ status: 429 }, 429, 'RESOURCE_EXHAUSTED', true],
  ] satisfies [Reply, number, string, boolean][])(
    '%o answers %i with status %s (retryable: %s)',
    async (reply, status, googleStatus, retryable) => {
      const error = await callError(reply);
      const { error: body } = errorBody(error);
      expect([error.statusCode, body.code, body.status, error.isRetryable]).toEqual([
        status,
        status,
        googleStatus,
        retryable,
      ]);
      expect(error.message).toBe(body.message);
    },
  );

  it('answers overloaded with 503 "The model is overloaded. Please try again later."', async () => {
    const error = await callError({ error: 'overloaded' });
    expect([error.statusCode, error.message]).toEqual([
      503,
      'The model is overloaded. Please try again later.',
    ]);
  });

  it('answers 429 RESOURCE_EXHAUSTED with RetryInfo retryDelay in the body and no rate-limit headers', async () => {
    const error = await callError({ status: 429, retryAfterS: 30 });
    const { error: body } = errorBody(error);
    expect([error.statusCode, body.status, error.isRetryable]).toEqual([
      429,
      'RESOURCE_EXHAUSTED',
      true,
    ]);
    expect(body.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '30s',
    });
    expect(body.details?.map((detail) => detail['@type'])).toEqual([
      'type.googleapis.com/google.rpc.QuotaFailure',
      'type.googleapis.com/google.rpc.Help',
      'type.googleapis.com/google.rpc.RetryInfo',
    ]);
    expect(body.message).toMatch(/^You exceeded your current quota.* Please retry in 30s\.$/);
    // Gemini puts the wait only in the body: no Retry-After, no x-ratelimit-* headers.
    const headerNames = Object.keys(error.responseHeaders ?? {});
    expect(headerNames.filter((name) => /retry|ratelimit/.test(name))).toEqual([]);
  });

  it('adds RetryInfo only when the reply scripts a wait (fractions as "1.5s")', async () => {
    const plain = errorBody(await callError({ status: 429 })).error;
    const unavailable = errorBody(await callError({ status: 503, retryAfterS: 1.5 })).error;
    expect(plain.details?.some((detail) => detail.retryDelay !== undefined)).toBe(false);
    expect(unavailable.details).toEqual([
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' },
    ]);
  });

  it('answers context-length-exceeded with 400 INVALID_ARGUMENT "The input token count (N) exceeds ..."', async () => {
    const error = await callError({ error: 'context-length-exceeded' });
    expect([error.statusCode, error.isRetryable]).toEqual([400, false]);
    expect(errorBody(error).error).toEqual({
      code: 400,
      message:
        'The input token count (1196265) exceeds the maximum number of tokens allowed (1048576).',
      status: 'INVALID_ARGUMENT',
    });
  });

  it('answers content-policy with 400 INVALID_ARGUMENT naming the SAFETY block', async () => {
    const error = await callError({ error: 'content-policy' });
    expect([error.statusCode, errorBody(error).error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    expect(error.responseBody).toContain('blockReason: SAFETY');
  });

  it('answers a wrong key with 401 UNAUTHENTICATED (reason API_KEY_INVALID) without consuming a reply', async () => {
    const { server } = await fakeGemini({ replies: [{ text: 'kept for the right key' }] });
    const wrong = createGoogleGenerativeAI({ baseURL: server.baseURL, apiKey: 'AIza-wrong-key' });
    const error = await apiCallErrorOf(
      generateText({ model: wrong('gemini-2.5-flash'), prompt: 'hi', maxRetries: 0 }),
    );
    const { error: body } = errorBody(error);
    expect([error.statusCode, body.status, body.details?.[0]?.reason]).toEqual([
      401,
      'UNAUTHENTICATED',
      'API_KEY_INVALID',
    ]);
    expect(error.responseBody).not.toContain('AIza-wrong-key');
    const right = createGoogleGenerativeAI({ baseURL: server.baseURL, apiKey: server.apiKey });
    const { text } = await generateText({ model: right('gemini-2.5-flash'), prompt: 'hi' });
    expect(text).toBe('kept for the right key');
    expect(server.requests.map((entry) => entry.authorized)).toEqual([false, true]);
  });

  it('renders the real API bad-key answer for { status: 400, error: "unauthorized" }', async () => {
    const error = await callError({ status: 400, error: 'unauthorized' });
    expect(errorBody(error).error).toMatchObject({
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [{ reason: 'API_KEY_INVALID' }, { locale: 'en-US' }],
    });
  });

  it('fails a stream request with the APICallError before any part (503)', async () => {
    const { errors, deltas } = await streamParts({ replies: [{ status: 503 }] });
    expect(deltas).toEqual([]);
    expect(errors.map((error) => (error as APICallError).statusCode)).toEqual([503]);
  });
});

describe('fake Gemini: timing and connection faults', () => {
  it('delays the whole response by latencyMs', async () => {
    const { model } = await fakeGemini({ replies: [{ latencyMs: 150 }] });
    const started = performance.now();
    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('echo: hi');
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('delays the first stream chunk by firstByteDelayMs', async () => {
    const { server, parts } = await streamParts({ replies: [{ firstByteDelayMs: 150 }] });
    const firstDelta = parts.find(({ part }) => part.type === 'text-delta');
    const receivedAt = server.requests[0]?.receivedAt ?? Number.POSITIVE_INFINITY;
    expect((firstDelta?.at ?? 0) - receivedAt).toBeGreaterThanOrEqual(150);
  });

  it('hangs until the client gives up; the log shows client-closed', async () => {
    const { server, model } = await fakeGemini({ replies: [{ fault: 'hang' }] });
    const error = await generateText({
      model,
      prompt: 'hi',
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(100),
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toMatch(/Abort|Timeout/);
    await vi.waitFor(() => expect(server.requests[0]?.outcome).toBe('client-closed'));
    expect(server.requests[0]?.status).toBeUndefined();
  });

  it('resets the connection before the response: the client sees a network error', async () => {
    const error = await callError({ fault: 'reset' });
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/Cannot connect to API/);
  });
});

describe('fake Gemini: stream faults', () => {
  it('resetAfterChunks: 3 gives 3 text deltas, then fullStream throws a retryable network error', async () => {
    // The delay lets the client read the 3 chunks before the RST, which discards unread bytes.
    const { server, deltas, errors, finish, thrown } = await streamParts({
      replies: [{ text: 'a b c d e', chunks: 5, resetAfterChunks: 3, chunkDelayMs: 20 }],
    });
    expect(deltas).toEqual(['a ', 'b ', 'c ']);
    // A reset mid-body errors the response stream: no error part, no finish part.
    expect([errors, finish]).toEqual([[], undefined]);
    expect(APICallError.isInstance(thrown) && [thrown.statusCode, thrown.isRetryable]).toEqual([
      200,
      true,
    ]);
    expect([server.requests[0]?.outcome, server.requests[0]?.chunksSent]).toEqual(['reset', 3]);
  });

  it('malformedChunkAt: 2 gives an error part for that chunk; the other chunks arrive', async () => {
    const { deltas, errors } = await streamParts({
      replies: [{ text: 'a b c d', chunks: 4, malformedChunkAt: 2 }],
    });
    expect(deltas).toEqual(['a ', 'c ', 'd']);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/JSON/);
  });

  it("no-terminator: no chunk with finishReason, so the SDK finishes 'interrupted' with output tokens 0", async () => {
    const { deltas, errors, finish } = await streamParts({
      replies: [{ text: 'a b c', chunks: 3, fault: 'no-terminator', usage: { inputTokens: 9 } }],
    });
    expect(deltas).toEqual(['a ', 'b ', 'c']);
    expect(errors).toEqual([]);
    // The content chunks carry the prompt count, so input tokens survive; output ones do not.
    expect(
      finish?.type === 'finish' && [
        finish.finishReason,
        finish.totalUsage.inputTokens,
        finish.totalUsage.outputTokens,
      ],
    ).toEqual(['interrupted', 9, 0]);
  });

  it('chunks + chunkDelayMs: n deltas spaced by the delay', async () => {
    const started = performance.now();
    const { deltas, parts } = await streamParts({
      replies: [{ text: 'a b c d', chunks: 4, chunkDelayMs: 40 }],
    });
    expect(deltas).toHaveLength(4);
    const times = parts.filter(({ part }) => part.type === 'text-delta').map(({ at }) => at);
    // From the request's start: the client may read the first delta late, never the last early.
    expect((times[3] ?? 0) - started).toBeGreaterThanOrEqual(3 * 40 - 5);
  });

  it('malformed-chunk on a non-stream call makes the client fail to parse the body', async () => {
    const { model } = await fakeGemini({ replies: [{ fault: 'malformed-chunk' }] });
    const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch(
      (e: unknown) => e as Error,
    );
    expect(String(error)).toMatch(/JSON|parse/i);
  });
});
