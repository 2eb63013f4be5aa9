import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../openai/gateway-error.js';

const jsonType = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body. Checks the content type (415) and the declared length (413) before
 * reading a byte, and the running length while reading (413 for a chunked body over the limit),
 * so an oversized body is never buffered. A body a framework has parsed already (`req.body`, as
 * `express.json()` leaves it) is used as it is.
 */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const parsed = (request as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && request.readableEnded) {
    return typeof parsed === 'string' || Buffer.isBuffer(parsed)
      ? parseJson(parsed.toString())
      : parsed;
  }
  const type = request.headers['content-type'];
  if (type !== undefined && !jsonType.test(type)) {
    throw new GatewayError({
      status: 415,
      code: 'unsupported_media_type',
      message: 'The request body must be JSON: send "Content-Type: application/json".',
    });
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const body = await readLimited(request, limitBytes);
  return parseJson(body.toString('utf8'));
}

function readLimited(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        // The rest flows on unread (discarded); the answer closes the connection.
        stop();
        chunks.length = 0;
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      stop();
      reject(new DOMException('The HTTP client closed the connection.', 'AbortError'));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') {
    throw new GatewayError({
      status: 400,
      code: 'invalid_json',
      message: 'The request body is empty. Send a JSON object.',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message may quote part of the body; only the position is kept.
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    throw new GatewayError({
      status: 400,
      code: 'invalid_json',
      message: `The request body is not valid JSON${position === undefined ? '' : ` (at position ${position})`}. Send a JSON object.`,
    });
  }
}

function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError({
    status: 413,
    code: 'request_too_large',
    message: `The request body is larger than this gateway's limit of ${limitBytes} bytes (gateway.bodyLimitBytes).`,
  });
}
