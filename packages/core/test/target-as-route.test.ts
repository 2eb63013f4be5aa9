import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { NoSuchRouteError } from '../src/errors/no-such-route-error.js';
import { fakeTarget } from './support/providers.js';

describe('a target id as a model name', () => {
  it('routes to that target alone, with the default retry and timeouts', async () => {
    const first = await fakeTarget('openai', 'mini');
    const second = await fakeTarget('anthropic', 'haiku');
    const router = createRouter({
      targets: [first.target, second.target],
      routes: { smart: { targets: ['mini', 'haiku'] } },
    });
    const result = await generateText({ model: router.model('haiku'), prompt: 'hi' });
    const trace = result.providerMetadata?.modelmux as { route: string; target: string };
    expect([trace.route, trace.target, first.server.requests.length]).toEqual([
      'haiku',
      'haiku',
      0,
    ]);
  });

  it('still names only routes when a model name is unknown', async () => {
    const only = await fakeTarget('openai', 'mini');
    const router = createRouter({
      targets: [only.target],
      routes: { smart: { targets: ['mini'] } },
    });
    expect(() => router.model('gpt5')).toThrow(NoSuchRouteError);
    expect(() => router.model('gpt5')).toThrow("No route 'gpt5'. Known: smart.");
  });
});
