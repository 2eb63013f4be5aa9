import { type FakeServer, type FakeServerOptions, startFakeServer } from '../core/fake-server.js';
import { geminiDriver } from './gemini-driver.js';

/**
 * A fake Gemini API on 127.0.0.1. Point `createGoogleGenerativeAI({ baseURL: server.baseURL,
 * apiKey: server.apiKey })` at it (`baseURL` ends in `/v1beta`).
 */
export function startFakeGemini(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(geminiDriver, options);
}
