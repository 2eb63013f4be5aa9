import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON, or undefined. */
  json: {
    error?: { message: string; type: string; code: string | null; param: string | null };
  } & Record<string, unknown>;
}

/** One HTTP request with exactly the given headers and body (no client-side checks). */
export function rawRequest(
  url: string,
  {
    method = 'POST',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: RawResponse['json'] = {};
        try {
          json = JSON.parse(text);
        } catch {}
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Starts a request whose body is `totalBytes` long (declared, or chunked when `chunked`), writes
 * it piece by piece, and stops writing as soon as the response arrives. Resolves with the status
 * and how much of the body was sent by then.
 */
export function oversizedRequest(
  url: string,
  {
    totalBytes,
    chunked,
    headers,
  }: { totalBytes: number; chunked: boolean; headers: Record<string, string> },
): Promise<{ status: number; sentBytes: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const piece = Buffer.alloc(64 * 1024, 'a');
    let sentBytes = 0;
    let answered = false;
    const requestHeaders: Record<string, string> = {
      ...headers,
      'content-type': 'application/json',
    };
    if (!chunked) requestHeaders['content-length'] = String(totalBytes);
    const request = httpRequest(
      url,
      { method: 'POST', headers: requestHeaders, agent: false },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            sentBytes,
            connection: response.headers.connection,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          request.destroy();
        });
      },
    );
    // The server may close the connection while we still write: that is expected here.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += piece.length;
        if (!request.write(piece)) {
          request.once('drain', write);
          return;
        }
      }
      if (!answered) request.end();
    };
    write();
  });
}
