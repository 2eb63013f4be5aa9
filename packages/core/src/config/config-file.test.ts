import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { generateText } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fakeProviders, packageUrl, tempProject } from '../../test/support/config-project.js';
import type { Router } from '../create-router.js';
import { ConfigFileError } from '../errors/config-file-error.js';
import { RouterConfigError } from '../errors/router-config-error.js';
import { defineConfig } from './define-config.js';
import { createRouterFromConfig, loadRouter } from './load-router.js';
import { loadRouterOptions } from './load-router-options.js';

const run = promisify(execFile);

/**
 * A config module whose one target is `@ai-sdk/openai` on the fake named by the env it is given.
 * `exported` is the default export's expression, over `build(env)`; `typed` adds annotations.
 */
function openaiConfigModule(exported: string, { typed = false } = {}): string {
  const env = typed ? 'env: Record<string, string | undefined>' : 'env';
  return [
    `import { createOpenAI } from '${packageUrl('@ai-sdk/openai')}';`,
    `const id${typed ? ': string' : ''} = 'from-file';`,
    `const build = (${env}) => ({`,
    `  targets: [{ id, model: createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL }).chat('gpt-4.1-mini') }],`,
    `  routes: { main: { targets: [id] } },`,
    `  gateway: { keys: ['not-for-the-router'] },`,
    `});`,
    `export default ${exported};`,
  ].join('\n');
}

async function load(cwd: string, env: Record<string, string>): Promise<Router> {
  const router = await loadRouter({ cwd, env });
  onTestFinished(() => router.close());
  return router;
}

