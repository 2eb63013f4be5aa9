import { describe, it } from 'vitest';
import { oversizedRequest, rawRequest } from '../../packages/gateway/test/support/raw-http.js';
import { startFleet } from './support/fleet.js';
import { gatewayKey, openPath } from './support/paths.js';
import { attackerListener, rawExchange } from './support/raw.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// Bad input to the gateway: each request gets a clear error in OpenAI's shape, reaches no
// provider, and the gateway answers the next good request. Its figures go in the summary table.

scanForCanaryAfterAll('bad-input');

const json = { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` };
const hi = [{ role: 'user', content: 'hi' }];
const good = JSON.stringify({ model: 'main', messages: hi });

async function gateway() {
  const fleet = await startFleet();
  const path = await openPath('gateway', fleet.router);
  // The gateway's origin, from the client path's first request.
  const origin = await gatewayOrigin(path);
  const chat = `${origin}/v1/chat/completions`;
  const stillServes = async () => {
    const response = await rawRequest(chat, { headers: json, body: good });
    return response.status === 200;
  };
  return { fleet, chat, origin, stillServes };
}

async function gatewayOrigin(path: Awaited<ReturnType<typeof openPath>>): Promise<string> {
  if (!path.origin) throw new Error('the gateway path has no origin');
  return path.origin;
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const cases: [
  string,
  { method?: string; path?: string; headers?: Record<string, string>; body?: string },
  number,
  string,
][] = [
  ['malformed JSON', { body: '{"model": "main", "messages": [' }, 400, 'invalid_json'],
  ['an empty body', { body: '' }, 400, 'invalid_json'],
  [
    'wrong content type',
    { headers: { 'content-type': 'text/plain' }, body: good },
    415,
    'unsupported_media_type',
  ],
  [
    'messages of the wrong type',
    { body: JSON.stringify({ model: 'main', messages: 'hi' }) },
    400,
    'messages',
  ],
  [
    'temperature of the wrong type',
    { body: JSON.stringify({ model: 'main', messages: hi, temperature: 'hot' }) },
    400,
    'temperature',
  ],
  [
    'model of the wrong type',
    { body: JSON.stringify({ model: ['main'], messages: hi }) },
    400,
    'model',
  ],
  [
    'an unknown model',
    { body: JSON.stringify({ model: 'gpt-9-ultra', messages: hi }) },
    404,
    'model_not_found',
  ],
  [
    'a model that is a URL',
    { body: JSON.stringify({ model: 'http://169.254.169.254/latest', messages: hi }) },
    404,
    'model_not_found',
  ],
  ['an unknown path', { path: '/v1/completions' }, 404, 'unknown_url'],
  ['an unknown method', { method: 'PUT' }, 405, 'method_not_allowed'],
  [
    'deep nesting (100k levels)',
    { body: `{"model":"main","messages":${nested(100_000)}}` },
    400,
    'invalid_json|messages',
  ],
  [
    'deep nesting in content (2k levels)',
    { body: `{"model":"main","messages":[{"role":"user","content":${nested(2_000)}}]}` },
    400,
    'messages',
  ],
  [
    'a 100k-key object',
    {
      body: JSON.stringify({
        model: 'main',
        messages: hi,
        metadata: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 'v'])),
      }),
    },
    400,
    'metadata',
  ],
];

describe('gateway bad input: a clear error, no upstream call, and the gateway still serves', () => {
  it.each(cases)('%s', async (name, request, status, code) => {
    const { fleet, origin, stillServes } = await gateway();
    const response = await rawRequest(`${origin}${request.path ?? '/v1/chat/completions'}`, {
      method: request.method ?? 'POST',
      headers: { ...json, ...request.headers },
      body: request.body ?? good,
    });
    const error = response.json.error;
    const answeredCode = error?.code ?? '';
    const answeredParam = error?.param ?? '';
    const serves = await stillServes();
    const codeMatches = code
      .split('|')
      .some(
        (expected) =>
          expected === answeredCode ||
          answeredParam === expected ||
          answeredParam.startsWith(`${expected}[`),
      );
    judge(
      `bad input: ${name}`,
      'gateway',
      `${response.status} ${answeredCode || '-'}${answeredParam ? ` (param ${answeredParam})` : ''}; upstream calls ${fleet.upstreamRequests() - 1}; next request ${serves ? '200' : 'failed'}`,
      `${status} ${code}; 0 upstream calls; next 200`,
      response.status === status &&
        codeMatches &&
        typeof error?.message === 'string' &&
        fleet.upstreamRequests() === 1 &&
        serves,
    );
  });

  it.each([false, true])(
    'an over-size body is refused with 413 before it is read (chunked: %s)',
    async (chunked) => {
      const { chat, stillServes, fleet } = await gateway();
      const totalBytes = 64 * 1024 * 1024;
      const result = await oversizedRequest(chat, {
        totalBytes,
        chunked,
        headers: { authorization: `Bearer ${gatewayKey}` },
      });
      const serves = await stillServes();
      judge(
        `bad input: 64 MiB body${chunked ? ' (chunked)' : ''}`,
        'gateway',
        `${result.status} after ${(result.sentBytes / 1024 / 1024).toFixed(1)} MiB sent; upstream calls ${fleet.upstreamRequests() - 1}; next request ${serves ? '200' : 'failed'}`,
        '413 before the 4 MiB limit is passed by much (< 16 MiB sent); next 200',
        result.status === 413 && result.sentBytes < 16 * 1024 * 1024 && serves,
      );
    },
  );

  it('prototype-pollution keys change nothing', async () => {
    const { origin, stillServes } = await gateway();
    const bodies = [
      `{"model":"main","messages":[{"role":"user","content":"hi"}],"__proto__":{"polluted":"yes"}}`,
      `{"model":"main","messages":[{"role":"user","content":"hi"}],"constructor":{"prototype":{"polluted":"yes"}}}`,
      `{"model":"main","messages":[{"role":"user","content":"hi","__proto__":{"polluted":"yes"}}]}`,
      `{"model":"main","messages":[{"role":"user","content":"hi"}],"metadata":{"__proto__":"yes","constructor":"yes"}}`,
      `{"model":"__proto__","messages":[{"role":"user","content":"hi"}]}`,
      `{"model":"constructor","messages":[{"role":"user","content":"hi"}]}`,
    ];
    const statuses = [];
    for (const body of bodies) {
      statuses.push(
        (await rawRequest(`${origin}/v1/chat/completions`, { headers: json, body })).status,
      );
    }
    const polluted = ({} as Record<string, unknown>).polluted !== undefined;
    const serves = await stillServes();
    judge(
      'bad input: prototype-pollution keys',
      'gateway',
      `statuses ${statuses.join(', ')}; Object.prototype ${polluted ? 'POLLUTED' : 'clean'}; next request ${serves ? '200' : 'failed'}`,
      'no 5xx; Object.prototype clean; next 200',
      statuses.every((status) => status < 500) && !polluted && serves,
    );
  });

  it('CR/LF in headers: refused by the HTTP parser or never echoed', async () => {
    const { origin, stillServes } = await gateway();
    const { host } = new URL(origin);
    const line = (headers: string) =>
      `POST /v1/chat/completions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${gatewayKey}\r\nContent-Length: ${good.length}\r\n${headers}\r\n`;
    const bareLf = await rawExchange(
      origin,
      line('X-Request-Id: abc\nSet-Cookie: injected=1\r\n'),
      good,
    );
    const bareCr = await rawExchange(
      origin,
      line('X-Request-Id: abc\rSet-Cookie: injected=1\r\n'),
      good,
    );
    const injectedId = await rawExchange(
      origin,
      line('X-Request-Id: a%0d%0aSet-Cookie:%20x\r\n'),
      good,
    );
    const statusOf = (answer: string) => answer.split(' ')[1] ?? 'none';
    const leaks = [bareLf, bareCr, injectedId].filter((answer) =>
      /\r\nset-cookie:/i.test(answer),
    ).length;
    const serves = await stillServes();
    judge(
      'bad input: CR/LF in headers',
      'gateway',
      `bare LF -> ${statusOf(bareLf)}, bare CR -> ${statusOf(bareCr)}, encoded CRLF id -> ${statusOf(injectedId)}; injected headers in answers ${leaks}; next request ${serves ? '200' : 'failed'}`,
      'bare CR/LF 400; nothing injected; next 200',
      statusOf(bareLf) === '400' && statusOf(bareCr) === '400' && leaks === 0 && serves,
    );
  });

  it('a client-supplied base URL or provider key is rejected; the attacker gets no connection', async () => {
    const { fleet, origin, stillServes } = await gateway();
    const attacker = await attackerListener();
    const chat = `${origin}/v1/chat/completions`;
    const bodyFields = [
      'api_base',
      'base_url',
      'baseURL',
      'api_key',
      'apiKey',
      'custom_llm_provider',
    ];
    const bodyStatuses = [];
    for (const field of bodyFields) {
      const value = field.toLowerCase().includes('key')
        ? 'sk-attacker-key-0000'
        : `${attacker.url}/v1`;
      const response = await rawRequest(chat, {
        headers: json,
        body: JSON.stringify({ model: 'main', messages: hi, [field]: value }),
      });
      bodyStatuses.push(response.status);
    }
    // Headers some gateways honour (Portkey's custom host, LiteLLM's api_base): ignored here.
    const before = fleet.upstreamRequests();
    const headerAnswer = await rawRequest(chat, {
      headers: {
        ...json,
        'x-portkey-custom-host': `${attacker.url}/v1`,
        'x-portkey-api-key': 'sk-attacker-key-0000',
        'x-base-url': `${attacker.url}/v1`,
        'openai-base-url': `${attacker.url}/v1`,
        'x-modelmux-base-url': `${attacker.url}/v1`,
        'x-provider-api-key': 'sk-attacker-key-0000',
      },
      body: good,
    });
    const servedByFleet = fleet.upstreamRequests() - before;
    const serves = await stillServes();
    judge(
      'bad input: client-supplied base URL / provider key',
      'gateway',
      `body fields -> ${[...new Set(bodyStatuses)].join('/')}; override headers -> ${headerAnswer.status} from the configured upstream (${servedByFleet} call); attacker connections ${attacker.connections()}`,
      'body fields 400; headers ignored; 0 attacker connections',
      bodyStatuses.every((status) => status === 400) &&
        headerAnswer.status === 200 &&
        servedByFleet === 1 &&
        attacker.connections() === 0 &&
        serves,
    );
  });
});
