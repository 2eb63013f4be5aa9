import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText } from 'ai';
import OpenAI, { type APIError } from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServer, FakeServerOptions } from '../src/core/fake-server.js';
import { type ErrorKind, errorKinds, type Reply } from '../src/core/reply.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function fake(options?: FakeServerOptions): Promise<FakeServer> {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  return server;
}

/** What `.chat()` throws for one scripted reply (maxRetries 0: each fault is seen once). */
async function chatError(reply: Reply): Promise<APICallError> {
  const server = await fake({ replies: [reply] });
  const model = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
    'gpt-4o-mini',
  );
  const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch(
    (caught: unknown) => caught,
  );
  if (!APICallError.isInstance(error))
    throw new Error(`expected an APICallError, got ${String(error)}`);
  return error;
}

/** What the official client throws for one scripted reply. */
async function clientError(reply: Reply): Promise<APIError> {
  const server = await fake({ replies: [reply] });
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  const error = await client.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .catch((caught: unknown) => caught);
  if (!(error instanceof OpenAI.APIError))
    throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe('fake OpenAI error replies through @ai-sdk/openai .chat()', () => {
  it.each([
    [{ status: 500 }, 500, 'server_error', true],
    [{ status: 503 }, 503, 'server_error', true],
    [{ error: 'overloaded' }, 503, 'server_error', true],
    [{ status: 400 }, 400, 'invalid_request_error', false],
  ] as const)(
    'answers %j with status %i, type %s, retryable %s',
    async (reply, status, type, retryable) => {
      const error = await chatError(reply);
      expect(error.statusCode).toBe(status);
      expect(error.isRetryable).toBe(retryable);
      expect(JSON.parse(error.responseBody ?? '{}').error.type).toBe(type);
    },
  );

  it('answers 429 with Retry-After and x-ratelimit headers', async () => {
    const error = await chatError({ status: 429, retryAfterS: 7 });
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders).toMatchObject({
      'retry-after': '7',
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '7s',
      'x-ratelimit-limit-tokens': '30000',
    });
    expect(JSON.parse(error.responseBody ?? '{}').error.code).toBe('rate_limit_exceeded');
  });

  it('answers a context-length 400 with code context_length_exceeded on param messages', async () => {
    const error = await chatError({ error: 'context-length-exceeded' });
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('maximum context length is 128000 tokens');
    expect(JSON.parse(error.responseBody ?? '{}').error).toMatchObject({
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
  });

  it('answers a content-policy 400 with code content_policy_violation', async () => {
    const error = await chatError({ error: 'content-policy' });
    expect(error.statusCode).toBe(400);
    expect(JSON.parse(error.responseBody ?? '{}').error.code).toBe('content_policy_violation');
  });

  it('answers a scripted 401 with invalid_api_key although the key was right', async () => {
    const error = await chatError({ status: 401 });
    expect(error.statusCode).toBe(401);
    expect(JSON.parse(error.responseBody ?? '{}').error.code).toBe('invalid_api_key');
  });

  it('answers a wrong key with 401 and leaves the queued reply for the next request', async () => {
    const server = await fake({ replies: [{ text: 'kept' }] });
    const wrong = createOpenAI({ baseURL: server.baseURL, apiKey: 'sk-wrong-key' }).chat(
      'gpt-4o-mini',
    );
    const error = await generateText({ model: wrong, prompt: 'hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error) && error.statusCode).toBe(401);
    expect((error as APICallError).responseBody).not.toContain('sk-wrong-key');
    const right = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(
      'gpt-4o-mini',
    );
    const { text } = await generateText({ model: right, prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('kept');
    expect(server.requests.map((entry) => [entry.authorized, entry.status])).toEqual([
      [false, 401],
      [true, 200],
    ]);
  });
});

describe('fake OpenAI error replies through the official openai client', () => {
  it('throws RateLimitError with status 429 and readable headers', async () => {
    const error = await clientError({ error: 'rate-limited', retryAfterS: 3 });
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('3');
    expect(error.headers?.get('x-ratelimit-reset-requests')).toBe('3s');
    expect(error.requestID).toMatch(/^req_/);
  });

  it('throws BadRequestError carrying code and param for context length', async () => {
    const error = await clientError({ error: 'context-length-exceeded' });
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect([error.code, error.param, error.type]).toEqual([
      'context_length_exceeded',
      'messages',
      'invalid_request_error',
    ]);
  });

  it('throws InternalServerError for 503 overloaded', async () => {
    const error = await clientError({ error: 'overloaded' });
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(503);
    expect(error.message).toContain('currently overloaded');
  });

  it.each(
    errorKinds.map((kind): [ErrorKind, number] => [
      kind,
      {
        'bad-request': 400,
        unauthorized: 401,
        forbidden: 403,
        'not-found': 404,
        'context-length-exceeded': 400,
        'content-policy': 400,
        'prefill-unsupported': 400,
        'rate-limited': 429,
        'server-error': 500,
        unavailable: 503,
        overloaded: 503,
      }[kind],
    ]),
  )('renders error kind %s as status %i with an OpenAI error body', async (kind, status) => {
    const error = await clientError({ error: kind });
    expect(error.status).toBe(status);
    expect(typeof error.message).toBe('string');
    expect(error.error).toMatchObject({ type: expect.any(String) });
    expect(Object.keys(error.error as object).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('answers an unknown path with a 404 in the OpenAI format', async () => {
    const server = await fake();
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
    const error = await client
      .post('/nothing-here', { body: {} })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as APIError).message).toContain('/v1/nothing-here');
  });
});
