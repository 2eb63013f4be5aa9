import { inspect } from 'node:util';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import {
  type FakeServer,
  type FakeServerOptions,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '@modelmux/testkit';
import { generateText, streamText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRouter, type Router } from '../src/create-router.js';
import { RouterError } from '../src/errors/router-error.js';
import type { TargetOptions } from '../src/options/router-options.js';
import type { RouterEventName } from '../src/trace/router-events.js';
import type { ProviderName } from './support/providers.js';

// A key shaped like a real one. Fakes that expect another key answer 401; fakes configured with
// it accept it. Everything that leaves the router is serialised and searched for it.
const canary = 'sk-canary-0123456789abcdefghij';
// Providers echo masked keys (`sk-cana*****ghij`); the distinctive middle catches partial echoes.
const fragments = [canary, '0123456789abcdefghij'];
const otherKey = 'sk-expected-by-the-server-000000';
const eventNames: RouterEventName[] = [
  'call-start',
  'attempt-start',
  'decision',
  'attempt-end',
  'breaker-open',
  'breaker-half-open',
  'breaker-close',
  'target-cooldown',
];

/** A target whose model presents the canary to a fake expecting `serverKey`. */
async function canaryTarget(
  provider: ProviderName,
  id: string,
  serverKey: string,
  options: FakeServerOptions = {},
): Promise<{ server: FakeServer; target: TargetOptions }> {
  const start = { openai: startFakeOpenAI, anthropic: startFakeAnthropic, gemini: startFakeGemini };
  const server = await start[provider]({ ...options, apiKey: serverKey });
  onTestFinished(() => server.close());
  const settings = { baseURL: server.baseURL, apiKey: canary };
  const model =
    provider === 'openai'
      ? createOpenAI(settings).chat('gpt-4.1-mini')
      : provider === 'anthropic'
        ? createAnthropic(settings)('claude-haiku-4-5')
        : createGoogleGenerativeAI(settings)('gemini-2.5-flash');
  return { server, target: { id, model } };
}

/** Collects the serialised form of everything the router hands out. */
function exposure(router: Router) {
  const texts: { what: string; text: string }[] = [];
  const add = (what: string, text: string | undefined) => texts.push({ what, text: text ?? '' });
  for (const name of eventNames) {
    router.on(name, (event) => add(`event ${name}`, JSON.stringify(event)));
  }
  return {
    add,
    /** Every way an app might log or send a thrown router error. */
    error(what: string, error: unknown) {
      expect(RouterError.isInstance(error)).toBe(true);
      const routerError = error as RouterError & { trace?: unknown };
      add(`${what} message`, routerError.message);
      add(`${what} String()`, String(routerError));
      add(`${what} stack`, routerError.stack);
      add(`${what} JSON.stringify`, JSON.stringify(routerError));
      add(`${what} toJSON()`, JSON.stringify(routerError.toJSON()));
      add(`${what} trace`, JSON.stringify(routerError.trace));
    },
    /** The texts that hold the key or a fragment of it. */
    leaks: () =>
      texts
        .filter(({ text }) => fragments.some((fragment) => text.includes(fragment)))
        .map(({ what }) => what),
    count: (prefix: string) => texts.filter(({ what }) => what.startsWith(prefix)).length,
  };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('a canary API key never leaves the router', () => {
  it('in errors, traces, events and stats of calls that fail: 401, 503, 429 and broken streams', async () => {
    const rejecting = await Promise.all(
      (['openai', 'anthropic', 'gemini'] as const).map((provider) =>
        canaryTarget(provider, `${provider}-wrong-key`, otherKey),
      ),
    );
    const down = await canaryTarget('openai', 'down', canary, { defaultReply: { status: 503 } });
    const limited = await canaryTarget('anthropic', 'limited', canary, {
      defaultReply: { status: 429, retryAfterS: 30 },
    });
    const overloaded = await canaryTarget('gemini', 'overloaded', canary, {
      defaultReply: { error: 'overloaded' },
    });
    const breaks = await canaryTarget('openai', 'breaks', canary, {
      defaultReply: { resetAfterChunks: 1, chunks: 4 },
    });
    const router = createRouter({
      targets: [...rejecting, down, limited, overloaded, breaks].map((entry) => entry.target),
      routes: {
        'wrong-openai': { targets: ['openai-wrong-key'] },
        'wrong-anthropic': { targets: ['anthropic-wrong-key'] },
        'wrong-gemini': { targets: ['gemini-wrong-key'] },
        failing: { targets: ['down', 'limited', 'overloaded'], retry: { maxAttempts: 3 } },
        breaking: { targets: ['breaks'] },
      },
      breaker: { consecutiveFailures: 1 },
    });
    const seen = exposure(router);

    for (const provider of ['openai', 'anthropic', 'gemini']) {
      const error = await thrown(
        generateText({ model: router.model(`wrong-${provider}`), prompt: 'hi' }),
      );
      expect(error).toMatchObject({ code: 'request-rejected', status: 401 });
      seen.error(`${provider} 401`, error);
    }
    const failed = await thrown(generateText({ model: router.model('failing'), prompt: 'hi' }));
    expect(failed).toMatchObject({ code: 'all-targets-failed' });
    seen.error('all failed', failed);
    // Now every failing target is open or cooling: a panic-mode call fails too.
    seen.error(
      'panic',
      await thrown(generateText({ model: router.model('failing'), prompt: 'hi' })),
    );

    const stream = streamText({
      model: router.model('breaking'),
      prompt: 'one two three four',
      onError: () => {},
    });
    for await (const part of stream.fullStream) {
      seen.add(`stream part ${part.type}`, JSON.stringify(part));
      if (part.type === 'error') seen.error('stream error part', part.error);
    }
    seen.add('stats', JSON.stringify(router.stats()));

    expect(seen.leaks()).toEqual([]);
    // What was searched: each call's decision, each attempt, the trips and the cooldown.
    expect([
      seen.count('event decision'),
      seen.count('event attempt-end'),
      seen.count('event breaker-open'),
      seen.count('event target-cooldown'),
      seen.count('stream error part message'),
    ]).toEqual([6, 8, 3, 1, 1]);
    expect(rejecting.map(({ server }) => server.requests[0]?.authorized)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('in results, metadata, events and stats of calls that succeed (generate and stream)', async () => {
    const targets = await Promise.all(
      (['openai', 'anthropic', 'gemini'] as const).map((provider) =>
        // OpenAI first answers 503, so the call fails over once.
        canaryTarget(provider, provider, canary, {
          replies: provider === 'openai' ? [{ status: 503 }] : [],
        }),
      ),
    );
    const router = createRouter({
      targets: targets.map((entry) => entry.target),
      routes: { main: { targets: ['openai', 'anthropic', 'gemini'] } },
    });
    const seen = exposure(router);
    const generated = await generateText({ model: router.model('main'), prompt: 'hi' });
    seen.add('generate providerMetadata', JSON.stringify(generated.providerMetadata));
    seen.add('generate request', JSON.stringify(generated.request));
    seen.add('generate response', JSON.stringify(generated.response));
    const streamed = streamText({ model: router.model('main'), prompt: 'hello there' });
    for await (const part of streamed.fullStream) {
      seen.add(`stream part ${part.type}`, JSON.stringify(part));
    }
    seen.add('stream providerMetadata', JSON.stringify(await streamed.providerMetadata));
    seen.add('stream request', JSON.stringify(await streamed.request));
    seen.add('stream response', JSON.stringify(await streamed.response));
    seen.add('stats', JSON.stringify(router.stats()));

    expect(seen.leaks()).toEqual([]);
    expect([generated.text, await streamed.text]).toEqual(['echo: hi', 'echo: hello there']);
    expect(
      targets.map(({ server }) => server.requests.every((request) => request.authorized)),
    ).toEqual([true, true, true]);
  });

  it("the providers' own errors, kept as the cause, hold no key either", async () => {
    const rejecting = await Promise.all(
      (['openai', 'anthropic', 'gemini'] as const).map((provider) =>
        canaryTarget(provider, provider, otherKey),
      ),
    );
    const router = createRouter({
      targets: rejecting.map((entry) => entry.target),
      routes: Object.fromEntries(
        rejecting.map(({ target }) => [`via-${target.id}`, { targets: [target.id] }]),
      ),
    });
    for (const { target } of rejecting) {
      const error = await thrown(
        generateText({ model: router.model(`via-${target.id}`), prompt: 'hi' }),
      );
      const cause = (error as Error).cause as Record<string, unknown>;
      // The APICallError: url, requestBodyValues, responseHeaders, responseBody...
      expect(cause).toMatchObject({ name: 'AI_APICallError', statusCode: 401 });
      const everything = inspect(error, { depth: Number.POSITIVE_INFINITY });
      expect(fragments.filter((fragment) => everything.includes(fragment))).toEqual([]);
      expect(fragments.filter((fragment) => JSON.stringify(cause).includes(fragment))).toEqual([]);
    }
  });
});
