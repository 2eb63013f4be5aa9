import { TestkitOptionError } from './testkit-option-error.js';

/** The kinds of error body every fake knows how to render in its provider's own format. */
export const errorKinds = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'context-length-exceeded',
  'content-policy',
  'prefill-unsupported',
  'rate-limited',
  'server-error',
  'unavailable',
  'overloaded',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** Faults that are not an HTTP status. */
export const faultNames = ['hang', 'reset', 'malformed-chunk', 'no-terminator'] as const;
export type FaultName = (typeof faultNames)[number];

export interface ScriptedToolCall {
  name: string;
  /** The tool's arguments; serialised to JSON on the wire. */
  input: unknown;
  /** @default `call_<n>` */
  id?: string;
}

/**
 * What the fake answers to one request. Every field is optional; an empty reply echoes the
 * last user message. Faults are plain data so tests read as the scenario they describe.
 */
export interface Reply {
  /** Fixed answer text. @default `echo: <last user message>` (JSON mode: `{"echo":"..."}`) */
  text?: string;
  /** Tool calls to answer with (finish reason becomes tool calls). */
  toolCalls?: ScriptedToolCall[];
  /** Number of content chunks a streamed text is split into. @default one per word, at most 8 */
  chunks?: number;
  /** Delay between streamed chunks. @default 0 */
  chunkDelayMs?: number;
  /** Token counts to report instead of the estimate (about 4 characters a token). */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Delay before the response headers. @default 0 */
  latencyMs?: number;
  /** Delay after the headers, before the first body byte. @default 0 */
  firstByteDelayMs?: number;
  /** Answer with this HTTP status and the provider's own error body. */
  status?: number;
  /** Which error body to send; implies a status when `status` is absent. */
  error?: ErrorKind;
  /** With an error: the `Retry-After` seconds, also reflected in the provider's rate-limit headers. */
  retryAfterS?: number;
  /** A fault that is not a status: hang forever, TCP reset before the response, ... */
  fault?: FaultName;
  /** Streaming: reset the TCP connection after this many content chunks (0: before any content). */
  resetAfterChunks?: number;
  /** Streaming: send unparseable JSON in place of this content chunk (1-based). */
  malformedChunkAt?: number;
  /**
   * OpenAI chat, when the request asks for `logprobs`: the log-probability of each token of the
   * answer (one value for every token, or one per token, the last repeated). @default -0.05
   */
  logprob?: number | number[];
}

const statusForKind: Record<ErrorKind, number> = {
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
  overloaded: 529,
};

/** The error a reply asks for, with its status and kind both decided. */
export interface ErrorPlan {
  status: number;
  kind: ErrorKind;
  retryAfterS: number | undefined;
}

export function errorPlan(reply: Reply, overloadedStatus = 529): ErrorPlan | undefined {
  if (reply.status === undefined && reply.error === undefined) return undefined;
  const kind = reply.error ?? kindForStatus(reply.status as number);
  const status = reply.status ?? (kind === 'overloaded' ? overloadedStatus : statusForKind[kind]);
  return { status, kind, retryAfterS: reply.retryAfterS };
}

function kindForStatus(status: number): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server-error';
  return 'bad-request';
}

const replyKeys = new Set<string>([
  'text',
  'toolCalls',
  'chunks',
  'chunkDelayMs',
  'usage',
  'latencyMs',
  'firstByteDelayMs',
  'status',
  'error',
  'retryAfterS',
  'fault',
  'resetAfterChunks',
  'malformedChunkAt',
  'logprob',
]);

/** Checks a reply once, when it is scripted, so a typo fails the test at its source. */
export function validateReply(reply: unknown, path: string): Reply {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw new TestkitOptionError({
      path,
      message: 'a reply must be an object, e.g. { status: 503 }',
    });
  }
  const record = reply as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!replyKeys.has(key)) {
      throw new TestkitOptionError({
        path: `${path}.${key}`,
        message: `unknown reply option. Known: ${[...replyKeys].join(', ')}`,
      });
    }
  }
  for (const key of ['chunkDelayMs', 'latencyMs', 'firstByteDelayMs', 'retryAfterS'] as const) {
    nonNegative(record[key], `${path}.${key}`);
  }
  for (const key of ['resetAfterChunks'] as const) {
    nonNegativeInteger(record[key], `${path}.${key}`);
  }
  if (record.chunks !== undefined) {
    nonNegativeInteger(record.chunks, `${path}.chunks`);
    if ((record.chunks as number) < 1) {
      throw new TestkitOptionError({ path: `${path}.chunks`, message: 'must be at least 1' });
    }
  }
  if (record.malformedChunkAt !== undefined) {
    nonNegativeInteger(record.malformedChunkAt, `${path}.malformedChunkAt`);
    if ((record.malformedChunkAt as number) < 1) {
      throw new TestkitOptionError({
        path: `${path}.malformedChunkAt`,
        message: 'content chunks are counted from 1',
      });
    }
  }
  if (record.status !== undefined) {
    const status = record.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      throw new TestkitOptionError({
        path: `${path}.status`,
        message: `must be an error status between 400 and 599, got ${JSON.stringify(status)}`,
      });
    }
  }
  if (record.error !== undefined && !(errorKinds as readonly unknown[]).includes(record.error)) {
    throw new TestkitOptionError({
      path: `${path}.error`,
      message: `unknown error kind ${JSON.stringify(record.error)}. Known: ${errorKinds.join(', ')}`,
    });
  }
  if (record.fault !== undefined && !(faultNames as readonly unknown[]).includes(record.fault)) {
    throw new TestkitOptionError({
      path: `${path}.fault`,
      message: `unknown fault ${JSON.stringify(record.fault)}. Known: ${faultNames.join(', ')}`,
    });
  }
  if (record.logprob !== undefined) {
    const values = Array.isArray(record.logprob) ? record.logprob : [record.logprob];
    const isLogprob = (value: unknown) => typeof value === 'number' && value <= 0;
    if (values.length === 0 || !values.every(isLogprob)) {
      throw new TestkitOptionError({
        path: `${path}.logprob`,
        message: `must be a log-probability (a number <= 0) or a non-empty array of them, got ${JSON.stringify(record.logprob)}`,
      });
    }
  }
  if (record.text !== undefined && typeof record.text !== 'string') {
    throw new TestkitOptionError({ path: `${path}.text`, message: 'must be a string' });
  }
  if (record.toolCalls !== undefined) {
    if (!Array.isArray(record.toolCalls)) {
      throw new TestkitOptionError({ path: `${path}.toolCalls`, message: 'must be an array' });
    }
    record.toolCalls.forEach((call: unknown, index) => {
      const name = (call as { name?: unknown } | null)?.name;
      if (typeof name !== 'string' || name === '') {
        throw new TestkitOptionError({
          path: `${path}.toolCalls[${index}].name`,
          message: 'each scripted tool call needs a name',
        });
      }
    });
  }
  if (record.usage !== undefined) {
    const usage = record.usage as Record<string, unknown>;
    nonNegativeInteger(usage.inputTokens, `${path}.usage.inputTokens`);
    nonNegativeInteger(usage.outputTokens, `${path}.usage.outputTokens`);
  }
  return record as Reply;
}

function nonNegative(value: unknown, path: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TestkitOptionError({
      path,
      message: `must be a finite number >= 0, got ${JSON.stringify(value)}`,
    });
  }
}

function nonNegativeInteger(value: unknown, path: string): void {
  if (value === undefined) return;
  nonNegative(value, path);
  if (!Number.isInteger(value)) {
    throw new TestkitOptionError({ path, message: `must be an integer, got ${value}` });
  }
}
