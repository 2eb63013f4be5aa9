import type { ProviderDriver } from '../core/driver.js';
import { anthropicErrorResponse } from './anthropic-errors.js';
import { messagesEndpoint } from './messages.js';

/** The Anthropic Messages API as `@ai-sdk/anthropic` and `@anthropic-ai/sdk` call it. */
export const anthropicDriver: ProviderDriver = {
  name: 'anthropic',
  basePath: '/v1',
  overloadedStatus: 529,
  endpoint(method, pathname) {
    if (method === 'POST' && pathname === '/v1/messages') return messagesEndpoint;
    return undefined;
  },
  apiKeyOf(request) {
    const key = request.headers['x-api-key'];
    if (typeof key === 'string') return key;
    // `authToken` clients (and OAuth-style gateways) send `Authorization: Bearer <token>`.
    const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
    return match?.[1];
  },
  errorResponse: anthropicErrorResponse,
};
