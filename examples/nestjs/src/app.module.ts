import { LlmRouterModule, type LlmRouterModuleOptions } from '@modelmux/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { ChatController } from './chat.controller.js';
import { ReviewController } from './review.controller.js';
import { StatsController } from './stats.controller.js';

@Module({})
export class AppModule {}

/**
 * The app. `appModule({ router })` uses the router given; `appModule({ cwd, env })` is
 * zero-config (`modelmux.config.*`, else the provider keys in the environment).
 */
export function appModule(options: LlmRouterModuleOptions): DynamicModule {
  return {
    module: AppModule,
    imports: [
      LlmRouterModule.forRoot({
        ...options,
        // Every trace of a request carries its user (and its x-request-id, or a fresh one).
        context: (request) => userOf(request.headers['x-user']),
      }),
    ],
    controllers: [ChatController, ReviewController, StatsController],
  };
}

function userOf(header: string | string[] | undefined): Record<string, string> | undefined {
  return typeof header === 'string' ? { user: header } : undefined;
}
