import type { Exchange } from '../exchange.js';
import { sendJson } from '../http/send-json.js';
import { GatewayError } from '../openai/gateway-error.js';
import { type ModelList, toModelList } from '../openai/models.js';

/** `GET /v1/models`: the routes and targets the caller's key may use. */
export function modelList(exchange: Exchange, created: number): void {
  sendJson(exchange.response, 200, visibleModels(exchange, created));
}

/** `GET /v1/models/{id}`: one of them, or 404. */
export function singleModel(exchange: Exchange, created: number, id: string): void {
  const model = visibleModels(exchange, created).data.find((entry) => entry.id === id);
  if (!model) {
    throw new GatewayError({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      message: `The model '${id}' does not exist. GET /v1/models lists the models you can use.`,
    });
  }
  sendJson(exchange.response, 200, model);
}

function visibleModels(exchange: Exchange, created: number): ModelList {
  const { router } = exchange.options;
  const allowed = exchange.caller?.routes;
  const visible = (name: string) => allowed === undefined || allowed.has(name);
  return toModelList({
    routes: router.routes.filter(visible),
    targets: router.targets.filter(visible),
    created,
  });
}
