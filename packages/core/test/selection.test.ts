import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter } from '../src/create-router.js';
import type { RouterOptions } from '../src/options/router-options.js';
import { trainScorer } from '../src/selection/train-scorer.js';
import type { DecisionTrace } from '../src/trace/decision-trace.js';
import { fakeTarget } from './support/providers.js';

const price = { inputUsdPerMillion: 1, outputUsdPerMillion: 1 };

/** `cheap` (OpenAI fake) and `strong` (Anthropic fake), each its own route. */
async function cheapAndStrong(
  routes: RouterOptions['routes'],
  replies: {
    cheap?: Parameters<typeof fakeTarget>[2];
    strong?: Parameters<typeof fakeTarget>[2];
  } = {},
) {
  const cheap = await fakeTarget('openai', 'cheap-model', replies.cheap, { price });
  const strong = await fakeTarget('anthropic', 'strong-model', replies.strong, { price });
  const router = createRouter({
    targets: [cheap.target, strong.target],
    routes: {
      cheap: { targets: ['cheap-model'], retry: { maxAttempts: 1 } },
      strong: { targets: ['strong-model'] },
      ...routes,
    },
  });
  onTestFinished(() => router.close());
  return { router, cheap: cheap.server, strong: strong.server };
}

function traceOf(result: { providerMetadata?: unknown }): DecisionTrace {
  return (result.providerMetadata as { modelmux: DecisionTrace }).modelmux;
}

describe('rules', () => {
  it('send a call with tools to the strong route and say which rule matched', async () => {
    const { router, cheap, strong } = await cheapAndStrong({
      auto: {
        rules: [
          { when: { metadata: { tier: 'free' } }, route: 'cheap' },
          { when: { hasTools: true }, route: 'strong' },
        ],
        default: 'cheap',
      },
    });
    const result = await generateText({
      model: router.model('auto'),
      prompt: 'what is the weather?',
      tools: {
        weather: tool({ inputSchema: jsonSchema({ type: 'object', properties: {} }) }),
      },
    });
    const trace = traceOf(result);
    expect(trace.selection).toEqual([
      {
        route: 'auto',
        kind: 'rules',
        chosen: 'strong',
        rule: 2,
        reason: 'rule 2 matched: has tools',
      },
    ]);
    expect([trace.route, trace.target, cheap.requests.length, strong.requests.length]).toEqual([
      'strong',
      'strong-model',
      0,
      1,
    ]);
  });

  it('read request metadata from a bound client, and fall back to the default', async () => {
    const { router, cheap, strong } = await cheapAndStrong({
      auto: {
        rules: [
          { when: { metadata: { tier: ['pro', 'team'] } }, route: 'strong', name: 'paying user' },
          { when: { promptMatches: '\\brefund\\b' }, route: 'strong' },
        ],
        default: 'cheap',
      },
    });
    const pro = router.createClient({ metadata: { tier: 'team' } });
    const first = traceOf(await generateText({ model: pro.model('auto'), prompt: 'hello' }));
    const second = traceOf(
      await generateText({ model: router.model('auto'), prompt: 'I want a REFUND now' }),
    );
    const third = traceOf(await generateText({ model: router.model('auto'), prompt: 'hello' }));
    expect([first, second, third].map((trace) => trace.selection?.[0]?.reason)).toEqual([
      'rule 1 matched: paying user',
      'rule 2 matched: prompt matches /\\brefund\\b/i',
      'no rule matched: default cheap',
    ]);
    expect([cheap.requests.length, strong.requests.length]).toEqual([1, 2]);
  });
});

