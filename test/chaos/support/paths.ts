import { Writable } from 'node:stream';
import { createRouterProvider } from '@modelmux/ai-sdk';
import { AllTargetsFailedError, type Router, RouterError } from '@modelmux/core';
import { createGatewayServer } from '@modelmux/gateway';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { pino } from 'pino';
import { onTestFinished } from 'vitest';
import { collect } from './evidence.js';

/** How one call ended, the same shape for both paths. */
export interface CallOutcome {
  ok: boolean;
  text: string;
  /** The error the caller saw (a modelmux error in-process; the openai client's through the gateway). */
  error?: unknown;
  /** The modelmux error code (`all-targets-failed`...), from the error or the gateway's body. */
  code?: string;
  /** The HTTP status (gateway) or the status the router would answer with. */
  status?: number;
  /** When the router says to come back, in seconds (Retry-After through the gateway). */
  retryAfterS?: number;
}

export interface CallOptions {
  stream?: boolean;
  signal?: AbortSignal;
  prompt?: string;
  /** Called once with the first text the caller received (streams). */
  onFirstText?: () => void;
}

/** One way of calling the router, as an app does. */
export interface CallPath {
  name: 'ai-sdk' | 'gateway';
  call(options?: CallOptions): Promise<CallOutcome>;
  /** What the gateway logged (empty in-process). */
  logLines(): string[];
  /** The gateway's origin, e.g. `http://127.0.0.1:4321` (gateway path only). */
  origin?: string;
}

export type PathName = CallPath['name'];
export const pathNames: PathName[] = ['ai-sdk', 'gateway'];

export async function openPath(name: PathName, router: Router): Promise<CallPath> {
  return name === 'ai-sdk' ? aiSdkPath(router) : await gatewayPath(router);
}

/** The in-process router as an AI SDK provider, called with generateText/streamText. */
function aiSdkPath(router: Router): CallPath {
  const llm = createRouterProvider(router);
  return {
    name: 'ai-sdk',
    logLines: () => [],
    async call({ stream = false, signal, prompt = 'hi', onFirstText } = {}) {
      try {
        if (!stream) {
          const result = await generateText({ model: llm('main'), prompt, abortSignal: signal });
          collect(result.providerMetadata);
          return { ok: true, text: result.text };
        }
        const errors: unknown[] = [];
        const result = streamText({
          model: llm('main'),
          prompt,
          abortSignal: signal,
          onError: ({ error }) => {
            errors.push(error);
          },
        });
        let text = '';
        for await (const part of result.fullStream) {
          if (part.type === 'text-delta') {
            if (text === '') onFirstText?.();
            text += part.text;
          }
          if (part.type === 'finish-step') collect(part.providerMetadata);
          if (part.type === 'error') errors.push(part.error);
        }
        if (errors.length > 0) return failed(errors[0], text);
        return { ok: true, text };
      } catch (error) {
        return failed(error, '');
      }
    },
  };
}

function failed(error: unknown, text: string): CallOutcome {
  collect(error);
  const outcome: CallOutcome = { ok: false, text, error };
  if (RouterError.isInstance(error)) outcome.code = error.code;
  if (AllTargetsFailedError.isInstance(error) && error.retryAfterMs !== undefined) {
    outcome.retryAfterS = Math.ceil(error.retryAfterMs / 1000);
  }
  return outcome;
}

/** The virtual key the gateway path's client presents. */
export const gatewayKey = 'mm-chaos-virtual-key-0123456789';

/**
 * The gateway over the router on 127.0.0.1:0, called by the official `openai` client with its
 * default retries (2), so any retry multiplication would show in the upstream counts.
 */
async function gatewayPath(router: Router): Promise<CallPath> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(line);
        collect(line);
      }
      callback();
    },
  });
  const server = createGatewayServer({
    router,
    keys: [{ name: 'chaos', key: gatewayKey }],
    logger: pino({ level: 'info' }, sink),
    host: '127.0.0.1',
    port: 0,
  });
  const { url } = await server.listen();
  onTestFinished(() => server.close(1000));
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: gatewayKey });
  return {
    name: 'gateway',
    origin: url,
    logLines: () => lines,
    async call({ stream = false, signal, prompt = 'hi', onFirstText } = {}) {
      const messages = [{ role: 'user' as const, content: prompt }];
      let text = '';
      try {
        if (!stream) {
          const completion = await client.chat.completions.create(
            { model: 'main', messages },
            { signal },
          );
          collect(completion);
          return { ok: true, text: completion.choices[0]?.message.content ?? '' };
        }
        const chunks = await client.chat.completions.create(
          { model: 'main', messages, stream: true },
          { signal },
        );
        for await (const chunk of chunks) {
          collect(chunk);
          const delta = chunk.choices[0]?.delta.content ?? '';
          if (delta !== '' && text === '') onFirstText?.();
          text += delta;
        }
        return { ok: true, text };
      } catch (error) {
        collect(error);
        const outcome: CallOutcome = { ok: false, text, error };
        if (error instanceof OpenAI.APIError) {
          if (error.status !== undefined) outcome.status = error.status;
          const code = (error.error as { code?: unknown } | undefined)?.code ?? error.code;
          if (typeof code === 'string') outcome.code = code;
          const retryAfter = error.headers?.get('retry-after');
          if (retryAfter) outcome.retryAfterS = Number(retryAfter);
        }
        return outcome;
      }
    },
  };
}
