import { type FakeServer, type FakeServerOptions, startFakeServer } from '../core/fake-server.js';
import { anthropicDriver } from './anthropic-driver.js';

/**
 * Starts a fake Anthropic Messages API on 127.0.0.1. Point `createAnthropic({ baseURL:
 * server.baseURL, apiKey: server.apiKey })` at it; overloaded replies are HTTP 529.
 */
export function startFakeAnthropic(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(anthropicDriver, options);
}
