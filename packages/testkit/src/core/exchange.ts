import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from './answer.js';
import type { Reply } from './reply.js';
import type { RequestLogEntry } from './request-log.js';
import { wait } from './wait.js';

/** Thrown inside a driver when the exchange must stop (client gone, or a scripted reset). */
export class ExchangeStopped extends Error {
  constructor(reason: 'client-closed' | 'reset') {
    super(reason);
    this.name = 'ExchangeStopped';
  }
}

export interface SseEvent {
  /** The `event:` line (Anthropic names its events; OpenAI and Gemini do not). */
  event?: string;
  /** Serialised with JSON.stringify unless it is already a string (e.g. `[DONE]`). */
  data: unknown;
}

/**
 * One request being answered. Drivers render their wire format through it; it applies the
 * reply's timing and stream faults the same way for every provider.
 */
export class Exchange {
  private contentChunks = 0;
  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly body: unknown,
    readonly url: URL,
    readonly reply: Reply,
    readonly entry: RequestLogEntry,
    readonly signal: AbortSignal,
  ) {}

  /** Sends a complete JSON body, applying firstByteDelayMs, reset and malformed faults. */
  async json(status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> {
    this.writeHead(status, { 'content-type': 'application/json', ...headers });
    await this.firstByteDelay();
    const text = JSON.stringify(body);
    if (this.reply.resetAfterChunks !== undefined) {
      this.response.write(text.slice(0, Math.floor(text.length / 2)));
      await this.resetAfterFlush();
    }
    if (this.reply.fault === 'malformed-chunk' || this.reply.malformedChunkAt !== undefined) {
      this.response.end(`${text.slice(0, Math.floor(text.length / 2))}<<malformed`);
      return;
    }
    this.response.end(text);
  }

  /** Starts an SSE response: headers at once, then the first-byte delay. */
  async startStream(headers: Record<string, string> = {}): Promise<void> {
    this.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    await this.firstByteDelay();
  }

  /** An event that carries no content (metadata, pings): never delayed or faulted. */
  event(event: SseEvent): void {
    this.check();
    this.response.write(formatEvent(event));
  }

  /**
   * A content-bearing event (a text or tool-argument delta). Counted: the reply's
   * `resetAfterChunks`, `malformedChunkAt` and `chunkDelayMs` apply to these.
   */
  async content(event: SseEvent): Promise<void> {
    this.check();
    if (this.contentChunks > 0 && this.reply.chunkDelayMs) {
      await this.pause(this.reply.chunkDelayMs);
    }
    if (this.reply.resetAfterChunks === this.contentChunks) await this.resetAfterFlush();
    this.contentChunks += 1;
    this.entry.chunksSent = this.contentChunks;
    const malformedAt =
      this.reply.malformedChunkAt ?? (this.reply.fault === 'malformed-chunk' ? 1 : 0);
    if (malformedAt === this.contentChunks) {
      this.response.write(formatEvent({ ...event, data: '{"malformed": [tr' }));
      return;
    }
    this.response.write(formatEvent(event));
  }

  /**
   * Ends the stream with its terminator events, unless the reply drops them or resets.
   * Never rejects (a stop here is the end anyway), so a driver may call it without awaiting.
   */
  async finish(terminator: readonly SseEvent[]): Promise<void> {
    try {
      this.check();
      if (this.reply.resetAfterChunks !== undefined) await this.resetAfterFlush();
      if (this.reply.fault !== 'no-terminator') {
        for (const event of terminator) this.response.write(formatEvent(event));
      }
      this.response.end();
    } catch (error) {
      if (!(error instanceof ExchangeStopped)) throw error;
    }
  }

  /** The answer's content chunks count for faults; exposed so drivers can plan event order. */
  get sentContentChunks(): number {
    return this.contentChunks;
  }

  private writeHead(status: number, headers: Record<string, string>): void {
    this.check();
    this.entry.status = status;
    this.response.writeHead(status, headers);
    this.response.flushHeaders();
  }

  private async firstByteDelay(): Promise<void> {
    if (this.reply.firstByteDelayMs) await this.pause(this.reply.firstByteDelayMs);
  }

  private async pause(ms: number): Promise<void> {
    try {
      await wait(ms, this.signal);
    } catch {
      throw new ExchangeStopped('client-closed');
    }
  }

  private check(): void {
    if (this.signal.aborted) throw new ExchangeStopped('client-closed');
  }

  /**
   * A reset in the same tick as the last write makes Linux discard bytes the client has not
   * read yet, so the client would never see the chunks "before" the reset. Let them drain.
   */
  private async resetAfterFlush(): Promise<never> {
    await new Promise<void>((resolve) => this.response.write('', () => resolve()));
    await this.pause(flushBeforeResetMs);
    this.reset();
  }

  /** A TCP RST, as a crashed upstream or a middlebox would send. */
  reset(): never {
    this.entry.outcome = 'reset';
    this.request.socket.resetAndDestroy();
    throw new ExchangeStopped('reset');
  }
}

const flushBeforeResetMs = 20;

function formatEvent({ event, data }: SseEvent): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

export type { Answer };
