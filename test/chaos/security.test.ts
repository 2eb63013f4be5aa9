import { inspect } from 'node:util';
import { createGatewayServer } from '@modelmux/gateway';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { digestOf, matchDigest } from '../../packages/gateway/src/auth/key-hash.js';
import { parseGatewayOptions } from '../../packages/gateway/src/gateway-options.js';
import { rawRequest } from '../../packages/gateway/test/support/raw-http.js';
import { collect } from './support/evidence.js';
import { startFleet } from './support/fleet.js';
import { openPath } from './support/paths.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Virtual keys are kept only as SHA-256 digests and compared in constant time; a key scoped to
// some routes can use nothing else; prompts never reach the logs or traces.

scanForCanaryAfterAll('security');

const fullKey = 'mm-full-access-key-0123456789';
const scopedKey = 'mm-scoped-cheap-key-0123456789';

describe('security', () => {
  it('virtual keys are stored as digests and every stored digest is compared', async () => {
    const fleet = await startFleet();
    const resolved = parseGatewayOptions({
      router: fleet.router,
      keys: [
        { name: 'full', key: fullKey },
        { name: 'scoped', key: scopedKey, routes: ['main'] },
      ],
    });
    const dump = `${inspect(resolved, { depth: 6 })}${JSON.stringify(resolved.keys)}`;
    const plaintext = dump.includes(fullKey) || dump.includes(scopedKey);
    // Reads of the stored digests, per match position: the same for a match anywhere or none.
    const reads = (presented: string) => {
      let count = 0;
      const stored = resolved.keys.map((key) => key.digest);
      const counting = new Proxy(stored, {
        get(target, property, receiver) {
          if (typeof property === 'string' && /^\d+$/.test(property)) count += 1;
          return Reflect.get(target, property, receiver);
        },
      });
      const index = matchDigest(digestOf(presented), counting);
      return { index, count };
    };
    const first = reads(fullKey);
    const second = reads(scopedKey);
    const none = reads('mm-not-a-key-at-all-0000000000');
    judge(
      'virtual keys: digests, constant-time match',
      'gateway',
      `plaintext kept: ${plaintext ? 'YES' : 'no'}; digest bytes ${resolved.keys.map((key) => key.digest.length).join('/')}; digests compared for a match at 0 / 1 / none: ${first.count}/${second.count}/${none.count}`,
      'no plaintext; 32-byte SHA-256; every digest compared whatever matches (timingSafeEqual)',
      !plaintext &&
        resolved.keys.every((key) => key.digest.length === 32) &&
        first.index === 0 &&
        second.index === 1 &&
        none.index === -1 &&
        first.count === 2 &&
        second.count === 2 &&
        none.count === 2,
    );
  });

  it('a key scoped to one route can use nothing else', async () => {
    const fleet = await startFleet({ route: {} });
    const server = createGatewayServer({
      router: fleet.router,
      keys: [
        { name: 'full', key: fullKey },
        { name: 'scoped', key: scopedKey, routes: ['secondary'] },
      ],
      host: '127.0.0.1',
      port: 0,
    });
    const { url } = await server.listen();
    onTestFinished(() => server.close(1000));
    const scoped = new OpenAI({ baseURL: `${url}/v1`, apiKey: scopedKey, maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const denied = await scoped.chat.completions
      .create({ model: 'main', messages })
      .then(() => 200)
      .catch((error: InstanceType<typeof OpenAI.APIError>) => error.status);
    const deniedTarget = await scoped.chat.completions
      .create({ model: 'primary', messages })
      .then(() => 200)
      .catch((error: InstanceType<typeof OpenAI.APIError>) => error.status);
    const upstreamAfterDenied = fleet.upstreamRequests();
    const allowed = await scoped.chat.completions.create({ model: 'secondary', messages });
    const listed = (await scoped.models.list()).data.map((model) => model.id);
    const full = await rawRequest(`${url}/v1/models`, {
      method: 'GET',
      headers: { authorization: `Bearer ${fullKey}` },
    });
    collect(full.text);
    judge(
      'per-key route scoping',
      'gateway',
      `scoped key -> route main ${denied}, target primary ${deniedTarget}, upstream calls ${upstreamAfterDenied}; -> secondary ${allowed.choices[0]?.message.content === 'echo: hi' ? 200 : 'failed'}; lists [${listed.join(', ')}]`,
      '403 outside its routes with 0 upstream calls; 200 inside; lists only its routes',
      denied === 403 &&
        deniedTarget === 403 &&
        upstreamAfterDenied === 0 &&
        listed.join() === 'secondary',
    );
    expect((full.json.data as { id: string }[]).map((model) => model.id)).toEqual([
      'main',
      'primary',
      'secondary',
    ]);
  });

  it('prompts are absent from logs and traces by default', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ status: 503 }, { status: 400, error: 'context-length-exceeded' }] },
    });
    const traces: string[] = [];
    fleet.router.on('decision', (trace) => traces.push(JSON.stringify(trace)));
    fleet.router.on('attempt-end', (event) => traces.push(JSON.stringify(event)));
    const path = await openPath('gateway', fleet.router);
    const marker = 'PROMPT-MARKER-7f3a9c';
    const outcomes = [];
    for (const stream of [false, true, false]) {
      outcomes.push(await path.call({ stream, prompt: `tell me about ${marker}` }));
    }
    const logs = [...path.logLines(), ...fleet.routerLog];
    const spans = fleet.spans();
    const inLogs = logs.filter((line) => line.includes(marker)).length;
    const inTraces = traces.filter((trace) => trace.includes(marker)).length;
    const inSpans = spans.filter((span) => span.includes(marker)).length;
    judge(
      'prompts absent from logs',
      'gateway',
      `${outcomes.filter((o) => o.ok).length}/3 calls ok (incl. fail-overs); marker in ${inLogs}/${logs.length} log lines (gateway + router), ${inTraces}/${traces.length} trace events, ${inSpans}/${spans.length} spans`,
      '0 log lines, trace events or spans hold the prompt',
      inLogs === 0 &&
        inTraces === 0 &&
        inSpans === 0 &&
        logs.length >= 6 &&
        traces.length >= 3 &&
        spans.length >= 3,
    );
  });
});
