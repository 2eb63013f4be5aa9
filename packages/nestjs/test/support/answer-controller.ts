import type { DecisionTrace } from '@modelmux/core';
import { Body, Controller, Post } from '@nestjs/common';
import { generateText } from 'ai';
import { Llm, type LlmClient } from '../../src/index.js';

/** `POST /answer { prompt, route? }` -> `{ text, trace }`, through `@Llm()`. */
@Controller()
export class AnswerController {
  @Post('answer')
  async answer(@Llm() llm: LlmClient, @Body() body: { prompt?: string; route?: string }) {
    const result = await generateText({
      model: llm.model(body.route),
      prompt: body.prompt ?? 'hi',
    });
    return {
      text: result.text,
      trace: result.providerMetadata?.modelmux as unknown as DecisionTrace,
    };
  }
}
