import type { Endpoint } from '../core/driver.js';
import { openAIErrorBody, openAIRequestId } from './openai-errors.js';

/** Listed even before any request named them, so a fresh fake answers `models.list()` like the API. */
export const listedModelIds = [
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4o',
  'gpt-4o-mini',
  'text-embedding-3-small',
] as const;

const modelsPath = '/v1/models';
// A fixed creation time keeps listings identical from run to run.
const createdS = 1_700_000_000;

function modelObject(id: string) {
  return {
    id,
    object: 'model',
    created: createdS,
    owned_by: (listedModelIds as readonly string[]).includes(id) ? 'openai' : 'system',
  };
}

function knownIds(seen: ReadonlySet<string>): string[] {
  return [...new Set<string>([...listedModelIds, ...seen])];
}

/** `GET /v1/models`: the listed ids plus every model a request to this fake has named. */
export function createListModelsEndpoint(seen: ReadonlySet<string>): Endpoint {
  return {
    summarize: () => ({ model: undefined, stream: false }),
    async respond(exchange) {
      const data = knownIds(seen).map(modelObject);
      await exchange.json(200, { object: 'list', data }, { 'x-request-id': openAIRequestId() });
    },
  };
}

/** The id in `/v1/models/{id}`, or undefined for another path. */
export function modelIdOfPath(pathname: string): string | undefined {
  if (!pathname.startsWith(`${modelsPath}/`)) return undefined;
  const id = decodeURIComponent(pathname.slice(modelsPath.length + 1));
  return id === '' ? undefined : id;
}

/** `GET /v1/models/{id}`: the model object, or the API's 404 `model_not_found`. */
export function createRetrieveModelEndpoint(seen: ReadonlySet<string>): Endpoint {
  return {
    summarize: (_body, url) => ({ model: modelIdOfPath(url.pathname), stream: false }),
    async respond(exchange) {
      const id = modelIdOfPath(exchange.url.pathname) ?? '';
      const headers = { 'x-request-id': openAIRequestId() };
      if (knownIds(seen).includes(id)) {
        await exchange.json(200, modelObject(id), headers);
        return;
      }
      const message = `The model \`${id}\` does not exist or you do not have access to it.`;
      await exchange.json(404, openAIErrorBody('not-found', message), headers);
    },
  };
}
