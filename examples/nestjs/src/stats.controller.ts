import { LlmRouterService } from '@modelmux/nestjs';
import { Controller, Get, Inject } from '@nestjs/common';

/** Calls, failures, tokens and cost by route and target, and each target's breaker state. */
@Controller('stats')
export class StatsController {
  constructor(@Inject(LlmRouterService) private readonly llm: LlmRouterService) {}

  @Get()
  stats() {
    return this.llm.stats();
  }
}
