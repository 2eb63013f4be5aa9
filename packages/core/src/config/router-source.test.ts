import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/support/config-project.js';
import { NoRouterConfigError } from '../errors/no-router-config-error.js';
import { configFileNames, findRouterSource } from './router-source.js';

const canary = 'sk-canary-0123456789abcdefghij';

describe('findRouterSource', () => {
  it.each(configFileNames)('finds %s in cwd', (name) => {
    const cwd = tempProject({ [name]: name.endsWith('.json') ? '{}' : 'export default {};' });
    expect(findRouterSource({ cwd, env: {} })).toEqual({ kind: 'file', path: join(cwd, name) });
  });

  it('prefers .ts, then .mjs, then .js, then .json', () => {
    const cwd = tempProject(
      Object.fromEntries(configFileNames.map((name) => [name, 'export default {};'])),
    );
    const found: string[] = [];
    for (const name of configFileNames) {
      const source = findRouterSource({ cwd, env: {} });
      found.push(source.kind === 'file' ? source.path : source.kind);
      rmSync(join(cwd, name));
    }
    expect(found).toEqual(configFileNames.map((name) => join(cwd, name)));
  });

  it('prefers a config file over provider keys', () => {
    const cwd = tempProject({ 'modelmux.config.json': '{}' });
    expect(findRouterSource({ cwd, env: { OPENAI_API_KEY: canary } })).toEqual({
      kind: 'file',
      path: join(cwd, 'modelmux.config.json'),
    });
  });

  it('ignores a directory with a config file name', () => {
    const cwd = tempProject();
    mkdirSync(join(cwd, 'modelmux.config.ts'));
    expect(findRouterSource({ cwd, env: { ANTHROPIC_API_KEY: canary } })).toEqual({
      kind: 'environment',
      providers: ['anthropic'],
    });
  });

  it('lists the providers whose keys are set, in order openai, anthropic, google', () => {
    const cwd = tempProject();
    const env = { GOOGLE_GENERATIVE_AI_API_KEY: 'g', ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o' };
    expect(findRouterSource({ cwd, env })).toEqual({
      kind: 'environment',
      providers: ['openai', 'anthropic', 'google'],
    });
  });

  it('treats an empty or blank key as unset', () => {
    const cwd = tempProject();
    const env = { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '  ', GOOGLE_GENERATIVE_AI_API_KEY: 'g' };
    expect(findRouterSource({ cwd, env })).toEqual({ kind: 'environment', providers: ['google'] });
  });

  it('resolves a relative cwd to an absolute path', () => {
    const cwd = tempProject({ 'modelmux.config.mjs': 'export default {};' });
    const source = findRouterSource({ cwd: join(cwd, 'sub', '..'), env: {} });
    expect(source).toEqual({ kind: 'file', path: join(cwd, 'modelmux.config.mjs') });
  });

  it('throws NoRouterConfigError saying both fixes when there is neither', () => {
    const cwd = tempProject();
    let thrown: unknown;
    try {
      findRouterSource({ cwd, env: { OPENAI_API_KEY: '', OTHER_SECRET: canary } });
    } catch (error) {
      thrown = error;
    }
    expect(NoRouterConfigError.isInstance(thrown)).toBe(true);
    const error = thrown as NoRouterConfigError;
    expect([error.name, error.code, error.cwd]).toEqual([
      'NoRouterConfigError',
      'no-router-config',
      cwd,
    ]);
    expect(error.message).toBe(
      [
        `No modelmux router config found in ${cwd}. Fix it either way:`,
        `  1. Create ${cwd}/modelmux.config.ts (or .mjs, .js, .json), e.g.`,
        `       import { openai } from '@ai-sdk/openai';`,
        `       import { defineConfig } from '@modelmux/core';`,
        `       export default defineConfig({ targets: [{ id: 'mini', model: openai('gpt-4.1-mini') }], routes: { default: { targets: ['mini'] } } });`,
        '  2. Or set OPENAI_API_KEY, ANTHROPIC_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY: modelmux then',
        '     builds the routes default, cheap and smart from the providers whose keys it finds.',
      ].join('\n'),
    );
    expect(JSON.stringify({ ...error.toJSON(), stack: error.stack })).not.toContain(canary);
  });
});
