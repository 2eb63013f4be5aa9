import { httpErrorOf, NoSuchRouteError, RouterError } from '@modelmux/core';

/** The `error.type` values of the OpenAI (and Anthropic) error bodies. */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'server_error';

export interface GatewayErrorOptions {
  status: number;
  message: string;
  /** @default by status: see `errorTypeOf` */
  type?: GatewayErrorType;
  /** A stable machine code, e.g. `unsupported_parameter`. @default null */
  code?: string | null;
  /** The request parameter at fault, as a path: `messages[2].content`. @default null */
  param?: string | null;
  /** Seconds for a `Retry-After` header, when known. */
  retryAfterS?: number | undefined;
  cause?: unknown;
}

/**
 * An error the gateway answers with: the HTTP status and the OpenAI error body's fields. Its
 * message is safe to send to a client (it never holds a key, header, URL or upstream body).
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: GatewayErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly retryAfterS: number | undefined;

  constructor({
    status,
    message,
    type,
    code = null,
    param = null,
    retryAfterS,
    cause,
  }: GatewayErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'GatewayError';
    this.status = status;
    this.type = type ?? errorTypeOf(status);
    this.code = code;
    this.param = param;
    this.retryAfterS = retryAfterS;
  }
}

/**
 * The error type OpenAI's API gives each status (`openai` picks its error class by status alone;
 * the type is for people and for clients that branch on it).
 */
export function errorTypeOf(status: number): GatewayErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export interface OpenAIErrorBody {
  error: { message: string; type: GatewayErrorType; param: string | null; code: string | null };
}

/** The body OpenAI's API answers an error with. */
export function openAIErrorBody(error: GatewayError): OpenAIErrorBody {
  return {
    error: { message: error.message, type: error.type, param: error.param, code: error.code },
  };
}

/** Core's codes that OpenAI's API has its own name for: clients branch on these. */
const openAICodes: Record<string, string> = {
  'rate-limited': 'rate_limit_exceeded',
  'budget-exceeded': 'insufficient_quota',
};

/**
 * Maps anything thrown while serving a request to the gateway's answer. A `GatewayError` is kept;
 * router errors take their status from core's `httpErrorOf`; an unknown route named by `model`
 * is the client's 404; anything else is a 500 with a generic message (nothing unknown, which could
 * hold a secret, reaches a client).
 */
export function gatewayErrorOf(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (NoSuchRouteError.isInstance(error)) {
    return new GatewayError({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      message: `The model '${error.route}' does not exist. GET /v1/models lists the models you can use.`,
      cause: error,
    });
  }
  if (RouterError.isInstance(error) && error.code === 'route-kind') {
    return new GatewayError({
      status: 400,
      code: 'model_not_supported',
      param: 'model',
      // core's message names a router method; over HTTP the fix is the other endpoint.
      message: error.message.includes('holds embedding')
        ? `${error.message.split(';')[0]}: call POST /v1/embeddings with it.`
        : `${error.message.split(';')[0]}: call POST /v1/chat/completions with it.`,
      cause: error,
    });
  }
  const http = httpErrorOf(error);
  return new GatewayError({
    status: http.status,
    code: openAICodes[http.code] ?? http.code,
    message: http.message,
    retryAfterS: http.retryAfterS,
    cause: error,
  });
}
