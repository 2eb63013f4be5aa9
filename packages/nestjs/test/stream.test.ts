import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { streamText } from 'ai';
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { Llm, type LlmClient, LlmRoute, LlmRouterModule } from '../src/index.js';
import { fakeRouterOptions } from './support/fake-providers.js';
import { startApp } from './support/start-app.js';

@Controller()
class StreamController {
  @Post('stream')
  @LlmRoute('main')
  stream(@Llm() llm: LlmClient, @Body() body: { prompt: string }, @Res() response: Response) {
    streamText({
      model: llm.model(),
      prompt: body.prompt,
      onError: () => {},
    }).pipeTextStreamToResponse(response);
  }
}

/** Posts to /stream and goes away on the first chunk of the answer; resolves with when it left. */
function leaveOnFirstChunk(port: number, prompt: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/stream',
      headers: { 'content-type': 'application/json' },
    });
    request.on('response', (response) => {
      response.once('data', () => {
        const leftAt = performance.now();
        request.destroy();
        resolve(leftAt);
      });
    });
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end(JSON.stringify({ prompt }));
  });
}

describe('streaming through @Llm()', () => {
  it('streams the text, failing over before the first chunk', async () => {
    const { options, servers } = await fakeRouterOptions({
      openai: { replies: [{ status: 503 }] },
    });
    const { http } = await startApp({
      imports: [LlmRouterModule.forRoot(options)],
      controllers: [StreamController],
    });

    const response = await http.post('/stream').send({ prompt: 'stream this' });

    expect(response.status).toBe(200);
    expect(response.text).toBe('echo: stream this');
    expect([servers.openai.requests.length, servers.anthropic.requests.length]).toEqual([1, 1]);
  });

  it('closes the upstream connection within 100 ms of the client going away mid-stream', async () => {
    const text = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');
    const { options, servers } = await fakeRouterOptions({
      openai: { replies: [{ text, chunks: 20, chunkDelayMs: 100 }] },
    });
    const { app } = await startApp({
      imports: [LlmRouterModule.forRoot(options)],
      controllers: [StreamController],
    });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;

    const leftAt = await leaveOnFirstChunk(port, 'a long answer');
    const upstream = await servers.openai.waitForClose(1);

    expect(upstream.outcome).toBe('client-closed');
    expect((upstream.closedAt as number) - leftAt).toBeLessThan(100);
    expect(upstream.chunksSent).toBeLessThan(20);
    expect(servers.anthropic.requests).toHaveLength(0);
  });
});
