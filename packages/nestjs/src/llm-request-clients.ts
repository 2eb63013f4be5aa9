import type { IncomingMessage, ServerResponse } from 'node:http';
import { abortSignalOnClose, type LlmClient as CoreLlmClient, requestIdOf } from '@modelmux/core';
import { Inject, Injectable } from '@nestjs/common';
import { LlmClient } from './llm-client.js';
import { LLM_ROUTER_MODULE_OPTIONS } from './llm-router.module-definition.js';
import type { LlmRouterModuleOptions } from './llm-router-module-options.js';
import { MODULE_ROUTER, type ModuleRouter } from './module-router.js';

/** What is known of one request: its Node response, its `@LlmRoute`, its client once made. */
interface RequestSlot {
  response: ServerResponse | undefined;
  route: string | undefined;
  client: LlmClient | undefined;
}

/**
 * One `LlmClient` per request, shared by `@Llm()` and the request-scoped `LlmClient` provider.
 * The router's client (and the close listener behind its signal) is made only when a model is
 * asked for, so a request that never calls a model costs one WeakMap entry.
 */
@Injectable()
export class LlmRequestClients {
  private readonly slots = new WeakMap<object, RequestSlot>();

  constructor(
    @Inject(MODULE_ROUTER) private readonly moduleRouter: ModuleRouter,
    @Inject(LLM_ROUTER_MODULE_OPTIONS) private readonly options: LlmRouterModuleOptions,
  ) {}

  /** Records the request's response and `@LlmRoute` (the interceptor calls this). */
  attach(request: object, response: object, route: string | undefined): void {
    const slot = this.slotOf(request);
    slot.response = nodeMessageOf(response) as ServerResponse;
    slot.route = route;
  }

  /** The request's client; `model()` with no argument uses the `@LlmRoute` attached. */
  clientFor(request: object): LlmClient {
    const slot = this.slotOf(request);
    slot.client ??= new RequestLlmClient(
      () => this.bind(nodeMessageOf(request) as IncomingMessage, slot),
      () => slot.route,
    );
    return slot.client;
  }

  private slotOf(request: object): RequestSlot {
    let slot = this.slots.get(request);
    if (!slot) {
      slot = { response: undefined, route: undefined, client: undefined };
      this.slots.set(request, slot);
    }
    return slot;
  }

  private bind(request: IncomingMessage, slot: RequestSlot): CoreLlmClient {
    const { context, requestId = requestIdOf } = this.options;
    // Express links `req.res`, so a request-scoped provider made before the interceptor ran
    // still gets the signal.
    const response = slot.response ?? (request as { res?: ServerResponse }).res;
    return this.moduleRouter.router.createClient({
      signal: response ? abortSignalOnClose(request, response) : undefined,
      metadata: { ...context?.(request), requestId: requestId(request) },
    });
  }
}

class RequestLlmClient extends LlmClient {
  private bound: CoreLlmClient | undefined;

  constructor(
    private readonly bind: () => CoreLlmClient,
    private readonly defaultRoute: () => string | undefined,
  ) {
    super();
  }

  model(route?: string) {
    this.bound ??= this.bind();
    return this.bound.model(route ?? this.defaultRoute());
  }

  embeddingModel(route?: string) {
    this.bound ??= this.bind();
    return this.bound.embeddingModel(route ?? this.defaultRoute());
  }
}

/** Node's own message: Express hands it over as is, Fastify wraps it (`request.raw`, `reply.raw`). */
function nodeMessageOf(message: object): object {
  const raw = (message as { raw?: unknown }).raw;
  return typeof raw === 'object' && raw !== null ? raw : message;
}
