import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { startFakeAnthropic, startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { createMetrics } from '../src/telemetry/create-metrics.js';

describe('modelmux_hedges_total', () => {
  it('counts each hedge by route and outcome: won, lost', async () => {
    // Call 1: the primary's first byte takes 5 s, the hedge (after 50 ms) answers at once: won.
    // Call 2: the primary answers after 400 ms, the hedge would take 5 s: lost (cancelled).
    const [openai, anthropic] = await Promise.all([
      startFakeOpenAI({
        replies: [
          { text: 'slow', firstByteDelayMs: 5_000 },
          { text: 'primary', firstByteDelayMs: 400 },
        ],
      }),
      startFakeAnthropic({
        replies: [{ text: 'hedge' }, { text: 'late', firstByteDelayMs: 5_000 }],
      }),
    ]);
    onTestFinished(() => Promise.all([openai.close(), anthropic.close()]).then(() => {}));
    const router = createRouter({
      targets: [
        {
          id: 'primary',
          model: createOpenAI({ baseURL: openai.baseURL, apiKey: openai.apiKey }).chat(
            'gpt-4.1-mini',
          ),
        },
        {
          id: 'backup',
          model: createAnthropic({ baseURL: anthropic.baseURL, apiKey: anthropic.apiKey })(
            'claude-haiku-4-5',
          ),
        },
      ],
      routes: {
        main: { targets: ['primary', 'backup'], hedge: { afterMs: 50, maxExtraRatio: 1 } },
      },
    });
    const metrics = createMetrics(router);
    onTestFinished(() => metrics.close());
    const texts: string[] = [];
    for (let call = 0; call < 2; call += 1) {
      const result = await generateText({
        model: router.model('main'),
        prompt: 'hi',
        maxRetries: 0,
      });
      texts.push(result.text);
    }
    expect(texts).toEqual(['hedge', 'primary']);
    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE modelmux_hedges_total counter');
    expect(text).toContain('modelmux_hedges_total{route="main",outcome="won"} 1');
    expect(text).toContain('modelmux_hedges_total{route="main",outcome="lost"} 1');
  });
});