describe('complexity', () => {
  it('routes a short question to the first tier and a long worked problem to the last', async () => {
    const { router, cheap, strong } = await cheapAndStrong({
      smart: {
        complexity: {
          scorer: 'heuristic',
          tiers: [{ route: 'cheap', below: 0.3 }, { route: 'strong' }],
        },
      },
    });
    const easy = traceOf(await generateText({ model: router.model('smart'), prompt: 'hi there' }));
    const hard = traceOf(
      await generateText({
        model: router.model('smart'),
        prompt: `Prove step by step that the algorithm below runs in O(n log n), then optimize it. It must handle 10, 20, 40 and 80 items; each batch takes 3.5 seconds at 12% overhead, and the total budget is 1,200 seconds.\n\`\`\`python\ndef sort(items):\n    return sorted(items)\n\`\`\`\n${'Explain each step and compare the trade-offs. '.repeat(20)}`,
      }),
    );
    expect(easy.selection?.[0]).toMatchObject({ kind: 'complexity', chosen: 'cheap', tier: 1 });
    expect(hard.selection?.[0]).toMatchObject({ kind: 'complexity', chosen: 'strong', tier: 2 });
    expect(hard.selection?.[0]?.reason).toMatch(/^heuristic score 0\.\d+ >= 0\.3: tier 2 strong$/);
    expect([cheap.requests.length, strong.requests.length]).toEqual([1, 1]);
  });

  it('awaits a user scorer, and takes the last tier when the scorer throws', async () => {
    const seen: string[] = [];
    const { router } = await cheapAndStrong({
      smart: {
        complexity: {
          scorer: async ({ prompt }) => {
            seen.push(prompt);
            if (prompt === 'boom') throw new Error('embedding service down');
            return prompt.length / 10;
          },
          tiers: [{ route: 'cheap', below: 1 }, { route: 'strong' }],
        },
      },
    });
    const short = traceOf(await generateText({ model: router.model('smart'), prompt: 'abc' }));
    const failed = traceOf(await generateText({ model: router.model('smart'), prompt: 'boom' }));
    expect(short.selection?.[0]).toMatchObject({ chosen: 'cheap', score: 0.3, tier: 1 });
    expect(failed.selection?.[0]).toMatchObject({ chosen: 'strong', tier: 2 });
    expect(failed.selection?.[0]?.reason).toContain(
      'function scorer failed (Error: embedding service down)',
    );
    expect(seen).toEqual(['abc', 'boom']);
  });

  it('loads a trained scorer file and uses its threshold for the first tier', async () => {
    const examples = Array.from({ length: 60 }, (_, index) =>
      index % 2 === 0
        ? { prompt: `integrate the differential equation number ${index}`, weak: 0, strong: 1 }
        : { prompt: `say hello to friend number ${index}`, weak: 1, strong: 1 },
    );
    const file = trainScorer(examples, { folds: 3, hashBits: 12 });
    const dir = mkdtempSync(join(tmpdir(), 'modelmux-scorer-'));
    const path = join(dir, 'scorer.json');
    writeFileSync(path, JSON.stringify(file));
    const { router } = await cheapAndStrong({
      smart: {
        complexity: { scorer: { model: path }, tiers: [{ route: 'cheap' }, { route: 'strong' }] },
      },
    });
    const hard = traceOf(
      await generateText({
        model: router.model('smart'),
        prompt: 'integrate the differential equation',
      }),
    );
    const easy = traceOf(
      await generateText({ model: router.model('smart'), prompt: 'say hello to friend' }),
    );
    expect([hard.selection?.[0]?.chosen, easy.selection?.[0]?.chosen]).toEqual(['strong', 'cheap']);
  });
});

