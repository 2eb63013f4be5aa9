import type { INestApplication, LoggerService, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import supertest from 'supertest';
import { onTestFinished } from 'vitest';

/** A real Nest app (Express platform) from a module's metadata, initialised; closed after the test. */
export async function startApp(
  metadata: ModuleMetadata,
  { logger = false }: { logger?: LoggerService | false } = {},
): Promise<{
  app: INestApplication;
  http: ReturnType<typeof supertest>;
}> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger });
  onTestFinished(() => app.close());
  await app.init();
  return { app, http: supertest(app.getHttpServer()) };
}
