import { connect } from 'node:net';
import { createRouter } from '@modelmux/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createGatewayServer } from '../src/create-gateway-server.js';
import { capturedLogger, startGateway } from './support/gateway.js';
import { fakeTarget } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

async function slowGateway(reply: { chunks: number; chunkDelayMs: number }) {
  const { target, server } = await fakeTarget('openai', 'mini', { defaultReply: reply });
  const router = createRouter({ targets: [target], routes: { main: { targets: ['mini'] } } });
  const { logger, log } = capturedLogger();
  const gateway = createGatewayServer({ router, logger, host: '127.0.0.1', port: 0 });
  const { url } = await gateway.listen();
  onTestFinished(() => gateway.close(0));
  return { gateway, url, upstream: server, log };
}

const streamBody = (content: string) =>
  JSON.stringify({ model: 'main', stream: true, messages: [{ role: 'user', content }] });

/** Sends raw bytes on one connection; resolves with everything received until it closes. */
function rawExchange(
  url: string,
  onConnect: (write: (text: string) => void) => void,
  onData?: (text: string) => void,
) {
  const { port } = new URL(url);
  return new Promise<string>((resolve, reject) => {
    let received = '';
    const socket = connect(Number(port), '127.0.0.1', () =>
      onConnect((text) => socket.write(text)),
    );
    socket.on('data', (chunk) => {
      received += chunk.toString();
      onData?.(received);
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('the gateway server', () => {
  it('answers /healthz and /readyz while serving', async () => {
    const { url } = await slowGateway({ chunks: 1, chunkDelayMs: 0 });
    const [health, ready] = await Promise.all([
      rawRequest(`${url}/healthz`, { method: 'GET' }),
      rawRequest(`${url}/readyz`, { method: 'GET' }),
    ]);
    expect([health.status, ready.status, ready.json.status]).toEqual([200, 200, 'ready']);
  });

  it('drains on close: refuses new connections, lets a stream in flight finish, answers 503 meanwhile', async () => {
    const { gateway, url } = await slowGateway({ chunks: 6, chunkDelayMs: 30 });
    // A connection that has been served and is sending its next request when the drain starts.
    let probeSent: () => void = () => {};
    const probeStarted = new Promise<void>((resolve) => {
      probeSent = resolve;
    });
    let finishProbe: (text: string) => void = () => {};
    const probe = rawExchange(
      url,
      (write) => {
        finishProbe = write;
        write(
          'GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\nGET /readyz HTTP/1.1\r\nHost: gateway\r\n',
        );
      },
      (text) => {
        if (text.includes('"status":"ok"')) probeSent();
      },
    );
    await probeStarted;
    let closing: Promise<void> | undefined;
    const body = streamBody('a b c d e f');
    const stream = rawExchange(
      url,
      (write) =>
        write(
          `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        ),
      (text) => {
        if (closing || !text.includes('"content":"echo')) return;
        closing = gateway.close(5000);
        finishProbe('\r\n');
      },
    );
    const [received, probed] = await Promise.all([stream, probe]);
    await closing;
    expect(received).toContain('data: [DONE]');
    const content = [...received.matchAll(/"content":"([^"]*)"/g)]
      .map((match) => match[1])
      .join('');
    expect(content).toBe('echo: a b c d e f');
    expect(probed).toMatch(/HTTP\/1\.1 503[\s\S]*"status":"draining"/);
    await expect(rawRequest(`${url}/healthz`, { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('cuts what is left at the drain deadline', async () => {
    const { gateway, url, upstream } = await slowGateway({ chunks: 8, chunkDelayMs: 1000 });
    let closing: Promise<void> | undefined;
    const received = await rawExchange(
      url,
      (write) =>
        write(
          `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(streamBody('a b c d e f g h'))}\r\n\r\n${streamBody('a b c d e f g h')}`,
        ),
      (text) => {
        if (!closing && text.includes('"content":"echo')) closing = gateway.close(50);
      },
    );
    await closing;
    expect(received).not.toContain('[DONE]');
    // Cutting the client's connection aborted the upstream request too.
    expect((await upstream.waitForClose(1)).outcome).toBe('client-closed');
  });

  it('refuses to listen beyond loopback with no keys, naming the fix', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const router = createRouter({ targets: [target], routes: { main: { targets: ['mini'] } } });
    expect(() => createGatewayServer({ router, host: '0.0.0.0', port: 0 })).toThrow(
      /gateway\.keys: no keys are configured[\s\S]*Add gateway\.keys[\s\S]*gateway\.auth to "none"/,
    );
    expect(() =>
      createGatewayServer({
        router,
        host: '0.0.0.0',
        port: 0,
        keys: [{ name: 'a', key: 'a-key-0123456789abcdef' }],
      }),
    ).not.toThrow();
  });

  it('warns when auth is "none" beyond loopback', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const router = createRouter({ targets: [target], routes: { main: { targets: ['mini'] } } });
    const { logger, log } = capturedLogger();
    const gateway = createGatewayServer({ router, logger, auth: 'none', host: '0.0.0.0', port: 0 });
    await gateway.listen();
    await gateway.close(0);
    expect(log.records().map((record) => [record.level, record.msg])).toEqual([
      [40, expect.stringMatching(/auth is "none" on 0\.0\.0\.0/)],
    ]);
  });

  it('serves without keys on loopback', async () => {
    const { target } = await fakeTarget('openai', 'mini');
    const gateway = await startGateway({
      targets: [target],
      routes: { main: { targets: ['mini'] } },
    });
    const models = await rawRequest(`${gateway.url}/v1/models`, { method: 'GET' });
    expect(models.status).toBe(200);
  });
});
