import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { generateText, streamText } from 'ai';
import type { FastifyReply } from 'fastify';
import supertest from 'supertest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Llm, type LlmClient, LlmRoute, LlmRouterModule } from '../src/index.js';
import { fakeRouterOptions } from './support/fake-providers.js';

@Controller()
@LlmRoute('main')
class FastifyController {
  @Post('answer')
  async answer(@Llm() llm: LlmClient, @Body() body: { prompt: string }) {
    const result = await generateText({ model: llm.model(), prompt: body.prompt });
    return { text: result.text, trace: result.providerMetadata?.modelmux };
  }

  @Post('stream')
  stream(@Llm() llm: LlmClient, @Body() body: { prompt: string }, @Res() reply: FastifyReply) {
    const result = streamText({ model: llm.model(), prompt: body.prompt, onError: () => {} });
    void reply.type('text/plain; charset=utf-8').send(Readable.from(result.textStream));
  }

  @Get('fail')
  @LlmRoute('down')
  async fail(@Llm() llm: LlmClient) {
    await generateText({ model: llm.model(), prompt: 'hi' });
  }
}

async function startFastifyApp(script: Parameters<typeof fakeRouterOptions>[0] = {}) {
  const { options, servers } = await fakeRouterOptions(script);
  const moduleRef = await Test.createTestingModule({
    imports: [LlmRouterModule.forRoot(options)],
    controllers: [FastifyController],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  onTestFinished(() => app.close());
  await app.listen(0, '127.0.0.1');
  return { app, servers, http: supertest(app.getHttpServer()) };
}

describe('on the Fastify platform', () => {
  it('answers through @Llm() on the @LlmRoute, failing over', async () => {
    const { http } = await startFastifyApp({ openai: { replies: [{ status: 503 }] } });
    const response = await http.post('/answer').send({ prompt: 'fast' });

    expect(response.status).toBe(201);
    expect(response.body.text).toBe('echo: fast');
    expect(response.body.trace).toMatchObject({ route: 'main', target: 'anthropic' });
  });

  it('maps all targets failing to 503 with Retry-After', async () => {
    const { http } = await startFastifyApp();
    const response = await http.get('/fail');

    expect([response.status, response.headers['retry-after']]).toEqual([503, '7']);
    expect(response.body.error.code).toBe('all-targets-failed');
  });

  it('closes the upstream connection within 100 ms of the client going away mid-stream', async () => {
    const text = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');
    const { app, servers } = await startFastifyApp({
      openai: { replies: [{ text, chunks: 20, chunkDelayMs: 100 }] },
    });
    const { port } = app.getHttpServer().address() as AddressInfo;

    const leftAt = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/stream' });
      request.setHeader('content-type', 'application/json');
      request.on('response', (response) =>
        response.once('data', () => {
          const at = performance.now();
          request.destroy();
          resolve(at);
        }),
      );
      request.on('error', (error) => {
        if (!request.destroyed) reject(error);
      });
      request.end(JSON.stringify({ prompt: 'a long answer' }));
    });
    const upstream = await servers.openai.waitForClose(1);

    expect(upstream.outcome).toBe('client-closed');
    expect((upstream.closedAt as number) - leftAt).toBeLessThan(100);
  });
});
