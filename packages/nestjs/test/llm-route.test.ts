import { NoSuchRouteError } from '@modelmux/core';
import { Controller, Get, Inject, Injectable, Scope } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { Llm, LlmClient, LlmRoute, LlmRouterModule } from '../src/index.js';
import { fakeRouterOptions } from './support/fake-providers.js';
import { startApp } from './support/start-app.js';

async function routeOf(llm: LlmClient, route?: string) {
  const result = await generateText({ model: llm.model(route), prompt: 'hi' });
  return (result.providerMetadata?.modelmux as { route?: string } | undefined)?.route;
}

/** A request-scoped service deeper in the call chain, given the request's client by injection. */
@Injectable({ scope: Scope.REQUEST })
class ReviewService {
  constructor(@Inject(LlmClient) private readonly llm: LlmClient) {}
  route() {
    return routeOf(this.llm);
  }
}

@Controller('reviews')
@LlmRoute('cheap')
class ReviewController {
  constructor(@Inject(ReviewService) private readonly reviews: ReviewService) {}

  @Get('class')
  async byClass(@Llm() llm: LlmClient) {
    return { route: await routeOf(llm) };
  }

  @Get('handler')
  @LlmRoute('smart')
  async byHandler(@Llm() llm: LlmClient) {
    return { route: await routeOf(llm) };
  }

  @Get('named')
  @LlmRoute('smart')
  async named(@Llm() llm: LlmClient) {
    return { route: await routeOf(llm, 'main') };
  }

  @Get('injected')
  @LlmRoute('smart')
  async injected() {
    return { route: await this.reviews.route() };
  }
}

@Controller('plain')
class PlainController {
  @Get()
  async plain(@Llm() llm: LlmClient) {
    return { route: await routeOf(llm), isClient: llm instanceof LlmClient };
  }
}

describe('@LlmRoute', () => {
  async function start() {
    const { options } = await fakeRouterOptions();
    return startApp({
      imports: [LlmRouterModule.forRoot(options)],
      controllers: [ReviewController, PlainController],
      providers: [ReviewService],
    });
  }

  it.each([
    ['/reviews/class', 'cheap', 'the controller sets the route'],
    ['/reviews/handler', 'smart', 'the handler overrides the controller'],
    ['/reviews/named', 'main', 'a route named in the call wins'],
    ['/reviews/injected', 'smart', 'the request-scoped LlmClient follows the handler'],
    ['/plain', 'main', 'without @LlmRoute the first route is the default'],
  ])('GET %s goes through %s (%s)', async (path, route) => {
    const { http } = await start();
    const response = await http.get(path);
    expect(response.status).toBe(200);
    expect(response.body.route).toBe(route);
  });

  it('gives @Llm() an instance of LlmClient', async () => {
    const { http } = await start();
    expect((await http.get('/plain')).body.isClient).toBe(true);
  });

  it('fails app start-up with NoSuchRouteError for a route the router lacks', async () => {
    const { options } = await fakeRouterOptions();
    @Controller()
    class TypoController {
      @Get()
      @LlmRoute('smrt')
      typo() {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [LlmRouterModule.forRoot(options)],
      controllers: [TypoController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });

    const error = await app.init().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    await app.close();

    expect(NoSuchRouteError.isInstance(error)).toBe(true);
    expect((error as NoSuchRouteError).route).toBe('smrt');
    expect((error as Error).message).toContain('Known: main, cheap, smart, down, rejecting');
  });
});