describe('cascade', () => {
  const careful = {
    careful: { cascade: { first: 'cheap', escalateTo: 'strong', check: { mathAnswer: true } } },
  } satisfies RouterOptions['routes'];

  it('keeps the cheap answer when the check passes', async () => {
    const { router, strong } = await cheapAndStrong(careful, {
      cheap: { replies: [{ text: '3 apples and 4 apples: 3 + 4 = 7.\n#### 7' }] },
    });
    const result = await generateText({
      model: router.model('careful'),
      prompt: 'Sam has 3 apples and gets 4. How many?',
    });
    expect(result.text).toBe('3 apples and 4 apples: 3 + 4 = 7.\n#### 7');
    expect(traceOf(result).selection?.[0]).toMatchObject({
      kind: 'cascade',
      stage: 'first',
      chosen: 'cheap',
      accepted: true,
    });
    expect(strong.requests.length).toBe(0);
  });

  it('escalates a wrong cheap answer; the trace holds both calls and their cost', async () => {
    const { router, cheap, strong } = await cheapAndStrong(careful, {
      cheap: {
        replies: [{ text: '3 + 4 = 8.\n#### 8', usage: { inputTokens: 100, outputTokens: 50 } }],
      },
      strong: {
        replies: [{ text: '3 + 4 = 7.\n#### 7', usage: { inputTokens: 100, outputTokens: 20 } }],
      },
    });
    const result = await generateText({
      model: router.model('careful'),
      prompt: 'Sam has 3 apples and gets 4. How many?',
    });
    const trace = traceOf(result);
    expect(result.text).toBe('3 + 4 = 7.\n#### 7');
    expect([cheap.requests.length, strong.requests.length]).toEqual([1, 1]);
    const step = trace.selection?.[0];
    expect(step).toMatchObject({ kind: 'cascade', stage: 'escalated', chosen: 'strong' });
    expect(step?.reason).toMatch(
      /^escalated to strong: math answer suspicion \d+(\.\d+)? > 1: 1 arithmetic step/,
    );
    expect(step?.first).toMatchObject({
      route: 'cheap',
      outcome: 'success',
      target: 'cheap-model',
      costUsd: 0.00015,
    });
    expect(step?.first?.attempts).toHaveLength(1);
    expect(trace.costUsd).toBe(0.00012);
    expect(step?.totalCostUsd).toBe(0.00027);
  });

  it('escalates when the cheap route fails', async () => {
    const { router, strong } = await cheapAndStrong(careful, {
      cheap: { replies: [{ status: 503 }] },
    });
    const trace = traceOf(await generateText({ model: router.model('careful'), prompt: 'hi' }));
    expect(trace.selection?.[0]?.reason).toMatch(/^escalated to strong: cheap failed: /);
    expect(trace.selection?.[0]?.first?.attempts[0]).toMatchObject({
      target: 'cheap-model',
      status: 503,
    });
    expect(strong.requests.length).toBe(1);
  });

  it('buffers a streamed cheap answer, then replays it or streams the strong one', async () => {
    const { router, strong } = await cheapAndStrong(careful, {
      cheap: { replies: [{ text: '2 * 3 = 6\n#### 6' }, { text: '2 * 3 = 5\n#### 5' }] },
      strong: { replies: [{ text: '2 * 3 = 6\n#### 6' }] },
    });
    const kept = streamText({ model: router.model('careful'), prompt: 'Two boxes of 3?' });
    expect(await kept.text).toBe('2 * 3 = 6\n#### 6');
    expect(strong.requests.length).toBe(0);
    const escalated = streamText({ model: router.model('careful'), prompt: 'Two boxes of 3?' });
    expect(await escalated.text).toBe('2 * 3 = 6\n#### 6');
    const trace = (await escalated.providerMetadata)?.modelmux as unknown as DecisionTrace;
    expect(trace.selection?.[0]).toMatchObject({ stage: 'escalated', chosen: 'strong' });
    expect(strong.requests.map((request) => request.stream)).toEqual([true]);
  });

  describe('with minLogprob, over HTTP (the real @ai-sdk/openai asking for logprobs)', () => {
    const confident = {
      careful: { cascade: { first: 'cheap', escalateTo: 'strong', check: { minLogprob: -0.5 } } },
    } satisfies RouterOptions['routes'];
    const askForLogprobs = { openai: { logprobs: true } };

    it('keeps a cheap answer whose mean token logprob is high enough', async () => {
      const { router, cheap, strong } = await cheapAndStrong(confident, {
        cheap: { replies: [{ text: 'Paris is the capital.', logprob: -0.1 }] },
      });
      const result = await generateText({
        model: router.model('careful'),
        prompt: 'Capital of France?',
        providerOptions: askForLogprobs,
      });
      expect(result.text).toBe('Paris is the capital.');
      expect(traceOf(result).selection?.[0]).toMatchObject({
        stage: 'first',
        chosen: 'cheap',
        accepted: true,
        reason: 'cheap answered; minLogprob -0.5: mean logprob -0.1 >= -0.5',
      });
      expect(
        cheap.requests.map((request) => (request.body as { logprobs?: unknown }).logprobs),
      ).toEqual([true]);
      expect(strong.requests.length).toBe(0);
    });

    it('escalates an unsure cheap answer, streamed or not', async () => {
      const unsure = { text: 'Maybe Lyon, or Paris.', logprob: [-0.2, -1.5, -2.5, -0.3] };
      const { router, strong } = await cheapAndStrong(confident, {
        cheap: { replies: [unsure, unsure] },
        strong: { replies: [{ text: 'Paris.' }, { text: 'Paris.' }] },
      });
      const generated = await generateText({
        model: router.model('careful'),
        prompt: 'Capital of France?',
        providerOptions: askForLogprobs,
      });
      const streamed = streamText({
        model: router.model('careful'),
        prompt: 'Capital of France?',
        providerOptions: askForLogprobs,
      });
      expect([generated.text, await streamed.text]).toEqual(['Paris.', 'Paris.']);
      const streamedTrace = (await streamed.providerMetadata)?.modelmux as unknown as DecisionTrace;
      for (const step of [traceOf(generated).selection?.[0], streamedTrace.selection?.[0]]) {
        expect(step).toMatchObject({ stage: 'escalated', chosen: 'strong' });
        // Four tokens: -0.2, -1.5, -2.5, -0.3 (mean -1.125).
        expect(step?.reason).toBe('escalated to strong: mean logprob -1.125 < -0.5');
      }
      expect(strong.requests.length).toBe(2);
    });

    it('escalates, saying why, when the call did not ask for logprobs', async () => {
      const { router, strong } = await cheapAndStrong(confident, {
        cheap: { replies: [{ text: 'Paris is the capital.', logprob: -0.1 }] },
      });
      const result = await generateText({ model: router.model('careful'), prompt: 'Capital?' });
      expect(traceOf(result).selection?.[0]?.reason).toMatch(
        /^escalated to strong: the answer has no logprobs; ask the provider for them/,
      );
      expect(strong.requests.length).toBe(1);
    });
  });

  it('checks JSON output against a JSON schema', async () => {
    const { router, strong } = await cheapAndStrong(
      {
        careful: {
          cascade: {
            first: 'cheap',
            escalateTo: 'strong',
            check: {
              jsonSchema: {
                type: 'object',
                required: ['city'],
                properties: { city: { type: 'string' } },
              },
            },
          },
        },
      },
      {
        cheap: { replies: [{ text: '{"town":"Paris"}' }] },
        strong: { replies: [{ text: '{"city":"Paris"}' }] },
      },
    );
    const result = await generateText({ model: router.model('careful'), prompt: 'Where?' });
    expect(result.text).toBe('{"city":"Paris"}');
    expect(traceOf(result).selection?.[0]?.reason).toMatch(/does not match the JSON schema/);
    expect(strong.requests.length).toBe(1);
  });
});
