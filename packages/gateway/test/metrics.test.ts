import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';

const key = 'mm-metrics-test-key-0123456789';

async function scriptedGateway(options: Parameters<typeof startGateway>[1] = {}) {
  const down = await fakeTarget('openai', 'down', {
    replies: [{ status: 503, error: 'unavailable' }],
  });
  const up = await fakeTarget('anthropic', 'up');
  const gateway = await startGateway(
    {
      targets: [down.target, up.target],
      routes: { main: { targets: ['down', 'up'] } },
      breaker: { consecutiveFailures: 1, cooldownMs: 60_000 },
    },
    { keys: [{ name: 'web', key }], ...options },
  );
  return { gateway, down: down.server, up: up.server };
}

describe('GET /metrics on the gateway server', () => {
  it('counts what the fake providers saw, behind a virtual key', async () => {
    const { gateway, down, up } = await scriptedGateway();
    const client = gateway.openai({ apiKey: key, maxRetries: 0 });
    for (const content of ['one', 'two']) {
      await client.chat.completions.create({
        model: 'main',
        messages: [{ role: 'user', content }],
      });
    }
    expect([down.requests.length, up.requests.length]).toEqual([1, 2]);

    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(
      'modelmux_attempts_total{route="main",target="down",provider="openai",outcome="error",error_class="retryable-transient"} 1',
    );
    expect(text).toContain(
      'modelmux_calls_total{route="main",target="up",outcome="success",error_class=""} 2',
    );
    expect(text).toContain('modelmux_breaker_state{target="down"} 2');
    expect(text).toContain('modelmux_breaker_transitions_total{target="down",state="open"} 1');
  });

  it('takes its own scrape token instead, or is turned off', async () => {
    const token = 'prometheus-scrape-token-0123';
    const { gateway } = await scriptedGateway({ metrics: { token } });
    const denied = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(denied.status).toBe(401);
    const allowed = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(allowed.status).toBe(200);

    const { gateway: off } = await scriptedGateway({ metrics: false });
    const missing = await fetch(`${off.url}/metrics`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(missing.status).toBe(404);
  });
});
