import { createOpenAI } from '@ai-sdk/openai';
import { startFakeOpenAI } from '@modelmux/testkit';
import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { RouterConfigError } from '../src/errors/router-config-error.js';
import type { RouterLogger } from '../src/telemetry/router-logger.js';

const canary = 'sk-canary-logs-0123456789abcdefghij';
const prompt = 'the quarterly numbers for project kestrel';

function captureLogger() {
  const lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[] = [];
  const logger: RouterLogger = {
    info: (fields, message) => lines.push({ level: 'info', fields: { ...fields }, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields: { ...fields }, message }),
  };
  return { logger, lines };
}

async function twoTargets(replies: { first: object[]; second: object[] }, logger: RouterLogger) {
  const [first, second] = await Promise.all([
    startFakeOpenAI({ apiKey: canary, replies: replies.first }),
    startFakeOpenAI({ apiKey: canary, replies: replies.second }),
  ]);
  onTestFinished(() => Promise.all([first.close(), second.close()]).then(() => {}));
  const model = (url: string) =>
    createOpenAI({ baseURL: url, apiKey: canary }).chat('gpt-4.1-mini');
  return createRouter({
    targets: [
      { id: 'primary', model: model(first.baseURL) },
      {
        id: 'backup',
        model: model(second.baseURL),
        price: { inputUsdPerMillion: 1, outputUsdPerMillion: 2 },
      },
    ],
    routes: { main: { targets: ['primary', 'backup'] } },
    breaker: { consecutiveFailures: 1 },
    logger,
  });
}

describe('the router logger', () => {
  it('writes one line per call summarising the decision, and a warning when a breaker opens', async () => {
    const { logger, lines } = captureLogger();
    const router = await twoTargets(
      {
        first: [{ status: 503, error: 'unavailable' }],
        second: [{ text: 'ok', usage: { inputTokens: 100, outputTokens: 50 } }],
      },
      logger,
    );
    await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'modelmux breaker open'],
      ['info', 'modelmux call'],
    ]);
    expect(lines[0]?.fields).toMatchObject({ target: 'primary', reason: 'consecutive-failures' });
    const call = lines[1]?.fields;
    expect(call).toMatchObject({
      route: 'main',
      operation: 'generate',
      strategy: 'priority',
      outcome: 'success',
      target: 'backup',
      attempts: 2,
      tried: ['primary:overloaded(503)', 'backup:ok'],
      inputTokens: 100,
      outputTokens: 50,
      costUsd: (100 * 1 + 50 * 2) / 1e6,
    });
    expect(call?.durationMs).toBeTypeOf('number');
    expect(Object.keys(call ?? {}).sort()).toEqual(
      [
        'attempts',
        'callId',
        'costUsd',
        'durationMs',
        'inputTokens',
        'operation',
        'outcome',
        'outputTokens',
        'route',
        'strategy',
        'target',
        'tried',
      ].sort(),
    );
  });

  it('names a hedge and its outcome, and the cancelled loser as hedge-lost', async () => {
    const { logger, lines } = captureLogger();
    const [first, second] = await Promise.all([
      startFakeOpenAI({ apiKey: canary, replies: [{ text: 'slow', firstByteDelayMs: 5_000 }] }),
      startFakeOpenAI({ apiKey: canary, replies: [{ text: 'fast' }] }),
    ]);
    onTestFinished(() => Promise.all([first.close(), second.close()]).then(() => {}));
    const model = (url: string) =>
      createOpenAI({ baseURL: url, apiKey: canary }).chat('gpt-4.1-mini');
    const router = createRouter({
      targets: [
        { id: 'primary', model: model(first.baseURL) },
        { id: 'backup', model: model(second.baseURL) },
      ],
      routes: { main: { targets: ['primary', 'backup'], hedge: { afterMs: 50 } } },
      logger,
    });
    const result = await generateText({ model: router.model('main'), prompt, maxRetries: 0 });
    expect(result.text).toBe('fast');
    expect(lines.map((line) => [line.level, line.message])).toEqual([['info', 'modelmux call']]);
    expect(lines[0]?.fields).toMatchObject({
      outcome: 'success',
      target: 'backup',
      hedge: 'backup:won',
      tried: ['primary:hedge-lost', 'backup:ok'],
    });
  });

  it('warns for a failed call and never logs a key, a URL or the prompt', async () => {
    const { logger, lines } = captureLogger();
    const router = await twoTargets(
      {
        first: [{ status: 500, error: 'server-error' }],
        second: [
          { status: 401, error: 'unauthorized' },
          { status: 401, error: 'unauthorized' },
        ],
      },
      logger,
    );
    await expect(
      generateText({ model: router.model('main'), prompt, maxRetries: 0 }),
    ).rejects.toThrow();
    await expect(
      generateText({ model: router.model('main'), prompt, maxRetries: 0 }),
    ).rejects.toThrow();
    const calls = lines.filter((line) => line.message === 'modelmux call');
    expect(calls.map((line) => [line.level, line.fields.outcome])).toEqual([
      ['warn', 'rejected'],
      ['warn', 'rejected'],
    ]);
    expect(calls[1]?.fields.skipped).toEqual(['primary:breaker-open']);
    const text = JSON.stringify(lines);
    for (const secret of [canary, '0123456789abcdefghij', 'http://', 'kestrel']) {
      expect(text).not.toContain(secret);
    }
  });

  it('rejects a logger without info and warn, naming the option', () => {
    expect(() =>
      createRouter({
        targets: [{ id: 'a', model: createOpenAI({ apiKey: 'x' }).chat('gpt-4.1-mini') }],
        routes: { main: { targets: ['a'] } },
        logger: { log: () => {} } as never,
      }),
    ).toThrow(RouterConfigError);
    expect(() =>
      createRouter({
        targets: [{ id: 'a', model: createOpenAI({ apiKey: 'x' }).chat('gpt-4.1-mini') }],
        routes: { main: { targets: ['a'] } },
        logger: { log: () => {} } as never,
      }),
    ).toThrow(/logger.*info\(fields, message\)/s);
  });
});
