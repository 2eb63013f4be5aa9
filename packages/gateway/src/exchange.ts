import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  abortSignalOnClose,
  type CallBinding,
  type DecisionTrace,
  type LlmClient,
  requestIdOf,
} from '@modelmux/core';
import { authorize, type Caller } from './auth/authenticate.js';
import type { ResolvedGatewayOptions } from './gateway-options.js';
import { GatewayError } from './openai/gateway-error.js';
import { overheadMs, routingHeaders } from './routing-headers.js';

/** What the request's log line says beyond method, path and status. */
export interface ExchangeLog {
  model?: string;
  stream?: boolean;
  trace?: DecisionTrace;
  /** The gateway's own time when the answer's headers were written. */
  overheadMs?: number;
  /** The error code the gateway answered with. */
  errorCode?: string;
}

/** One request and its answer, as the gateway serves it. */
export class Exchange {
  readonly requestId: string;
  readonly startedAt = performance.now();
  /** Set once authenticated. */
  caller: Caller | undefined;
  /** Whose error shape the answer takes: OpenAI's, or Anthropic's on `/v1/messages`. */
  protocol: 'openai' | 'anthropic' = 'openai';
  readonly log: ExchangeLog = {};
  private closeSignal: AbortSignal | undefined;

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly options: ResolvedGatewayOptions,
  ) {
    this.requestId = requestIdOf(request);
    response.setHeader('x-request-id', this.requestId);
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /**
   * The routing headers for an answer about to start (`x-modelmux-*`, see routing-headers.ts);
   * the trace and the overhead so far go into the request's log line too.
   */
  routingHeaders(trace: DecisionTrace | undefined): Record<string, string> {
    if (!trace) return {};
    const elapsedMs = this.elapsedMs();
    this.log.trace = trace;
    this.log.overheadMs = overheadMs(trace, elapsedMs);
    return routingHeaders(trace, elapsedMs);
  }

  /** Fires when the client goes away before the answer is complete. */
  get signal(): AbortSignal {
    this.closeSignal ??= abortSignalOnClose(this.request, this.response);
    return this.closeSignal;
  }

  /**
   * The router's client for a call to `model`, once the model is known to the router (404) and
   * the caller's key may use it (403). Its calls carry the request's metadata into their traces
   * and are aborted when the client goes away.
   */
  client(
    model: string,
    fields: { user?: string | undefined; metadata?: Record<string, string> | undefined },
  ): LlmClient {
    return this.options.router.createClient(this.binding(model, fields));
  }

  /**
   * What every call for `model` carries (the request's signal, metadata and the key's limits),
   * once the model is known to the router (404) and the caller's key may use it (403).
   */
  binding(
    model: string,
    {
      user,
      metadata,
    }: { user?: string | undefined; metadata?: Record<string, string> | undefined },
  ): CallBinding {
    const { router } = this.options;
    if (!router.routes.includes(model) && !router.targets.includes(model)) {
      throw new GatewayError({
        status: 404,
        code: 'model_not_found',
        param: 'model',
        message: `The model '${model}' does not exist. GET /v1/models lists the models you can use.`,
      });
    }
    authorize(this.caller ?? { keyName: undefined, routes: undefined }, model);
    // The client's own metadata may not pose as what the gateway vouches for.
    const binding: Record<string, string> = { ...metadata, requestId: this.requestId };
    delete binding.keyName;
    delete binding.user;
    if (this.caller?.keyName !== undefined) binding.keyName = this.caller.keyName;
    if (user !== undefined) binding.user = user;
    const limits = this.caller?.limits;
    return limits
      ? { signal: this.signal, metadata: binding, limits }
      : { signal: this.signal, metadata: binding };
  }
}
