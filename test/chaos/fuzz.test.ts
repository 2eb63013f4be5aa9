import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../packages/gateway/src/anthropic/messages-request.js';
import { parseChatRequest } from '../../packages/gateway/src/openai/chat-request.js';
import { GatewayError } from '../../packages/gateway/src/openai/gateway-error.js';
import { rawRequest } from '../../packages/gateway/test/support/raw-http.js';
import { startFleet } from './support/fleet.js';
import { gatewayKey, openPath } from './support/paths.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Property-based fuzzing of the gateway's request parsers (fast-check, a bounded number of
// seeded runs): whatever the body, the answer is a translated request or a 4xx GatewayError,
// never a crash; and over HTTP, never a 5xx, with the gateway serving afterwards.

scanForCanaryAfterAll('fuzz');

const seed = 20261125;
const runs = 400;

/** Mostly a valid value, sometimes any JSON at all. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: fc.jsonValue(), weight: 1 });
}

const contentPart = fc.record(
  {
    type: mostly(fc.constantFrom('text', 'image_url', 'input_audio', 'file')),
    text: mostly(fc.string()),
    image_url: mostly(fc.record({ url: fc.webUrl() })),
  },
  { requiredKeys: ['type'] },
);

/** Near-valid chat bodies: the right keys, mostly with values of the right type. */
const chatBody = fc.record(
  {
    model: mostly(fc.constant('main')),
    messages: mostly(
      fc.array(
        fc.record(
          {
            role: mostly(fc.constantFrom('user', 'system', 'assistant', 'developer')),
            content: mostly(fc.oneof(fc.string(), fc.array(contentPart, { maxLength: 3 }))),
            name: mostly(fc.string()),
          },
          { requiredKeys: ['role', 'content'] },
        ),
        { minLength: 1, maxLength: 4 },
      ),
    ),
    stream: mostly(fc.boolean()),
    temperature: mostly(fc.double({ min: 0, max: 2, noNaN: true })),
    max_tokens: mostly(fc.integer({ min: 1, max: 4096 })),
    stop: mostly(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 4 }))),
    tools: mostly(fc.constant([])),
    response_format: mostly(fc.constant({ type: 'text' })),
    metadata: mostly(fc.dictionary(fc.string({ maxLength: 10 }), fc.string(), { maxKeys: 4 })),
    n: mostly(fc.constant(1)),
    user: mostly(fc.string()),
  },
  { requiredKeys: ['model', 'messages'] },
);

/** What a parser may do with a body: return, or throw a 4xx GatewayError. */
function parserVerdict(parse: (body: unknown) => unknown, body: unknown): string {
  try {
    parse(body);
    return 'parsed';
  } catch (error) {
    if (error instanceof GatewayError && error.status >= 400 && error.status < 500) return '4xx';
    return `crash: ${String(error)}`;
  }
}

describe('request parser fuzzing (fast-check)', () => {
  it.each([
    ['chat completions', parseChatRequest],
    ['Anthropic messages', parseMessagesRequest],
  ] as const)('the %s parser answers every body with a request or a 4xx', (name, parse) => {
    const crashes: string[] = [];
    let parsed = 0;
    const property = (body: unknown) => {
      const verdict = parserVerdict(parse, body);
      if (verdict === 'parsed') parsed += 1;
      if (verdict.startsWith('crash')) crashes.push(verdict);
      return !verdict.startsWith('crash');
    };
    const structured = fc.check(fc.property(chatBody, property), { numRuns: runs, seed });
    const anything = fc.check(fc.property(fc.jsonValue({ maxDepth: 6 }), property), {
      numRuns: runs,
      seed,
    });
    judge(
      `fuzz: ${name} parser`,
      'gateway',
      `${2 * runs} bodies: ${parsed} parsed, ${2 * runs - parsed - crashes.length} 4xx, ${crashes.length} crashes`,
      '0 crashes (every body parsed or a 4xx GatewayError)',
      !structured.failed && !anything.failed && crashes.length === 0,
    );
  });

  it('over HTTP: random bodies never get a 5xx and the gateway keeps serving', async () => {
    const fleet = await startFleet();
    const path = await openPath('gateway', fleet.router);
    const chat = `${path.origin}/v1/chat/completions`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` };
    const statuses = new Map<number, number>();
    const bodies = fc.sample(
      fc.oneof(
        chatBody.map((body) => JSON.stringify(body)),
        fc.string({ unit: 'binary', maxLength: 200 }),
        chatBody.map((body) => JSON.stringify(body).slice(0, -3)),
      ),
      { numRuns: 60, seed },
    );
    for (const body of bodies) {
      const response = await rawRequest(chat, { headers, body });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    const good = await path.call();
    const fiveHundreds = [...statuses].filter(([status]) => status >= 500).length;
    judge(
      'fuzz: chat completions over HTTP',
      'gateway',
      `${bodies.length} bodies -> ${[...statuses].map(([status, count]) => `${status} x${count}`).join(', ')}; next call ${good.ok ? 'ok' : 'failed'}`,
      'no 5xx; next call ok',
      fiveHundreds === 0 && good.ok,
    );
    expect(good.text).toBe('echo: hi');
  });
});
