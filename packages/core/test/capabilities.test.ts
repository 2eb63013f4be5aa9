import { generateText, Output, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouter } from '../src/create-router.js';
import { NoCapableTargetError } from '../src/errors/no-capable-target-error.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { fakeTarget } from './support/providers.js';

const tools = {
  weather: tool({
    description: 'The weather in a city',
    inputSchema: z.object({ city: z.string() }),
  }),
};
// A 1x1 transparent PNG.
const png = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const longPrompt = Array.from({ length: 300 }, (_, index) => `word${index}`).join(' ');

/**
 * Route 'main': 'limited' (Anthropic) first, which takes no tools, images or JSON and has a
 * 100-token window, then 'capable' (OpenAI), which takes anything.
 */
async function limitedThenCapable() {
  const limited = await fakeTarget(
    'anthropic',
    'limited',
    {},
    {
      capabilities: { tools: false, vision: false, json: false },
      contextWindow: 100,
    },
  );
  const capable = await fakeTarget('openai', 'capable');
  const router = createRouter({
    targets: [limited.target, capable.target],
    routes: { main: { targets: ['limited', 'capable'] }, limitedOnly: { targets: ['limited'] } },
  });
  return { limited: limited.server, capable: capable.server, router };
}

const traceOf = (result: { providerMetadata?: Record<string, unknown> | undefined }) =>
  result.providerMetadata?.modelmux as unknown as DecisionTrace;

describe('capabilities: calls skip targets that cannot take them', () => {
  it('a call with tools skips a target with tools: false; toolChoice none does not', async () => {
    const { limited, capable, router } = await limitedThenCapable();
    const trace = traceOf(await generateText({ model: router.model('main'), prompt: 'hi', tools }));
    expect(trace.candidates).toEqual([
      {
        target: 'limited',
        via: ['main'],
        skipped: {
          code: 'no-tools',
          message: 'the call offers tools; the target does not support them',
        },
      },
      { target: 'capable', via: ['main'] },
    ]);
    expect([trace.attempts.map((attempt) => attempt.target), limited.requests.length]).toEqual([
      ['capable'],
      0,
    ]);
    const none = traceOf(
      await generateText({ model: router.model('main'), prompt: 'hi', tools, toolChoice: 'none' }),
    );
    expect([none.target, limited.requests.length, capable.requests.length]).toEqual([
      'limited',
      1,
      1,
    ]);
  });

  it('a prompt with an image skips a target with vision: false (streams too)', async () => {
    const { limited, router } = await limitedThenCapable();
    const result = streamText({
      model: router.model('main'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'file', data: png, mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(await result.text).toBe('echo: what is this?');
    const trace = traceOf({ providerMetadata: await result.providerMetadata });
    expect([trace.candidates[0]?.skipped?.code, trace.target, limited.requests.length]).toEqual([
      'no-vision',
      'capable',
      0,
    ]);
  });

  it('a call asking for a JSON schema skips a target with json: false', async () => {
    const { limited, router } = await limitedThenCapable();
    const result = await generateText({
      model: router.model('main'),
      prompt: 'hi',
      output: Output.object({ schema: z.object({ echo: z.string() }) }),
    });
    const trace = traceOf(result);
    expect([trace.candidates[0]?.skipped?.code, trace.target, limited.requests.length]).toEqual([
      'no-json',
      'capable',
      0,
    ]);
    expect(result.output).toEqual({ echo: 'hi' });
  });

  it("a prompt whose estimated tokens exceed a target's context window skips it", async () => {
    const { limited, router } = await limitedThenCapable();
    const trace = traceOf(await generateText({ model: router.model('main'), prompt: longPrompt }));
    expect(trace.candidates[0]?.skipped?.code).toBe('context-window');
    const needs = Number(
      /needs ~(\d+) input tokens; window is 100$/.exec(
        trace.candidates[0]?.skipped?.message ?? '',
      )?.[1],
    );
    // 300 words of about two tokens each, plus framing.
    expect(needs).toBeGreaterThan(300);
    expect(needs).toBeLessThan(1_200);
    expect([trace.target, limited.requests.length]).toEqual(['capable', 0]);
  });

  it('the context window holds the input plus maxOutputTokens', async () => {
    const { limited, router } = await limitedThenCapable();
    const fits = traceOf(await generateText({ model: router.model('main'), prompt: 'hi' }));
    const tooLong = traceOf(
      await generateText({ model: router.model('main'), prompt: 'hi', maxOutputTokens: 200 }),
    );
    expect([fits.target, tooLong.target, limited.requests.length]).toEqual([
      'limited',
      'capable',
      1,
    ]);
    expect(tooLong.candidates[0]?.skipped?.message).toMatch(
      /^needs ~\d+ input tokens \+ 200 output tokens; window is 100$/,
    );
  });

  it('when no target can take the call, NoCapableTargetError names each target and its reason', async () => {
    const limited = await fakeTarget(
      'anthropic',
      'limited',
      {},
      {
        capabilities: { tools: false },
      },
    );
    const small = await fakeTarget('gemini', 'small', {}, { contextWindow: 50 });
    const router = createRouter({
      targets: [limited.target, small.target],
      routes: { main: { targets: ['limited', 'small'] } },
    });
    const decisions: DecisionTrace[] = [];
    router.on('decision', (trace) => decisions.push(trace));
    const error = await generateText({ model: router.model('main'), prompt: longPrompt, tools })
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(NoCapableTargetError.isInstance(error)).toBe(true);
    const { message, trace } = error as NoCapableTargetError;
    expect(message).toMatch(
      /^No target of route 'main' can take this call \(limited: the call offers tools; the target does not support them; small: needs ~\d+ input tokens; window is 50\)\. /,
    );
    expect(trace.candidates.map((candidate) => candidate.skipped?.code)).toEqual([
      'no-tools',
      'context-window',
    ]);
    expect([
      trace.attempts.length,
      limited.server.requests.length,
      small.server.requests.length,
      decisions.length,
    ]).toEqual([0, 0, 0, 1]);
  });
});
