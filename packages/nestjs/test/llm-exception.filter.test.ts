import { httpErrorOf, NoSuchRouteError } from '@modelmux/core';
import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  NotFoundException,
  Param,
  Res,
  UseFilters,
} from '@nestjs/common';
import { generateText } from 'ai';
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { Llm, type LlmClient, LlmRouterModule } from '../src/index.js';
import { fakeRouterOptions } from './support/fake-providers.js';
import { startApp } from './support/start-app.js';

@Controller()
class ErrorsController {
  @Get('route/:name')
  async call(@Llm() llm: LlmClient, @Param('name') name: string) {
    const { text } = await generateText({ model: llm.model(name), prompt: 'hi' });
    return { text };
  }

  @Get('late')
  async late(@Llm() llm: LlmClient, @Res() response: Response) {
    response.writeHead(200, { 'content-type': 'text/plain' }).write('partial ');
    await generateText({ model: llm.model('down'), prompt: 'hi' });
  }

  @Get('not-found')
  notFound() {
    throw new NotFoundException('no such thing');
  }

  @Get('bug')
  bug() {
    throw new Error('secret internals');
  }
}

@Catch()
class TeapotFilter implements ExceptionFilter {
  catch(_error: unknown, host: ArgumentsHost) {
    host.switchToHttp().getResponse<Response>().status(418).json({ mine: true });
  }
}

@Controller('own')
@UseFilters(TeapotFilter)
class OwnFilterController {
  @Get()
  async call(@Llm() llm: LlmClient) {
    await generateText({ model: llm.model('down'), prompt: 'hi' });
  }
}

const routes = ['main', 'cheap', 'smart', 'down', 'rejecting'];

describe('LlmExceptionFilter', () => {
  async function start() {
    const { options, servers } = await fakeRouterOptions();
    const logged: string[] = [];
    const logger = { log() {}, warn() {}, error: (message: string) => void logged.push(message) };
    const started = await startApp(
      {
        imports: [LlmRouterModule.forRoot(options)],
        controllers: [ErrorsController, OwnFilterController],
      },
      { logger },
    );
    return { ...started, servers, logged };
  }

  it('maps all targets failing to 503 with Retry-After, the trace headers and a JSON error', async () => {
    const { http, servers } = await start();
    const response = await http.get('/route/down');

    expect(response.status).toBe(503);
    expect(response.headers).toMatchObject({
      'retry-after': '7',
      'x-modelmux-route': 'down',
      'x-modelmux-attempts': '1',
    });
    expect(response.body).toEqual({
      error: { code: 'all-targets-failed', message: expect.stringContaining("Route 'down'") },
    });
    expect(servers.down.requests).toHaveLength(1);
  });

  it('maps a refused provider key to 502 without the key', async () => {
    const { http } = await start();
    const response = await http.get('/route/rejecting');

    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('request-rejected');
    expect(JSON.stringify(response.headers) + response.text).not.toContain('0123456789');
  });

  it("maps an unknown route to 500 with core's message for it", async () => {
    const { http, logged } = await start();
    const response = await http.get('/route/nope');

    const { message } = httpErrorOf(new NoSuchRouteError({ route: 'nope', known: routes }));
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'no-such-route', message } });
    expect(logged).toContainEqual(expect.stringContaining("500 no-such-route: No route 'nope'"));
  });

  it('ends a response whose headers are already sent, keeping its status', async () => {
    const { http, logged } = await start();
    const response = await http.get('/late');

    expect([response.status, response.text]).toEqual([200, 'partial ']);
    // Logged once, and nothing tried to set a header on the sent response.
    expect(logged).toEqual([expect.stringMatching(/^503 all-targets-failed: Route 'down'/)]);
  });

  it("leaves other errors to Nest's own handling", async () => {
    const { http } = await start();
    const notFound = await http.get('/not-found');
    const bug = await http.get('/bug');

    expect([notFound.status, notFound.body.message]).toEqual([404, 'no such thing']);
    expect([bug.status, bug.body]).toEqual([
      500,
      { statusCode: 500, message: 'Internal server error' },
    ]);
  });

  it("gives way to a controller's own filter", async () => {
    const { http } = await start();
    const response = await http.get('/own');

    expect([response.status, response.body]).toEqual([418, { mine: true }]);
  });
});
