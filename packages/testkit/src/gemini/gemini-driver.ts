import type { Endpoint, ProviderDriver } from '../core/driver.js';
import { embedContentEndpoint } from './embed-content.js';
import { geminiErrorResponse } from './gemini-errors.js';
import { generateContentEndpoint } from './generate-content.js';

/**
 * `/v1beta/models/{model}:{method}`; `@ai-sdk/google` sends ids that contain a slash (e.g.
 * `tunedModels/x`) as they are, others under `models/`.
 */
const methodPath = /^\/v1beta\/((?:models|tunedModels)\/[^/:]+):([A-Za-z]+)$/;

/** The Gemini API (generativelanguage.googleapis.com), as `@ai-sdk/google` calls it. */
export const geminiDriver: ProviderDriver = {
  name: 'gemini',
  basePath: '/v1beta',
  // Gemini has no overloaded status of its own: "The model is overloaded" is a 503 UNAVAILABLE.
  overloadedStatus: 503,
  endpoint(method, pathname) {
    if (method !== 'POST') return undefined;
    const match = methodPath.exec(pathname);
    if (!match) return undefined;
    const [, resource = '', action] = match;
    let model: string;
    try {
      model = decodeURIComponent(resource).replace(/^models\//, '');
    } catch {
      return undefined;
    }
    return endpointFor(model, action);
  },
  apiKeyOf(request, url) {
    // The SDKs send the x-goog-api-key header; REST examples put the key in `?key=`.
    const header = request.headers['x-goog-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    return key ?? url.searchParams.get('key') ?? undefined;
  },
  errorResponse: geminiErrorResponse,
};

function endpointFor(model: string, action: string | undefined): Endpoint | undefined {
  switch (action) {
    case 'generateContent':
      return generateContentEndpoint(model, false);
    case 'streamGenerateContent':
      return generateContentEndpoint(model, true);
    case 'embedContent':
      return embedContentEndpoint(model, false);
    case 'batchEmbedContents':
      return embedContentEndpoint(model, true);
    default:
      return undefined;
  }
}
