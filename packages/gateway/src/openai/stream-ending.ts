import { GatewayError } from './gateway-error.js';

/**
 * Reads what is left of a stream whose answer has finished (the upstream's own terminator), so
 * its connection goes back to the pool instead of being aborted.
 */
export async function drainParts(reader: ReadableStreamDefaultReader<unknown>): Promise<void> {
  for (;;) if ((await reader.read()).done) return;
}

/** The error that ends a stream which stopped without a clean finish. */
export function incompleteStream(detail: string): GatewayError {
  return new GatewayError({
    status: 502,
    code: 'stream-incomplete',
    message: `The answer stopped before it was complete (${detail}); retry the call.`,
  });
}
