import type { Server } from 'node:http';
import { Llm, type LlmClient, LlmRouterModule } from '@modelmux/nestjs';
import { Body, Controller, Get, HttpCode, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import {
  type AdapterAppFactory,
  contextOf,
  contractRoutes,
  type GenerateBody,
  generateAnswer,
  streamAnswer,
} from './app-factory.js';

@Controller()
class ContractController {
  @Post('generate')
  @HttpCode(200)
  async generate(
    @Llm() llm: LlmClient,
    @Body() body: GenerateBody | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const answer = await generateAnswer(llm, body ?? {});
    response.set(answer.headers);
    return answer.body;
  }

  @Post('stream')
  stream(@Llm() llm: LlmClient, @Body() body: GenerateBody | undefined, @Res() response: Response) {
    streamAnswer(llm, body ?? {}).pipeTextStreamToResponse(response);
  }

  @Get('fail')
  async fail(@Llm() llm: LlmClient) {
    return (await generateAnswer(llm, { route: contractRoutes.fail })).body;
  }

  @Get('reject')
  async reject(@Llm() llm: LlmClient) {
    return (await generateAnswer(llm, { route: contractRoutes.reject })).body;
  }

  @Get('no-route')
  async noRoute(@Llm() llm: LlmClient) {
    return (await generateAnswer(llm, { route: 'nope' })).body;
  }
}

/** The contract app on NestJS 12 (Express platform); errors go through the module's filter. */
export const nestjsApp: AdapterAppFactory = async (router) => {
  @Module({
    imports: [
      LlmRouterModule.forRoot({ router, context: (request) => contextOf(request.headers) }),
    ],
    controllers: [ContractController],
  })
  class ContractModule {}
  const app = await NestFactory.create(ContractModule, {
    logger: false,
    forceCloseConnections: true,
  });
  await app.listen(0, '127.0.0.1');
  return { name: 'nestjs', server: app.getHttpServer() as Server, close: () => app.close() };
};
