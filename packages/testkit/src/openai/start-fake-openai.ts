import { type FakeServer, type FakeServerOptions, startFakeServer } from '../core/fake-server.js';
import { createOpenAIDriver } from './openai-driver.js';

/**
 * A fake OpenAI API on 127.0.0.1: Chat Completions, Responses, Embeddings and Models over real
 * HTTP, answering with scripted replies and faults. `baseURL` ends in `/v1`, as
 * `createOpenAI({ baseURL })` and `new OpenAI({ baseURL })` expect.
 */
export function startFakeOpenAI(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(createOpenAIDriver(), options);
}