async function loadError(cwd: string, env: Record<string, string> = {}): Promise<Error> {
  try {
    await loadRouter({ cwd, env });
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadRouter to fail');
}

describe('config files', () => {
  const variants = [
    {
      name: 'modelmux.config.ts',
      module: openaiConfigModule('({ env }) => build(env)', { typed: true }),
    },
    { name: 'modelmux.config.mjs', module: openaiConfigModule('({ env }) => build(env)') },
    { name: 'modelmux.config.js', module: openaiConfigModule('async ({ env }) => build(env)') },
  ];

  it.each(variants)(
    'loads $name and routes calls through its targets',
    async ({ name, module }) => {
      const fakes = await fakeProviders();
      const cwd = tempProject({ [name]: module });
      const router = await load(cwd, fakes.env);
      const { text } = await generateText({ model: router.model('main'), prompt: 'hi' });
      expect([text, router.routes, router.targets, fakes.openai.requests.length]).toEqual([
        'echo: hi',
        ['main'],
        ['from-file'],
        1,
      ]);
    },
  );

  it('is importable by plain Node as TypeScript (type stripping, Node >= 22.18)', async () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major === 22 && minor < 18) return;
    const cwd = tempProject({
      'modelmux.config.ts': openaiConfigModule('({ env }) => build(env)', { typed: true }),
    });
    const url = pathToFileURL(join(cwd, 'modelmux.config.ts')).href;
    const script = `const { default: config } = await import(${JSON.stringify(url)});
      const { targets } = config({ env: { OPENAI_API_KEY: 'k' } });
      console.log(JSON.stringify(targets.map((target) => [target.id, target.model.modelId])));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 10_000,
    });
    expect(JSON.parse(stdout)).toEqual([['from-file', 'gpt-4.1-mini']]);
  });

  it('accepts a plain object default export', async () => {
    const cwd = tempProject({
      'modelmux.config.mjs': openaiConfigModule(`build({ OPENAI_API_KEY: 'k' })`),
    });
    const config = await loadRouterOptions(
      { kind: 'file', path: join(cwd, 'modelmux.config.mjs') },
      { env: {} },
    );
    expect([config.targets.map((target) => target.id), Object.keys(config.routes)]).toEqual([
      ['from-file'],
      ['main'],
    ]);
  });

  it('hands a function default export the env, and awaits an async one', async () => {
    const cwd = tempProject({
      'modelmux.config.mjs': `export default async ({ env }) => ({ targets: [], routes: {}, gateway: { seen: env.MARKER } });`,
    });
    const path = join(cwd, 'modelmux.config.mjs');
    const config = await loadRouterOptions({ kind: 'file', path }, { env: { MARKER: 'yes' } });
    expect(config.gateway).toEqual({ seen: 'yes' });
  });

  it('keeps the gateway section in the config and out of the router', async () => {
    const fakes = await fakeProviders();
    const cwd = tempProject({
      'modelmux.config.mjs': openaiConfigModule('({ env }) => build(env)'),
    });
    const path = join(cwd, 'modelmux.config.mjs');
    const config = await loadRouterOptions({ kind: 'file', path }, { env: fakes.env });
    expect(config.gateway).toEqual({ keys: ['not-for-the-router'] });
    // createRouter rejects unknown keys, so building at all proves `gateway` was left out.
    expect((await load(cwd, fakes.env)).targets).toEqual(['from-file']);
    const router = createRouterFromConfig({ config, source: { kind: 'file', path } });
    onTestFinished(() => router.close());
    expect(router.routes).toEqual(['main']);
  });

  it('defineConfig returns its argument, object or function', () => {
    const config = { targets: [], routes: {} };
    const factory = () => config;
    expect([defineConfig(config), defineConfig(factory)]).toEqual([config, factory]);
  });
});

describe('modelmux.config.json', () => {
  it('builds "<provider>/<model>" references with the keys and base URLs in env', async () => {
    const fakes = await fakeProviders();
    const cwd = tempProject({
      'modelmux.config.json': JSON.stringify({
        targets: [
          { id: 'haiku', model: 'anthropic/claude-haiku-4-5' },
          { id: 'flash', model: 'google/gemini-2.5-flash' },
        ],
        routes: { main: { targets: ['haiku', 'flash'] } },
        gateway: { port: 4000 },
      }),
    });
    const router = await load(cwd, fakes.env);
    const { text } = await generateText({ model: router.model('main'), prompt: 'json' });
    expect([text, fakes.anthropic.requests.map((request) => request.model)]).toEqual([
      'echo: json',
      ['claude-haiku-4-5'],
    ]);
  });

  it('lists each bad model reference by its path', async () => {
    const cwd = tempProject({
      'modelmux.config.json': JSON.stringify({
        targets: [
          { id: 'a', model: 'gpt-4.1-mini' },
          { id: 'b', model: 'mistral/large' },
          { id: 'c', model: 'openai/gpt-4.1-mini' },
        ],
        routes: { main: { targets: ['a', 'b', 'c'] } },
      }),
    });
    const error = await loadError(cwd);
    const path = join(cwd, 'modelmux.config.json');
    expect(RouterConfigError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      [
        `Invalid modelmux router options from ${path} (3 issues):`,
        '  targets[0].model: "gpt-4.1-mini" is not a model reference; use openai/<model>, anthropic/<model>, google/<model>',
        '  targets[1].model: "mistral/large" is not a model reference; use openai/<model>, anthropic/<model>, google/<model>',
        '  targets[2].model: "openai/gpt-4.1-mini" needs OPENAI_API_KEY, which is not set',
      ].join('\n'),
    );
  });

  it('names the file when it is not valid JSON', async () => {
    const cwd = tempProject({ 'modelmux.config.json': '{ "targets": [' });
    const error = await loadError(cwd);
    expect(ConfigFileError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      new RegExp(
        `^Could not load the modelmux config file ${join(cwd, 'modelmux.config.json')}: SyntaxError: `,
      ),
    );
  });
});

describe('config files that fail to load', () => {
  it('names the file when it does not parse', async () => {
    const cwd = tempProject({ 'modelmux.config.ts': 'export default { targets: [ };' });
    const error = await loadError(cwd);
    expect(ConfigFileError.isInstance(error)).toBe(true);
    expect((error as ConfigFileError).path).toBe(join(cwd, 'modelmux.config.ts'));
    expect(
      error.message.startsWith(
        `Could not load the modelmux config file ${join(cwd, 'modelmux.config.ts')}: `,
      ),
    ).toBe(true);
    expect(error.message).not.toContain('\u001b['); // no terminal colours from the transformer
  });

  it('names the file and the error when importing it throws', async () => {
    const cwd = tempProject({ 'modelmux.config.mjs': `throw new Error('no region set');` });
    const error = await loadError(cwd);
    expect(error.message).toBe(
      `Could not load the modelmux config file ${join(cwd, 'modelmux.config.mjs')}: Error: no region set`,
    );
  });

  it('says how to export the config when there is no default export', async () => {
    const cwd = tempProject({ 'modelmux.config.mjs': 'export const config = {};' });
    expect((await loadError(cwd)).message).toBe(
      `Could not load the modelmux config file ${join(cwd, 'modelmux.config.mjs')}: it has no default export; add export default defineConfig({ targets, routes })`,
    );
  });

  it('rejects a default export that is not a config', async () => {
    const cwd = tempProject({ 'modelmux.config.mjs': `export default 'openai';` });
    expect((await loadError(cwd)).message).toBe(
      `Could not load the modelmux config file ${join(cwd, 'modelmux.config.mjs')}: its default export must be the config, or a function returning it (export default defineConfig({ targets, routes })); got a string`,
    );
  });

  it('names the file when its config function throws', async () => {
    const cwd = tempProject({
      'modelmux.config.mjs': `export default async () => { throw new TypeError('bad tier'); };`,
    });
    expect((await loadError(cwd)).message).toBe(
      `Could not load the modelmux config file ${join(cwd, 'modelmux.config.mjs')}: its default export threw: TypeError: bad tier`,
    );
  });

  it('names the file in the RouterConfigError of a config that loads but is invalid', async () => {
    const cwd = tempProject({
      'modelmux.config.mjs': `export default { targets: [], routes: { main: { targets: ['nope'] } } };`,
    });
    const error = await loadError(cwd);
    const path = join(cwd, 'modelmux.config.mjs');
    expect(RouterConfigError.isInstance(error) && error.source).toBe(path);
    expect(error.message).toBe(
      [
        `Invalid modelmux router options from ${path} (1 issue):`,
        "  targets: add at least one target, e.g. [{ id: 'mini', model: openai('gpt-4.1-mini') }]",
      ].join('\n'),
    );
  });

  it('scrubs a key from the message of a config that throws with it', async () => {
    const canary = 'sk-canary-0123456789abcdefghij';
    const cwd = tempProject({ 'modelmux.config.mjs': `throw new Error('bad key ${canary}');` });
    const error = await loadError(cwd);
    expect(JSON.stringify(ConfigFileError.isInstance(error) && error.toJSON())).not.toContain(
      canary,
    );
  });
});
