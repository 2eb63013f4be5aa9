import type { IncomingMessage } from 'node:http';
import type { Exchange } from './exchange.js';
import type { ErrorPlan } from './reply.js';

/** What a request means to the scheduler, read from its body before a reply is chosen. */
export interface RequestSummary {
  model: string | undefined;
  stream: boolean;
}

export interface Endpoint {
  summarize(body: unknown, url: URL): RequestSummary;
  /** Renders the success answer (errors and timing faults are handled before this runs). */
  respond(exchange: Exchange): Promise<void>;
}

export interface ErrorResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** One provider's wire format: routing, auth and error bodies. */
export interface ProviderDriver {
  name: 'openai' | 'anthropic' | 'gemini';
  /** Path the provider SDKs use as their base URL, e.g. `/v1`. */
  basePath: string;
  /** Status of the provider's "overloaded" error (Anthropic 529, others 503). */
  overloadedStatus: number;
  endpoint(method: string, pathname: string): Endpoint | undefined;
  /** The API key the request presents, if any. */
  apiKeyOf(request: IncomingMessage, url: URL): string | undefined;
  /** The provider's own error body and headers for a planned error. */
  errorResponse(plan: ErrorPlan & { message?: string }): ErrorResponse;
}
