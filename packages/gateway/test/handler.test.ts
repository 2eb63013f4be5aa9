import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter } from '@modelmux/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createGatewayHandler, type GatewayHandler } from '../src/create-gateway-handler.js';
import { fakeTarget } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

const chat = JSON.stringify({ model: 'main', messages: [{ role: 'user', content: 'hi' }] });
const json = { 'content-type': 'application/json' };

/** A bare node:http app that mounts the handler the way a framework would. */
async function mounted(
  app: (handler: GatewayHandler, request: IncomingMessage, response: ServerResponse) => void,
) {
  const { target } = await fakeTarget('openai', 'mini');
  const handler = createGatewayHandler({
    router: createRouter({ targets: [target], routes: { main: { targets: ['mini'] } } }),
  });
  const server = createServer((request, response) => app(handler, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the handler mounted in an app', () => {
  it('answers its own paths under any prefix ending in /v1 and passes the rest to next()', async () => {
    const url = await mounted((handler, request, response) =>
      handler(request, response, () => response.end('the app')),
    );
    const [own, prefixed, foreign, unknownV1] = await Promise.all([
      rawRequest(`${url}/v1/chat/completions`, { headers: json, body: chat }),
      rawRequest(`${url}/api/llm/v1/models`, { method: 'GET' }),
      rawRequest(`${url}/admin/models`, { method: 'GET' }),
      rawRequest(`${url}/v1/completions`, { headers: json, body: chat }),
    ]);
    expect([own.status, prefixed.status, foreign.text, unknownV1.text]).toEqual([
      200,
      200,
      'the app',
      'the app',
    ]);
  });

  it('answers bare paths when the framework stripped its mount path', async () => {
    // As Express does for app.use('/v1', gateway): req.url loses the mount path.
    const url = await mounted((handler, request, response) => {
      if (!request.url?.startsWith('/v1/')) return response.end('the app');
      request.url = request.url.slice('/v1'.length);
      handler(request, response, () => response.end('the app'));
    });
    const answer = await rawRequest(`${url}/v1/chat/completions`, { headers: json, body: chat });
    expect((answer.json.choices as { message: { content: string } }[])[0]?.message.content).toBe(
      'echo: hi',
    );
  });

  it('uses a body a framework has parsed already', async () => {
    const url = await mounted((handler, request, response) => {
      // As express.json() does: the stream is read, req.body holds the object.
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString());
        (request as IncomingMessage & { body: unknown }).body = {
          ...parsed,
          messages: [{ role: 'user', content: 'parsed' }],
        };
        handler(request, response);
      });
    });
    const answer = await rawRequest(`${url}/v1/chat/completions`, { headers: json, body: chat });
    expect((answer.json.choices as { message: { content: string } }[])[0]?.message.content).toBe(
      'echo: parsed',
    );
  });

  it('without next(), answers an unknown path with an OpenAI-shaped 404', async () => {
    const url = await mounted((handler, request, response) => handler(request, response));
    const answer = await rawRequest(`${url}/admin/models`, { method: 'GET' });
    expect([answer.status, answer.json.error?.code]).toEqual([404, 'unknown_url']);
  });
});
