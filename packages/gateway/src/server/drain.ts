import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendJson } from '../http/send-json.js';
import { GatewayError, openAIErrorBody } from '../openai/gateway-error.js';

const shuttingDown = new GatewayError({
  status: 503,
  code: 'shutting_down',
  message: 'The gateway is shutting down; retry the request.',
});

/**
 * Graceful shutdown for a `node:http` server: stop accepting, close every connection with no
 * request in flight (kept-alive ones, and ones a client opened ahead of need), let the requests
 * in flight finish, closing each connection as its last answer ends, answer requests that
 * arrive meanwhile with 503, and cut whatever is left at the deadline.
 */
export function createDrain(server: Server) {
  let draining = false;
  let closed: Promise<void> | undefined;
  /** Requests in flight per connection. */
  const inFlight = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (request, response: ServerResponse) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const count = (inFlight.get(socket) ?? 1) - 1;
      if (inFlight.has(socket)) inFlight.set(socket, count);
      if (draining && count === 0) socket.end();
    });
  });
  return {
    get draining() {
      return draining;
    },
    /** A request that arrived on a kept-alive connection while draining: go elsewhere. */
    refuse(response: ServerResponse): void {
      // The official clients retry a 503 that says so, on a new connection.
      sendJson(response, 503, openAIErrorBody(shuttingDown), {
        connection: 'close',
        'x-should-retry': 'true',
      });
    },
    close(deadlineMs: number): Promise<void> {
      draining = true;
      closed ??= new Promise((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), deadlineMs);
        // Stops listening and closes idle kept-alive connections; calls back once every
        // connection is gone.
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // A connection that never sent a byte (clients open some ahead of need) would hold the
        // close until the deadline; one that is sending a request is let in, to hear 503.
        for (const [socket, count] of inFlight) {
          if (count === 0 && socket.bytesRead === 0) socket.destroy();
        }
      });
      return closed;
    },
  };
}
