import { createAnthropic } from '@ai-sdk/anthropic';
import { APICallError, generateText, streamText, type TextStreamPart, type ToolSet } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type FakeServerOptions, type Reply, startFakeAnthropic } from '../src/index.js';

async function fakeAnthropic(options?: FakeServerOptions) {
  const server = await startFakeAnthropic(options);
  onTestFinished(() => server.close());
  const model = createAnthropic({ baseURL: server.baseURL, apiKey: server.apiKey })(
    'claude-haiku-4-5',
  );
  return { server, model };
}

/** What a call that must fail rejects with. */
async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function apiCallErrorOf(call: Promise<unknown>): Promise<APICallError> {
  const error = await rejectionOf(call);
  if (!APICallError.isInstance(error)) throw new Error(`expected an APICallError, got ${error}`);
  return error;
}

/** The APICallError a non-streaming call fails with (maxRetries 0: each fault is seen once). */
async function callError(reply: Reply): Promise<APICallError> {
  const { model } = await fakeAnthropic({ replies: [reply] });
  return apiCallErrorOf(generateText({ model, prompt: 'hi', maxRetries: 0 }));
}

function errorBody(error: APICallError): {
  type: string;
  error: { type: string; message: string };
} {
  return JSON.parse(error.responseBody ?? '{}');
}

