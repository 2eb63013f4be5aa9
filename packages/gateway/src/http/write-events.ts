import type { ServerResponse } from 'node:http';

/**
 * Writes a stream of ready SSE events with back-pressure: each write waits for the client to
 * take the previous one when its buffer is full. Stops when the client has gone; leaving the
 * loop returns the generator, which cancels the router's stream and so the upstream request.
 * Resolves with the last event written.
 */
export async function writeEvents(
  response: ServerResponse,
  events: AsyncIterable<string>,
): Promise<string> {
  let last = '';
  for await (const event of events) {
    if (response.destroyed) break;
    last = event;
    if (!response.write(event)) await drained(response);
  }
  response.end();
  return last;
}

/** The headers of an SSE answer (plus the caller's). */
export function eventStreamHeaders(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  };
}

/** Resolves once the client has taken the buffered writes, or has gone. */
export function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
