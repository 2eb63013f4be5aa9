import { Writable } from 'node:stream';
import { createRouter, type Router, type RouterOptions } from '@modelmux/core';
import OpenAI from 'openai';
import { pino } from 'pino';
import { onTestFinished } from 'vitest';
import { createGatewayServer, type GatewayServerOptions } from '../../src/create-gateway-server.js';

/** Every log line a gateway wrote, as pino serialised it. */
export interface CapturedLog {
  lines: string[];
  records: () => Record<string, unknown>[];
  /** Resolves once a record matches (the request line is written when the response closes). */
  waitFor: (match: (record: Record<string, unknown>) => boolean) => Promise<void>;
}

export function capturedLogger() {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      for (const waiter of waiters) waiter();
      callback();
    },
  });
  const logger = pino({ level: 'info' }, stream);
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const log: CapturedLog = {
    lines,
    records,
    waitFor: (match) =>
      new Promise((resolve) => {
        const check = () => {
          if (!records().some(match)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
  return { logger, log };
}

export interface TestGateway {
  url: string;
  /** What the OpenAI client takes as `baseURL`. */
  baseURL: string;
  router: Router;
  log: CapturedLog;
  /** Resolves with how many requests the gateway has logged (one line each), once >= `count`. */
  answered: (count: number) => Promise<number>;
  /** The official client, pointed at the gateway. */
  openai: (options?: ConstructorParameters<typeof OpenAI>[0]) => OpenAI;
}

/** A router and the gateway server over it on 127.0.0.1:0 (closed after the test). */
export async function startGateway(
  routerOptions: RouterOptions | Router,
  options: Partial<Omit<GatewayServerOptions, 'router'>> = {},
): Promise<TestGateway> {
  const router =
    'createClient' in routerOptions ? routerOptions : createRouter(routerOptions as RouterOptions);
  const { logger, log } = capturedLogger();
  const server = createGatewayServer({ logger, ...options, router, host: '127.0.0.1', port: 0 });
  const { url } = await server.listen();
  onTestFinished(() => server.close(1000));
  const baseURL = `${url}/v1`;
  const requestLines = () => log.records().filter((record) => record.msg === 'request').length;
  return {
    url,
    baseURL,
    router,
    log,
    answered: async (count) => {
      await log.waitFor(() => requestLines() >= count);
      return requestLines();
    },
    openai: (clientOptions) => new OpenAI({ baseURL, apiKey: 'unused', ...clientOptions }),
  };
}