/** Every part of a streamText call, with the time each arrived. */
async function streamParts(options: FakeServerOptions) {
  const { server, model } = await fakeAnthropic(options);
  const parts: { part: TextStreamPart<ToolSet>; at: number }[] = [];
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

describe('fake Anthropic: HTTP errors as @ai-sdk/anthropic sees them', () => {
  it.each([
    [{ status: 500 }, 500, 'api_error', true],
    [{ status: 503 }, 503, 'api_error', true],
    [{ error: 'overloaded' }, 529, 'overloaded_error', true],
    [{ status: 529 }, 529, 'overloaded_error', true],
    [{ status: 504 }, 504, 'timeout_error', true],
    [{ error: 'bad-request' }, 400, 'invalid_request_error', false],
    [{ status: 413 }, 413, 'request_too_large', false],
    [{ error: 'forbidden' }, 403, 'permission_error', false],
    [{ error: 'not-found' }, 404, 'not_found_error', false],
    [{ status: 401 }, 401, 'authentication_error', false],
  ] satisfies [Reply, number, string, boolean][])(
    '%o answers %i with error type %s (retryable: %s)',
    async (reply, status, type, retryable) => {
      const error = await callError(reply);
      expect([error.statusCode, errorBody(error).error.type, error.isRetryable]).toEqual([
        status,
        type,
        retryable,
      ]);
      expect(errorBody(error).type).toBe('error');
      expect(error.responseHeaders?.['request-id']).toMatch(/^req_011C/);
    },
  );

  it('answers overloaded with 529 overloaded_error, which the client retries', async () => {
    const error = await callError({ error: 'overloaded' });
    expect(error.statusCode).toBe(529);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe('Overloaded');
  });

  it('answers 429 with retry-after and anthropic-ratelimit headers (RFC 3339 resets)', async () => {
    const before = Date.now();
    const error = await callError({ status: 429, retryAfterS: 30 });
    const headers = error.responseHeaders ?? {};
    expect([error.statusCode, errorBody(error).error.type, error.isRetryable]).toEqual([
      429,
      'rate_limit_error',
      true,
    ]);
    expect(headers['retry-after']).toBe('30');
    expect(headers['anthropic-ratelimit-requests-remaining']).toBe('0');
    expect(headers['anthropic-ratelimit-requests-limit']).toBe('50');
    expect(headers['anthropic-ratelimit-tokens-limit']).toBe('40000');
    const resetMs = Date.parse(headers['anthropic-ratelimit-requests-reset'] ?? '');
    expect(resetMs - before).toBeGreaterThanOrEqual(29_000);
    expect(resetMs - before).toBeLessThanOrEqual(31_000);
  });

  it('sends retry-after on a 529 only when the reply scripts one', async () => {
    const plain = await callError({ status: 529 });
    const timed = await callError({ status: 529, retryAfterS: 5 });
    expect(plain.responseHeaders?.['retry-after']).toBeUndefined();
    expect(timed.responseHeaders?.['retry-after']).toBe('5');
    expect(timed.responseHeaders?.['anthropic-ratelimit-requests-reset']).toBeUndefined();
  });

  it('answers context-length-exceeded as 400 "prompt is too long: N tokens > M maximum"', async () => {
    const error = await callError({ error: 'context-length-exceeded' });
    expect([error.statusCode, error.isRetryable]).toEqual([400, false]);
    expect(errorBody(error).error).toEqual({
      type: 'invalid_request_error',
      message: 'prompt is too long: 208310 tokens > 200000 maximum',
    });
  });

  it('answers content-policy as 400 "Output blocked by content filtering policy"', async () => {
    const error = await callError({ error: 'content-policy' });
    expect(error.statusCode).toBe(400);
    expect(error.responseBody).toContain('Output blocked by content filtering policy');
  });

  it('answers prefill-unsupported as the 400 a model without assistant prefill sends', async () => {
    const error = await callError({ error: 'prefill-unsupported' });
    expect([error.statusCode, error.isRetryable]).toEqual([400, false]);
    expect(errorBody(error).error).toEqual({
      type: 'invalid_request_error',
      message:
        'This model does not support assistant message prefill. The conversation must end with a user message.',
    });
  });

  it('answers a wrong key with 401 authentication_error without consuming a reply', async () => {
    const { server } = await fakeAnthropic({ replies: [{ text: 'kept for the right key' }] });
    const wrong = createAnthropic({ baseURL: server.baseURL, apiKey: 'sk-ant-wrong-key' });
    const error = await apiCallErrorOf(
      generateText({ model: wrong('claude-haiku-4-5'), prompt: 'hi', maxRetries: 0 }),
    );
    expect([error.statusCode, errorBody(error).error.type]).toEqual([401, 'authentication_error']);
    expect(error.responseBody).not.toContain('sk-ant-wrong-key');
    const right = createAnthropic({ baseURL: server.baseURL, apiKey: server.apiKey });
    const { text } = await generateText({ model: right('claude-haiku-4-5'), prompt: 'hi' });
    expect(text).toBe('kept for the right key');
    expect(server.requests.map((entry) => entry.authorized)).toEqual([false, true]);
  });

  it('answers a body without max_tokens with 400 "max_tokens: Field required", no reply used', async () => {
    const server = await startFakeAnthropic({ replies: [{ text: 'unused' }] });
    onTestFinished(() => server.close());
    // The real client always sends max_tokens; drop it on the way out to see the fake's check.
    const withoutMaxTokens: typeof fetch = (input, init) => {
      const { max_tokens: _dropped, ...body } = JSON.parse(String(init?.body));
      return fetch(input, { ...init, body: JSON.stringify(body) });
    };
    const anthropic = createAnthropic({
      baseURL: server.baseURL,
      apiKey: server.apiKey,
      fetch: withoutMaxTokens,
    });
    const error = await apiCallErrorOf(
      generateText({ model: anthropic('claude-haiku-4-5'), prompt: 'hi', maxRetries: 0 }),
    );
    expect([error.statusCode, errorBody(error).error]).toEqual([
      400,
      { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    ]);
    expect(server.requests[0]?.reply).toEqual({});
  });

  it('answers an unknown path with 404 not_found_error', async () => {
    const server = await startFakeAnthropic();
    onTestFinished(() => server.close());
    const anthropic = createAnthropic({ baseURL: `${server.url}/v2`, apiKey: server.apiKey });
    const error = await apiCallErrorOf(
      generateText({ model: anthropic('claude-haiku-4-5'), prompt: 'hi', maxRetries: 0 }),
    );
    expect([error.statusCode, errorBody(error).error.type]).toEqual([404, 'not_found_error']);
  });

  it('fails a stream request with the APICallError before any part (529)', async () => {
    const { errors, deltas } = await streamParts({ replies: [{ status: 529 }] });
    expect(deltas).toEqual([]);
    expect(errors.map((error) => (error as APICallError).statusCode)).toEqual([529]);
  });
});

describe('fake Anthropic: timing and connection faults', () => {
  it('delays the whole response by latencyMs', async () => {
    const { model } = await fakeAnthropic({ replies: [{ latencyMs: 150 }] });
    const started = performance.now();
    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('echo: hi');
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
  });

  it('delays the first stream chunk by firstByteDelayMs', async () => {
    const { server, parts } = await streamParts({ replies: [{ firstByteDelayMs: 150 }] });
    const firstDelta = parts.find(({ part }) => part.type === 'text-delta');
    const receivedAt = server.requests[0]?.receivedAt ?? Number.POSITIVE_INFINITY;
    expect((firstDelta?.at ?? 0) - receivedAt).toBeGreaterThanOrEqual(149);
  });

  it('hangs until the client gives up; the log shows client-closed', async () => {
    const { server, model } = await fakeAnthropic({ replies: [{ fault: 'hang' }] });
    const error = await rejectionOf(
      generateText({ model, prompt: 'hi', maxRetries: 0, abortSignal: AbortSignal.timeout(100) }),
    );
    expect((error as Error).name).toBe('TimeoutError');
    const entry = await server.waitForClose(1);
    expect([entry.outcome, entry.status]).toEqual(['client-closed', undefined]);
  });

  it('resets the connection before the response: the client sees a network error', async () => {
    const error = await callError({ fault: 'reset' });
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/Cannot connect to API/);
  });
});

describe('fake Anthropic: stream faults', () => {
  it('resetAfterChunks: 3 gives 3 text deltas, then the stream throws a retryable network error', async () => {
    const { server, deltas, errors, finish, thrown } = await streamParts({
      replies: [{ text: 'a b c d e', chunks: 5, resetAfterChunks: 3 }],
    });
    expect(deltas).toEqual(['a ', 'b ', 'c ']);
    // A reset mid-body errors the response stream: fullStream throws, it sends no error part.
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

  it("no-terminator: without message_delta/message_stop the SDK finishes 'interrupted', no usage", async () => {
    const { deltas, errors, finish } = await streamParts({
      replies: [{ text: 'a b c', chunks: 3, fault: 'no-terminator' }],
    });
    expect(deltas).toEqual(['a ', 'b ', 'c']);
    expect(errors).toEqual([]);
    expect(
      finish?.type === 'finish' && [finish.finishReason, finish.totalUsage.outputTokens],
    ).toEqual(['interrupted', undefined]);
  });

  it('chunks + chunkDelayMs: n deltas, the last one 3 delays after the request', async () => {
    const { server, deltas, parts } = await streamParts({
      replies: [{ text: 'a b c d', chunks: 4, chunkDelayMs: 40 }],
    });
    expect(deltas).toEqual(['a ', 'b ', 'c ', 'd']);
    // Client-side gaps jitter (deltas can arrive batched); the server's pauses are a floor.
    const lastDelta = parts.findLast(({ part }) => part.type === 'text-delta');
    const receivedAt = server.requests[0]?.receivedAt ?? Number.POSITIVE_INFINITY;
    expect((lastDelta?.at ?? 0) - receivedAt).toBeGreaterThanOrEqual(3 * 40 - 3);
  });

  it('malformed-chunk on a non-stream call makes the client fail to parse the body', async () => {
    const { model } = await fakeAnthropic({ replies: [{ fault: 'malformed-chunk' }] });
    const error = await apiCallErrorOf(generateText({ model, prompt: 'hi', maxRetries: 0 }));
    expect([error.statusCode, error.message]).toEqual([200, 'Invalid JSON response']);
  });
});
