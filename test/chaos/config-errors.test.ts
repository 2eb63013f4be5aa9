import { createOpenAI } from '@ai-sdk/openai';
import { createRouter, type RouterOptions } from '@modelmux/core';
import { createGatewayServer, type GatewayOptions } from '@modelmux/gateway';
import { describe, it } from 'vitest';
import { loadRouter } from '../../packages/core/src/config/load-router.js';
import { tempProject } from '../../packages/core/test/support/config-project.js';
import { canaryKey, collect } from './support/evidence.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Bad configuration: each mistake is a RouterConfigError naming the option's path and what to do
// (a "did you mean" for a misspelt key or target), and no secret value in the message.

scanForCanaryAfterAll('config-errors');

const model = createOpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: canaryKey }).chat(
  'gpt-4.1-mini',
);
const targets = [{ id: 'primary', model }];

function messageOf(build: () => unknown): string {
  try {
    build();
    return '(no error)';
  } catch (error) {
    collect(error);
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

const routerCases: [string, () => unknown, string[]][] = [
  [
    'an unknown key in a route',
    () =>
      createRouter({
        targets,
        routes: { main: { targets: ['primary'], retries: { maxAttempts: 2 } } },
      } as unknown as RouterOptions),
    ['routes.main', 'retries', 'did you mean', 'retry'],
  ],
  [
    'an unknown top-level key',
    () =>
      createRouter({
        targets,
        routes: { main: { targets: ['primary'] } },
        breakers: {},
      } as unknown as RouterOptions),
    ['breakers', 'did you mean', 'breaker'],
  ],
  [
    'a wrong type',
    () =>
      createRouter({
        targets,
        routes: { main: { targets: ['primary'], timeouts: { attemptMs: '2s' } } },
      } as unknown as RouterOptions),
    ['routes.main.timeouts.attemptMs', 'number'],
  ],
  [
    'an unknown target',
    () => createRouter({ targets, routes: { main: { targets: ['primray'] } } }),
    ['routes.main.targets[0]', 'primray', 'did you mean', 'primary'],
  ],
];

describe('config errors', () => {
  it.each(routerCases)('router: %s', (name, build, expected) => {
    const message = messageOf(build);
    const missing = expected.filter((part) => !message.toLowerCase().includes(part.toLowerCase()));
    judge(
      `config: ${name}`,
      'config',
      missing.length === 0
        ? `RouterConfigError names ${expected.join(', ')}`
        : `missing ${missing.join(', ')} in: ${message.slice(0, 160)}`,
      'RouterConfigError naming the path and the fix; no secret',
      message.startsWith('RouterConfigError') &&
        missing.length === 0 &&
        !message.includes(canaryKey),
    );
  });

  it('gateway: an unknown option and a short key, with the key value never printed', () => {
    const router = createRouter({ targets, routes: { main: { targets: ['primary'] } } });
    const shortKey = 'secret-value-1';
    const message = messageOf(() =>
      createGatewayServer({
        router,
        keys: [{ name: 'a', key: shortKey }],
        bodyLimtBytes: 10,
      } as unknown as GatewayOptions),
    );
    const names = ['gateway.keys[0].key', 'gateway.bodyLimtBytes'];
    const missing = names.filter((part) => !message.includes(part));
    const hint = /did you mean/i.test(message) && message.includes('bodyLimitBytes');
    judge(
      'config: gateway unknown option + short key',
      'config',
      `${missing.length === 0 ? 'names every path' : `missing ${missing.join(', ')}`}; did-you-mean ${hint ? 'yes' : 'no'}; key value printed ${message.includes(shortKey) ? 'YES' : 'no'}`,
      'every path named; did-you-mean bodyLimitBytes; value never printed',
      missing.length === 0 && hint && !message.includes(shortKey),
    );
  });

  it('a config file whose provider key variable is missing: named, with no value printed', async () => {
    const cwd = tempProject({
      'modelmux.config.json': JSON.stringify({
        targets: [
          { id: 'a', model: 'openai/gpt-4.1-mini' },
          { id: 'b', model: 'anthropic/claude-haiku-4-5' },
        ],
        routes: { main: { targets: ['a', 'b'] } },
      }),
    });
    let message = '(no error)';
    try {
      await loadRouter({ cwd, env: { ANTHROPIC_API_KEY: canaryKey } });
    } catch (error) {
      collect(error);
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    judge(
      'config: missing env var',
      'config',
      `${message.includes('OPENAI_API_KEY') ? 'names OPENAI_API_KEY' : 'does not name the variable'} at ${message.includes('targets[0].model') ? 'targets[0].model' : '?'}; set key printed ${message.includes(canaryKey.slice(-8)) ? 'YES' : 'no'}`,
      'names the variable and the path; no value printed',
      message.includes('OPENAI_API_KEY') &&
        message.includes('targets[0].model') &&
        !message.includes(canaryKey.slice(-8)),
    );
  });
});
