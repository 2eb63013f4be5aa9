import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fakeProviders, tempProject } from '../../test/support/config-project.js';
import { ConfigFileError } from '../errors/config-file-error.js';
import { NoRouterConfigError } from '../errors/no-router-config-error.js';
import { createLazyRouter } from './lazy-router.js';
import { loadRouter } from './load-router.js';

describe('createLazyRouter', () => {
  it('uses an explicit router as it is, without looking for a config', async () => {
    const fakes = await fakeProviders();
    const router = await loadRouter({ cwd: tempProject(), env: fakes.env });
    onTestFinished(() => router.close());
    const lazy = createLazyRouter({ router, cwd: tempProject(), env: {} });
    expect([await lazy.ready, lazy.source]).toEqual([router, { kind: 'explicit' }]);
  });

  it('throws NoRouterConfigError synchronously when there is no config', () => {
    const cwd = tempProject();
    expect(() => createLazyRouter({ cwd, env: {} })).toThrow(NoRouterConfigError);
  });

  it('finds the source at once and loads the router in the background', async () => {
    const fakes = await fakeProviders();
    const lazy = createLazyRouter({ cwd: tempProject(), env: fakes.env });
    expect(lazy.source).toEqual({
      kind: 'environment',
      providers: ['openai', 'anthropic', 'google'],
    });
    const router = await lazy.ready;
    onTestFinished(() => router.close());
    const { text } = await generateText({ model: router.model('cheap'), prompt: 'lazy' });
    expect([text, fakes.openai.requests.length]).toEqual(['echo: lazy', 1]);
  });

  it('keeps a load failure for the first request, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    onTestFinished(() => {
      process.off('unhandledRejection', onUnhandled);
    });
    const cwd = tempProject({ 'modelmux.config.mjs': `throw new Error('broken at start-up');` });
    const lazy = createLazyRouter({ cwd, env: {} });
    // The same import, started later, settles no earlier than the lazy router's; one more turn of
    // the event loop lets Node report a rejection nobody handled.
    await loadRouter({ cwd, env: {} }).catch(() => {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    const error = await lazy.ready.catch((thrown: unknown) => thrown);
    expect(ConfigFileError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('broken at start-up');
  });
});
