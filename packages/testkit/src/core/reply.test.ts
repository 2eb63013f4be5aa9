import { describe, expect, it } from 'vitest';
import { errorPlan, validateReply } from './reply.js';
import { TestkitOptionError } from './testkit-option-error.js';

describe('validateReply', () => {
  it.each([
    [
      { fault: 'explode' },
      'replies[0].fault: unknown fault "explode". Known: hang, reset, malformed-chunk, no-terminator',
    ],
    [{ latencyMs: -5 }, 'replies[0].latencyMs: must be a finite number >= 0, got -5'],
    [
      { chunkDelayMs: Number.NaN },
      'replies[0].chunkDelayMs: must be a finite number >= 0, got null',
    ],
    [{ status: 200 }, 'replies[0].status: must be an error status between 400 and 599, got 200'],
    [{ error: 'teapot' }, 'replies[0].error: unknown error kind "teapot".'],
    [{ chunks: 0 }, 'replies[0].chunks: must be at least 1'],
    [{ resetAfterChunks: 1.5 }, 'replies[0].resetAfterChunks: must be an integer, got 1.5'],
    [{ malformedChunkAt: 0 }, 'replies[0].malformedChunkAt: content chunks are counted from 1'],
    [
      { toolCalls: [{ input: {} }] },
      'replies[0].toolCalls[0].name: each scripted tool call needs a name',
    ],
    [{ textt: 'typo' }, 'replies[0].textt: unknown reply option.'],
  ])('rejects %j with a message naming the option', (reply, message) => {
    const attempt = () => validateReply(reply, 'replies[0]');
    expect(attempt).toThrow(TestkitOptionError);
    expect(attempt).toThrow(message);
  });

  it('accepts every documented option together', () => {
    const reply = {
      text: 'hi',
      toolCalls: [{ name: 'lookup', input: { q: 1 } }],
      chunks: 2,
      chunkDelayMs: 1,
      usage: { inputTokens: 3, outputTokens: 4 },
      latencyMs: 0,
      firstByteDelayMs: 0,
      retryAfterS: 30,
      resetAfterChunks: 0,
      malformedChunkAt: 1,
    };
    expect(validateReply(reply, 'r')).toBe(reply);
  });
});

describe('errorPlan', () => {
  it.each([
    [{ status: 503 }, { status: 503, kind: 'unavailable' }],
    [{ status: 500 }, { status: 500, kind: 'server-error' }],
    [
      { status: 429, retryAfterS: 30 },
      { status: 429, kind: 'rate-limited', retryAfterS: 30 },
    ],
    [{ error: 'context-length-exceeded' }, { status: 400, kind: 'context-length-exceeded' }],
    [{ error: 'content-policy' }, { status: 400, kind: 'content-policy' }],
    [{ error: 'overloaded' }, { status: 529, kind: 'overloaded' }],
    [{ status: 418 }, { status: 418, kind: 'bad-request' }],
  ] as const)('plans %j as %j', (reply, expected) => {
    expect(errorPlan(reply)).toMatchObject(expected);
  });

  it('uses the provider status for overloaded when it has no 529', () => {
    expect(errorPlan({ error: 'overloaded' }, 503)).toMatchObject({ status: 503 });
  });

  it('plans nothing for a success reply', () => {
    expect(errorPlan({ text: 'ok' })).toBeUndefined();
  });
});
