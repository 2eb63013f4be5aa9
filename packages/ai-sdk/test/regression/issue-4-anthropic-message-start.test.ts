import { createRouter } from '@modelmux/core';
import { streamText } from 'ai';
import { expect, it } from 'vitest';
import { createRouterProvider } from '../../src/index.js';
import { attemptsOf, languageTarget, traceOf } from '../support/providers.js';

// @ai-sdk/anthropic emits a `custom` part (anthropic.message_start) as soon as the headers and
// message_start arrive. The router took it for content, so a reset before the first text was
// surfaced as StreamInterruptedError instead of failing over.
it('fails over when Anthropic resets after message_start but before any text', async () => {
  const anthropic = await languageTarget('anthropic', { replies: [{ resetAfterChunks: 0 }] });
  const openai = await languageTarget('openai');
  const llm = createRouterProvider(
    createRouter({
      targets: [anthropic.target, openai.target],
      routes: { main: { targets: ['anthropic', 'openai'] } },
    }),
  );

  const result = streamText({ model: llm('main'), prompt: 'hi there' });
  const types: string[] = [];
  for await (const part of result.fullStream) types.push(part.type);

  expect(types).not.toContain('error');
  expect(types).not.toContain('custom');
  expect(await result.text).toBe('echo: hi there');
  const trace = traceOf(await result.providerMetadata);
  expect(attemptsOf(trace)).toEqual(['anthropic:200', 'openai:success']);
  expect(trace.attempts[0]).toMatchObject({
    errorClass: 'retryable-transient',
    reason: 'stream-broken',
    next: 'fail-over',
  });
  expect([anthropic.server.requests[0]?.outcome, openai.server.requests.length]).toEqual([
    'reset',
    1,
  ]);
});
