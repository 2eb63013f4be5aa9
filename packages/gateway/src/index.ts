export { hashApiKey } from './auth/key-hash.js';
export { createGatewayHandler, type GatewayHandler } from './create-gateway-handler.js';
export {
  createGatewayServer,
  type GatewayServer,
  type GatewayServerOptions,
} from './create-gateway-server.js';
export type { GatewayKeyOptions, GatewayLogger, GatewayOptions } from './gateway-options.js';
export {
  GatewayError,
  type GatewayErrorType,
  gatewayErrorOf,
  type OpenAIErrorBody,
  openAIErrorBody,
} from './openai/gateway-error.js';
