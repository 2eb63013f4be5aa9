import { type DecisionTrace, traceHeaders } from '@modelmux/core';
import { Llm, type LlmClient } from '@modelmux/nestjs';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { generateText, streamText } from 'ai';
import type { Response } from 'express';

interface ChatBody {
  prompt?: string;
  route?: string;
}

/** The route named in the body, else the router's default route (no `@LlmRoute` here). */
@Controller('chat')
export class ChatController {
  /** One answer, with the decision trace: which target answered, after how many attempts. */
  @Post()
  @HttpCode(200)
  async chat(
    @Llm() llm: LlmClient,
    @Body() { prompt = 'Say hello.', route }: ChatBody = {},
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await generateText({ model: llm.model(route), prompt });
    const trace = result.providerMetadata?.modelmux as unknown as DecisionTrace;
    response.set(traceHeaders(trace));
    return { text: result.text, trace };
  }

  /** The answer streamed as it is written; closing the connection aborts the upstream call. */
  @Post('stream')
  stream(
    @Llm() llm: LlmClient,
    @Body() { prompt = 'Say hello.', route }: ChatBody = {},
    @Res() response: Response,
  ) {
    streamText({ model: llm.model(route), prompt }).pipeTextStreamToResponse(response);
  }
}
