import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServer, FakeServerOptions } from '../src/core/fake-server.js';
import { seededRandom } from '../src/core/schedule.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function fake(options?: FakeServerOptions): Promise<FakeServer> {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  return server;
}

/** Sends `count` chat completions one after another and returns the status each got. */
async function statuses(server: FakeServer, count: number): Promise<number[]> {
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) {
    seen.push(await statusOfOne(client));
  }
  return seen;
}

function statusOfOne(client: OpenAI): Promise<number> {
  return client.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => 200,
      (error: unknown) => (error instanceof OpenAI.APIError ? (error.status ?? -1) : -1),
    );
}

describe('fault rules of the fake OpenAI server', () => {
  it('fails a seeded half of the requests in the same pattern on every run', async () => {
    const rule = { rate: 0.5, seed: 7, reply: { status: 503 } };
    const first = await statuses(await fake({ faults: [rule] }), 12);
    const second = await statuses(await fake({ faults: [rule] }), 12);
    const random = seededRandom(7);
    const predicted = first.map(() => (random() < 0.5 ? 503 : 200));
    expect(second).toEqual(first);
    expect(first).toEqual(predicted);
    expect(new Set(first)).toEqual(new Set([200, 503]));
  });

  it('fails only the next 2 requests with { next: 2 }', async () => {
    const server = await fake({ faults: [{ next: 2, reply: { status: 503 } }] });
    expect(await statuses(server, 4)).toEqual([503, 503, 200, 200]);
  });

  it('fails requests inside [fromMs, untilMs) of the injected clock only', async () => {
    let now = 0;
    const server = await fake({
      clock: () => now,
      faults: [{ fromMs: 1_000, untilMs: 2_000, reply: { status: 500 } }],
    });
    const seen: number[] = [];
    for (const time of [999, 1_000, 1_500, 1_999, 2_000]) {
      now = time;
      seen.push(...(await statuses(server, 1)));
    }
    expect(seen).toEqual([200, 500, 500, 500, 200]);
  });

  it('serves queued replies before fault rules, and clearFaults drops both', async () => {
    const server = await fake({ faults: [{ reply: { status: 503 } }] });
    server.enqueue({ text: 'queued' });
    server.failNext(2, { status: 429 });
    expect(await statuses(server, 4)).toEqual([200, 429, 429, 503]);
    server.clearFaults();
    server.addFault({ next: 1, reply: { error: 'server-error' } });
    expect(await statuses(server, 2)).toEqual([500, 200]);
    expect(server.requests.map((entry) => entry.status)).toEqual([200, 429, 429, 503, 500, 200]);
  });
});
