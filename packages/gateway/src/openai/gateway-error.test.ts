import {
  AllTargetsFailedError,
  type DecisionTrace,
  NoCapableTargetError,
  NoSuchRouteError,
  RequestRejectedError,
  RouterError,
  StreamInterruptedError,
} from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { errorTypeOf, GatewayError, gatewayErrorOf, openAIErrorBody } from './gateway-error.js';

const trace: DecisionTrace = {
  callId: 'c-1',
  route: 'smart',
  operation: 'generate',
  strategy: 'priority',
  startedAt: 0,
  durationMs: 1,
  outcome: 'failed',
  candidates: [{ target: 'mini', via: ['smart'] }],
  attempts: [],
};

const fields = (error: GatewayError) => ({
  status: error.status,
  type: error.type,
  code: error.code,
  param: error.param,
  retryAfterS: error.retryAfterS,
});

describe('GatewayError', () => {
  it('takes the OpenAI error type of its status unless given one', () => {
    const statuses = [400, 401, 403, 404, 413, 422, 429, 500, 502, 503];
    expect(statuses.map(errorTypeOf)).toEqual([
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'invalid_request_error',
      'invalid_request_error',
      'invalid_request_error',
      'rate_limit_error',
      'server_error',
      'server_error',
      'server_error',
    ]);
    const error = new GatewayError({ status: 404, message: 'x', type: 'not_found_error' });
    expect(fields(error)).toEqual({
      status: 404,
      type: 'not_found_error',
      code: null,
      param: null,
      retryAfterS: undefined,
    });
  });

  it('renders the OpenAI error body with all four fields', () => {
    const error = new GatewayError({
      status: 400,
      message: "Invalid type for 'temperature'.",
      code: 'invalid_type',
      param: 'temperature',
    });
    expect(openAIErrorBody(error)).toEqual({
      error: {
        message: "Invalid type for 'temperature'.",
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'invalid_type',
      },
    });
  });
});

describe('gatewayErrorOf', () => {
  it('keeps a GatewayError as it is', () => {
    const error = new GatewayError({ status: 413, message: 'too big' });
    expect(gatewayErrorOf(error)).toBe(error);
  });

  it('answers 503 with the Retry-After seconds when every target failed', () => {
    const error = gatewayErrorOf(
      new AllTargetsFailedError({ trace, lastError: new Error('x'), retryAfterMs: 1_200 }),
    );
    expect(fields(error)).toEqual({
      status: 503,
      type: 'server_error',
      code: 'all-targets-failed',
      param: null,
      retryAfterS: 2,
    });
    expect(error.message).toContain("Route 'smart' could not answer.");
  });

  it('answers 400 for a request a provider rejected and 502 for a bad provider key', () => {
    const rejected = (reason: 'bad-request' | 'unauthorized', status: number) =>
      gatewayErrorOf(
        new RequestRejectedError({ trace, target: 'mini', status, reason, cause: undefined }),
      );
    expect([fields(rejected('bad-request', 400)), fields(rejected('unauthorized', 401))]).toEqual([
      {
        status: 400,
        type: 'invalid_request_error',
        code: 'request-rejected',
        param: null,
        retryAfterS: undefined,
      },
      {
        status: 502,
        type: 'server_error',
        code: 'request-rejected',
        param: null,
        retryAfterS: undefined,
      },
    ]);
  });

  it('answers 422 when no target can take the call', () => {
    expect(gatewayErrorOf(new NoCapableTargetError({ trace })).status).toBe(422);
  });

  it('answers an unknown route named by model with 404 model_not_found, listing no routes', () => {
    const error = gatewayErrorOf(new NoSuchRouteError({ route: 'gpt-9', known: ['secret-route'] }));
    expect(fields(error)).toEqual({
      status: 404,
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: 'model',
      retryAfterS: undefined,
    });
    expect(error.message).toBe(
      "The model 'gpt-9' does not exist. GET /v1/models lists the models you can use.",
    );
  });

  it('answers a route of the wrong kind with 400 naming the endpoint to call', () => {
    const kind = (holds: string, use: string) =>
      new RouterError({
        name: 'RouteKindError',
        code: 'route-kind',
        message: `Route 'vectors' holds ${holds} targets; use router.${use}('vectors').`,
      });
    const embedding = gatewayErrorOf(kind('embedding', 'embeddingModel'));
    const language = gatewayErrorOf(kind('language', 'model'));
    expect([embedding.status, embedding.param, embedding.message, language.message]).toEqual([
      400,
      'model',
      "Route 'vectors' holds embedding targets: call POST /v1/embeddings with it.",
      "Route 'vectors' holds language targets: call POST /v1/chat/completions with it.",
    ]);
  });

  it('answers a stream interruption as a 502 with its message and code', () => {
    const error = gatewayErrorOf(
      new StreamInterruptedError({ trace, target: 'mini', detail: 'socket reset' }),
    );
    expect([error.status, error.type, error.code, error.message]).toEqual([
      502,
      'server_error',
      'stream-interrupted',
      "The stream from target 'mini' (route 'smart') broke after content was delivered: socket reset. The partial answer is incomplete; retry the call.",
    ]);
  });

  it('hides the message of an error modelmux did not make', () => {
    const error = gatewayErrorOf(new Error('connect postgres://user:hunter2@db failed'));
    expect(fields(error)).toEqual({
      status: 500,
      type: 'server_error',
      code: 'internal-error',
      param: null,
      retryAfterS: undefined,
    });
    expect(error.message).not.toContain('hunter2');
  });
});
