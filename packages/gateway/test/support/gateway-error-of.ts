import { GatewayError } from '../../src/openai/gateway-error.js';

/**
 * The GatewayError `run` throws. Anything else it throws is rethrown, and a `run` that returns
 * fails the test: the unit tests of the request parsers read their rejections through this.
 */
export function gatewayErrorOf(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError, but the call returned');
}
