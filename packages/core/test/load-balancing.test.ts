import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/create-router.js';
import { fakeTarget } from './support/providers.js';
import { callRoute, traceOf } from './support/route-call.js';

// Load balancing over real HTTP: the real @ai-sdk/openai provider against testkit servers.

describe('load balancing over real HTTP', () => {
  it('least-latency learns which deployment is faster and sends it the traffic', async () => {
    const slow = await fakeTarget('openai', 'slow', { defaultReply: { latencyMs: 60 } });
    const fast = await fakeTarget('openai', 'fast');
    const router = createRouter({
      targets: [slow.target, fast.target],
      routes: { main: { strategy: 'least-latency', targets: ['slow', 'fast'] } },
    });
    const served: string[] = [];
    for (let call = 0; call < 20; call += 1) {
      const { trace } = await callRoute(
        call % 2 === 0 ? 'generate' : 'stream',
        router.model('main'),
      );
      served.push(trace.target as string);
    }
    // Each is measured once (the unmeasured one goes first), then the fast one takes the rest.
    expect(slow.server.requests.length).toBeLessThanOrEqual(2);
    expect(served.slice(4).every((target) => target === 'fast')).toBe(true);
    expect(router.stats().targets.slow?.health.latencyMs).toBeGreaterThan(50);
  });

  it('the region strategy sends a call to its own region; the call may name it per call', async () => {
    const eu = await fakeTarget('openai', 'eu', {}, { region: 'eu-west-1' });
    const us = await fakeTarget('openai', 'us', {}, { region: 'us-east-1' });
    const router = createRouter({
      targets: [us.target, eu.target],
      routes: { main: { strategy: 'region', targets: ['us', 'eu'] } },
    });
    const europe = router.createClient({ region: 'eu-west-1' });
    const first = await generateText({ model: europe.model('main'), prompt: 'hi' });
    expect(traceOf(first.providerMetadata).target).toBe('eu');
    const named = await generateText({
      model: europe.model('main'),
      prompt: 'hi',
      providerOptions: { modelmux: { region: 'us-east-1' } },
    });
    expect(traceOf(named.providerMetadata).target).toBe('us');
  });

  it('the region strategy spills over to another region when the own one is down', async () => {
    const eu = await fakeTarget(
      'openai',
      'eu',
      { defaultReply: { status: 503, error: 'unavailable' } },
      { region: 'eu-west-1' },
    );
    const us = await fakeTarget('openai', 'us', {}, { region: 'us-east-1' });
    const router = createRouter({
      targets: [us.target, eu.target],
      routes: { main: { strategy: 'region', targets: ['us', 'eu'] } },
    });
    const { trace } = await callRoute(
      'generate',
      router.createClient({ region: 'eu-west-1' }).model('main'),
    );
    expect(trace.attempts.map((attempt) => [attempt.target, attempt.outcome])).toEqual([
      ['eu', 'error'],
      ['us', 'success'],
    ]);
  });
});
