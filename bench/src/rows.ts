import { createOpenAI } from '@ai-sdk/openai';
import { createRouterProvider } from '@modelmux/ai-sdk';
import { createRouter, type Router } from '@modelmux/core';
import { createFallback } from 'ai-fallback';
import { createRetryableModel } from 'ai-retry/language-model';
import type { CallTarget } from './calls.js';
import type { ServerAddress } from './protocol.js';

/** One way of calling the upstream: a line of the table. */
export interface Row extends CallTarget {
  name: RowName;
  /** What the row is, for the table's legend. */
  about: string;
  /** A reference line: shown, never judged against the goals. */
  reference?: boolean;
  /** The router behind the routed row (for its stats), undefined for the others. */
  router?: Router;
}

export type RowName =
  | 'direct'
  | 'direct-2'
  | 'direct+signal'
  | 'routed'
  | 'ai-fallback'
  | 'ai-retry';

// Distinct model ids: ai-retry counts attempts per provider/modelId, so two targets with the
// same id would look like one model to it.
const primaryModelId = 'gpt-4.1-mini';
const secondaryModelId = 'gpt-4.1-nano';

/** Each row gets its own provider instances, so no row shares state with another. */
function chat(server: ServerAddress, modelId: string) {
  return createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey }).chat(modelId);
}

export function buildRow(name: RowName, primary: ServerAddress, secondary: ServerAddress): Row {
  switch (name) {
    case 'direct':
      return {
        name,
        about: '@ai-sdk/openai .chat(), maxRetries: 0: the baseline',
        model: chat(primary, primaryModelId),
      };
    case 'direct-2':
      return {
        name,
        about: 'a second, identical direct instance: the noise control',
        model: chat(primary, primaryModelId),
      };
    case 'direct+signal':
      return {
        name,
        about: 'direct with a fresh AbortSignal per call: what any abortable call pays (reference)',
        model: chat(primary, primaryModelId),
        abortable: true,
        reference: true,
      };
    case 'routed': {
      const router = createRouter({
        targets: [
          { id: 'primary', model: chat(primary, primaryModelId) },
          { id: 'secondary', model: chat(secondary, secondaryModelId) },
        ],
        routes: { bench: { targets: ['primary', 'secondary'] } },
      });
      return {
        name,
        about: "createRouterProvider(router)('bench'), priority route primary -> secondary",
        model: createRouterProvider(router)('bench'),
        router,
      };
    }
    case 'ai-fallback':
      return {
        name,
        about: 'ai-fallback 3: createFallback({ models: [primary, secondary] })',
        model: createFallback({
          models: [chat(primary, primaryModelId), chat(secondary, secondaryModelId)],
        }),
      };
    case 'ai-retry':
      return {
        name,
        about: 'ai-retry 2: createRetryableModel({ model: primary, retries: [secondary] })',
        model: createRetryableModel({
          model: chat(primary, primaryModelId),
          retries: [chat(secondary, secondaryModelId)],
        }),
      };
  }
}

export const rowNames: readonly RowName[] = [
  'direct',
  'direct-2',
  'direct+signal',
  'routed',
  'ai-fallback',
  'ai-retry',
];
