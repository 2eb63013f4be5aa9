import type { DecisionTrace } from '@modelmux/core';
import { Llm, type LlmClient, LlmRoute } from '@modelmux/nestjs';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { generateText } from 'ai';

interface ReviewBody {
  code?: string;
}

/** Code review goes through route `smart`; the quick lint through `cheap` (the handler wins). */
@Controller('review')
@LlmRoute('smart')
export class ReviewController {
  @Post()
  @HttpCode(200)
  async review(@Llm() llm: LlmClient, @Body() { code = '' }: ReviewBody = {}) {
    const result = await generateText({ model: llm.model(), prompt: `Review this code:\n${code}` });
    return { review: result.text, target: targetOf(result.providerMetadata) };
  }

  @Post('lint')
  @HttpCode(200)
  @LlmRoute('cheap')
  async lint(@Llm() llm: LlmClient, @Body() { code = '' }: ReviewBody = {}) {
    const result = await generateText({ model: llm.model(), prompt: `Lint:\n${code}` });
    return { lint: result.text, target: targetOf(result.providerMetadata) };
  }
}

/** The target that answered, from the decision trace. */
function targetOf(metadata: Record<string, unknown> | undefined): string | undefined {
  return (metadata?.modelmux as DecisionTrace | undefined)?.target;
}
