import { createOpenAI } from '@ai-sdk/openai';
import { startFakeOpenAI } from '@modelmux/testkit';
import { Inject, Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LlmRouterModule, type LlmRouterModuleOptions } from '../src/index.js';
import { AnswerController } from './support/answer-controller.js';
import { startApp } from './support/start-app.js';

/** The router's options from configuration, as an app keeps base URLs and keys. */
function routerOptionsFrom(config: ConfigService): LlmRouterModuleOptions {
  const openai = createOpenAI({
    baseURL: config.getOrThrow<string>('OPENAI_BASE_URL'),
    apiKey: config.getOrThrow<string>('OPENAI_API_KEY'),
  });
  return {
    targets: [{ id: 'mini', model: openai.chat('gpt-4.1-mini') }],
    routes: { default: { targets: ['mini'] } },
    context: (request) => ({ tenant: String(request.headers['x-tenant']) }),
  };
}

describe('LlmRouterModule.forRootAsync', () => {
  async function fakeConfig() {
    const server = await startFakeOpenAI({ apiKey: 'sk-from-config' });
    onTestFinished(() => server.close());
    const config = ConfigModule.forRoot({
      ignoreEnvFile: true,
      load: [() => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-from-config' })],
    });
    return { server, config };
  }

  it('takes its options from ConfigService through useFactory', async () => {
    const { server, config } = await fakeConfig();
    const { http } = await startApp({
      imports: [
        LlmRouterModule.forRootAsync({
          imports: [config],
          inject: [ConfigService],
          useFactory: routerOptionsFrom,
        }),
      ],
      controllers: [AnswerController],
    });

    const response = await http.post('/answer').set('x-tenant', 'acme').send({ prompt: 'hi' });

    expect(response.status).toBe(201);
    expect(response.body.text).toBe('echo: hi');
    expect(response.body.trace).toMatchObject({ route: 'default', target: 'mini' });
    expect(response.body.trace.metadata.tenant).toBe('acme');
    expect(server.requests.map((entry) => entry.authorized)).toEqual([true]);
  });

  it('takes them from a class through useClass, and honours isGlobal', async () => {
    const { config } = await fakeConfig();
    @Injectable()
    class LlmOptionsFactory {
      constructor(@Inject(ConfigService) private readonly config: ConfigService) {}
      create() {
        return routerOptionsFrom(this.config);
      }
    }
    @Module({ controllers: [AnswerController] })
    class FeatureModule {}
    const { http } = await startApp({
      imports: [
        config,
        LlmRouterModule.forRootAsync({
          imports: [config],
          useClass: LlmOptionsFactory,
          isGlobal: true,
        }),
        FeatureModule,
      ],
    });

    const response = await http.post('/answer').send({ prompt: 'from a feature module' });

    expect(response.body.text).toBe('echo: from a feature module');
  });
});
