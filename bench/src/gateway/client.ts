import { Agent, request } from 'node:http';
import { replyText } from '../protocol.js';

/** One way to reach the upstream: straight, or through one of the gateways. */
export interface Endpoint {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  /** The `model` field: the gateway's route, or the upstream's model id. */
  model: string;
  /** Headers every call sends (a key, Portkey's config). */
  headers: Readonly<Record<string, string>>;
}

export interface Sample {
  ok: boolean;
  /** To the end of the answer. */
  ms: number;
  /** Streams: to the first chunk with content; NaN for non-stream calls and failures. */
  ttftMs: number;
}

export type Call = (stream: boolean) => Promise<Sample>;

const messages = [{ role: 'user', content: 'Describe the night sea in twenty words.' }];

/**
 * A client for one endpoint: raw `node:http` on its own keep-alive agent, so the client costs
 * every row the same few microseconds and no row shares connections with another. A call counts
 * as an error unless it answers 200 with the upstream's whole answer (streams: ending in `[DONE]`
 * with no error event).
 */
export function createCaller(endpoint: Endpoint): Call {
  const url = new URL(`${endpoint.baseURL}/chat/completions`);
  const agent = new Agent({ keepAlive: true });
  const prepared = (stream: boolean) => {
    const body = Buffer.from(
      JSON.stringify({
        model: endpoint.model,
        messages,
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      }),
    );
    const headers = {
      ...endpoint.headers,
      'content-type': 'application/json',
      'content-length': String(body.length),
    };
    return { body, headers };
  };
  const plain = prepared(false);
  const streamed = prepared(true);

  return (stream) => {
    const { body, headers } = stream ? streamed : plain;
    const started = performance.now();
    return new Promise<Sample>((resolve) => {
      let settled = false;
      const finish = (ok: boolean, ttftMs = Number.NaN) => {
        if (settled) return;
        settled = true;
        resolve({ ok, ms: performance.now() - started, ttftMs });
      };
      const outgoing = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent },
        (answer) => {
          answer.setEncoding('utf8');
          answer.on('error', () => finish(false));
          answer.on('close', () => finish(false));
          if (answer.statusCode !== 200) {
            answer.resume();
            answer.on('end', () => finish(false));
            return;
          }
          if (!stream) {
            let text = '';
            answer.on('data', (chunk: string) => {
              text += chunk;
            });
            answer.on('end', () => finish(completionText(text) === replyText));
            return;
          }
          const events = new EventReader(started);
          answer.on('data', (chunk: string) => events.push(chunk));
          answer.on('end', () => finish(events.complete(), events.ttftMs));
        },
      );
      outgoing.on('error', () => finish(false));
      outgoing.end(body);
    });
  };
}

function completionText(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] };
    const content = parsed.choices?.[0]?.message?.content;
    return typeof content === 'string' ? content : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `chat.completion.chunk` SSE events as they come: the text, the first content's time, `[DONE]`. */
class EventReader {
  ttftMs = Number.NaN;
  private pending = '';
  private text = '';
  private done = false;
  private failed = false;

  constructor(private readonly started: number) {}

  push(chunk: string): void {
    this.pending += chunk;
    let end = this.pending.indexOf('\n\n');
    while (end !== -1) {
      this.event(this.pending.slice(0, end));
      this.pending = this.pending.slice(end + 2);
      end = this.pending.indexOf('\n\n');
    }
  }

  complete(): boolean {
    return this.done && !this.failed && this.pending.trim() === '' && this.text === replyText;
  }

  private event(block: string): void {
    for (const line of block.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        this.done = true;
        continue;
      }
      try {
        const parsed = JSON.parse(data) as {
          error?: unknown;
          choices?: { delta?: { content?: unknown } }[];
        };
        if (parsed.error !== undefined) this.failed = true;
        const content = parsed.choices?.[0]?.delta?.content;
        if (typeof content === 'string' && content !== '') {
          if (this.text === '') this.ttftMs = performance.now() - this.started;
          this.text += content;
        }
      } catch {
        this.failed = true;
      }
    }
  }
}
