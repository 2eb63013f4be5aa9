import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { LlmRouterModuleOptions } from './llm-router-module-options.js';

export const {
  ConfigurableModuleClass: LlmRouterConfigurableModule,
  MODULE_OPTIONS_TOKEN: LLM_ROUTER_MODULE_OPTIONS,
} = new ConfigurableModuleBuilder<LlmRouterModuleOptions>({ moduleName: 'LlmRouter' })
  .setClassMethodName('forRoot')
  .setExtras(
    {
      /** Makes `LlmRouterService`, `LLM_ROUTER` and `LlmClient` injectable app-wide. @default false */
      isGlobal: false,
    },
    (definition, extras) => ({ ...definition, global: extras.isGlobal }),
  )
  .build();
