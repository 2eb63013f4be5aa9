import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fakeProviders, tempProject } from '../../test/support/config-project.js';
import type { Router } from '../create-router.js';
import { RouterConfigError } from '../errors/router-config-error.js';
import type { ModelmuxConfig } from './define-config.js';
import { environmentConfig } from './environment-config.js';
import { environmentProviders } from './environment-providers.js';
import { loadRouter } from './load-router.js';

const canary = 'sk-canary-0123456789abcdefghij';

async function envRouter(env: Record<string, string>): Promise<Router> {
  const router = await loadRouter({ cwd: tempProject(), env });
  onTestFinished(() => router.close());
  return router;
}

/** Each route's members as `target=model id`. */
function routeModels(config: ModelmuxConfig): Record<string, string[]> {
  const modelOf = new Map(
    config.targets.map((target) => [target.id, (target.model as { modelId: string }).modelId]),
  );
  return Object.fromEntries(
    Object.entries(config.routes).map(([route, { targets }]) => [
      route,
      (targets ?? []).map((member) => {
        const id = typeof member === 'string' ? member : member.id;
        return `${id}=${modelOf.get(id)}`;
      }),
    ]),
  );
}

describe('zero-config from provider keys', () => {
  it('routes cheap calls to OpenAI first, through the base URL in env', async () => {
    const fakes = await fakeProviders();
    const router = await envRouter(fakes.env);
    const { text } = await generateText({ model: router.model('cheap'), prompt: 'hi' });
    expect(text).toBe('echo: hi');
    expect(fakes.openai.requests.map((request) => [request.path, request.model])).toEqual([
      ['/v1/responses', 'gpt-4.1-mini'],
    ]);
    expect([fakes.anthropic.requests.length, fakes.gemini.requests.length]).toEqual([0, 0]);
  });

  it('builds cheap, smart and default routes in provider order', async () => {
    const config = await environmentConfig({
      env: { OPENAI_API_KEY: 'o', ANTHROPIC_API_KEY: 'a', GOOGLE_GENERATIVE_AI_API_KEY: 'g' },
      providers: ['openai', 'anthropic', 'google'],
    });
    expect(routeModels(config)).toEqual({
      default: [
        'openai-cheap=gpt-4.1-mini',
        'anthropic-cheap=claude-haiku-4-5',
        'google-cheap=gemini-2.5-flash',
        'openai-smart=gpt-4.1',
        'anthropic-smart=claude-sonnet-4-5',
        'google-smart=gemini-2.5-pro',
      ],
      cheap: [
        'openai-cheap=gpt-4.1-mini',
        'anthropic-cheap=claude-haiku-4-5',
        'google-cheap=gemini-2.5-flash',
      ],
      smart: [
        'openai-smart=gpt-4.1',
        'anthropic-smart=claude-sonnet-4-5',
        'google-smart=gemini-2.5-pro',
        'openai-cheap=gpt-4.1-mini',
        'anthropic-cheap=claude-haiku-4-5',
        'google-cheap=gemini-2.5-flash',
      ],
    });
  });

  it('uses only the providers whose keys are set', async () => {
    const fakes = await fakeProviders();
    const { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL } = fakes.env;
    const router = await envRouter({ ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL } as Record<
      string,
      string
    >);
    await generateText({ model: router.model('smart'), prompt: 'a' });
    await generateText({ model: router.model('cheap'), prompt: 'b' });
    await generateText({ model: router.model(), prompt: 'c' });
    expect([router.targets, router.routes]).toEqual([
      ['anthropic-cheap', 'anthropic-smart'],
      ['default', 'cheap', 'smart'],
    ]);
    expect(fakes.anthropic.requests.map((request) => request.model)).toEqual([
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-haiku-4-5',
    ]);
  });

  it('reaches Gemini through GOOGLE_GENERATIVE_AI_BASE_URL', async () => {
    const fakes = await fakeProviders();
    const { GOOGLE_GENERATIVE_AI_API_KEY, GOOGLE_GENERATIVE_AI_BASE_URL } = fakes.env;
    const router = await envRouter({
      GOOGLE_GENERATIVE_AI_API_KEY,
      GOOGLE_GENERATIVE_AI_BASE_URL,
    } as Record<string, string>);
    const result = await generateText({ model: router.model('smart'), prompt: 'g' });
    expect(fakes.gemini.requests.map((request) => request.model)).toEqual(['gemini-2.5-pro']);
    const trace = result.providerMetadata?.modelmux as { costUsd?: number } | undefined;
    expect(trace?.costUsd).toBeGreaterThan(0);
  });

  it('fails over to the next provider when the first is down', async () => {
    const fakes = await fakeProviders({ openai: { defaultReply: { status: 503 } } });
    const router = await envRouter(fakes.env);
    const { text } = await generateText({ model: router.model('cheap'), prompt: 'up?' });
    expect([
      text,
      fakes.openai.requests.map((request) => request.status),
      fakes.anthropic.requests.map((request) => request.model),
    ]).toEqual(['echo: up?', [503], ['claude-haiku-4-5']]);
  });

  it('takes model overrides from MODELMUX_<PROVIDER>_<TIER>_MODEL', async () => {
    const fakes = await fakeProviders({ openai: { defaultReply: { status: 503 } } });
    const router = await envRouter({
      ...fakes.env,
      MODELMUX_OPENAI_CHEAP_MODEL: 'gpt-5-mini',
      MODELMUX_ANTHROPIC_CHEAP_MODEL: ' claude-haiku-4-5-20251001 ',
      MODELMUX_GOOGLE_SMART_MODEL: 'gemini-3-pro-preview',
      MODELMUX_ANTHROPIC_SMART_MODEL: '',
    });
    await generateText({ model: router.model('cheap'), prompt: 'x' });
    expect([
      fakes.openai.requests.map((request) => request.model),
      fakes.anthropic.requests.map((request) => request.model),
    ]).toEqual([['gpt-5-mini'], ['claude-haiku-4-5-20251001']]);
    const config = await environmentConfig({
      env: {
        GOOGLE_GENERATIVE_AI_API_KEY: 'g',
        ANTHROPIC_API_KEY: 'a',
        MODELMUX_ANTHROPIC_SMART_MODEL: '',
      },
      providers: ['anthropic', 'google'],
    });
    expect(routeModels(config).smart?.slice(0, 2)).toEqual([
      'anthropic-smart=claude-sonnet-4-5',
      'google-smart=gemini-2.5-pro',
    ]);
  });

  it('says which package to install when a key is set but its provider is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package '@ai-sdk/openai'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const table = environmentProviders.map((provider) =>
      provider.name === 'openai' ? { ...provider, load: () => Promise.reject(missing) } : provider,
    );
    const error = await environmentConfig({
      env: { OPENAI_API_KEY: canary, ANTHROPIC_API_KEY: canary },
      providers: ['openai', 'anthropic'],
      table,
    }).catch((thrown: unknown) => thrown);
    expect(RouterConfigError.isInstance(error)).toBe(true);
    expect((error as RouterConfigError).message).toBe(
      [
        'Invalid modelmux router options from the environment (1 issue):',
        "  OPENAI_API_KEY: is set, but @ai-sdk/openai could not be loaded (Error: Cannot find package '@ai-sdk/openai'). Install it: npm install @ai-sdk/openai",
      ].join('\n'),
    );
  });

  it('never puts a key in an error message', async () => {
    const fakes = await fakeProviders();
    const failing = environmentProviders.map((provider) => ({
      ...provider,
      load: () => Promise.reject(new Error(`failed with apiKey=${canary}`)),
    }));
    const errors: unknown[] = [
      await environmentConfig({
        env: { OPENAI_API_KEY: canary },
        providers: ['openai'],
        table: failing,
      }).catch((error: unknown) => error),
    ];
    // The fakes expect their own keys: the canary gets a 401 from each provider.
    const router = await envRouter({
      ...fakes.env,
      OPENAI_API_KEY: canary,
      ANTHROPIC_API_KEY: canary,
      GOOGLE_GENERATIVE_AI_API_KEY: canary,
    });
    errors.push(
      await generateText({ model: router.model('cheap'), prompt: 'k' }).catch(
        (error: unknown) => error,
      ),
    );
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    for (const error of errors as Error[]) {
      const seen = JSON.stringify({
        message: error.message,
        json: (error as { toJSON?: () => unknown }).toJSON?.(),
      });
      expect(seen).not.toContain(canary);
      expect(seen).not.toContain('0123456789abcdefghij');
    }
  });
});
