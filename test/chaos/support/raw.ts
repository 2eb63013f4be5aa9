import { connect, createServer, type Server } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * Sends `head` (request line and headers, exactly as given, CR/LF included) and `body` over a
 * plain TCP socket; resolves with the raw answer once the server closes or stops sending.
 */
export function rawExchange(origin: string, head: string, body = ''): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // One answer is enough: a complete head with its body length is not worth parsing here.
      if (Buffer.concat(chunks).includes('\r\n\r\n')) socket.end();
    });
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', (error) => (chunks.length > 0 ? resolve(String(chunks)) : reject(error)));
    socket.write(head + body);
  });
}

/** A listener standing in for an attacker's server: it counts the connections it receives. */
export async function attackerListener(): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, connections: () => connections };
}
