import type { IncomingMessage } from 'node:http';
import type { LanguageModelV4Usage } from '@ai-sdk/provider';

/** One attempt's answer as the client's SSE text, whichever way the attempt ran. */
export interface StreamSource {
  /**
   * The next SSE text for the client; `done` once the answer has ended cleanly (its `[DONE]` in
   * the text). Rejects when the answer broke.
   */
  next(): Promise<{ text: string; done: boolean }>;
  /** The answer's usage, once known. */
  usage(): LanguageModelV4Usage | undefined;
  /** Stops reading: a finished answer's connection goes back to the pool; otherwise it is cut. */
  close(): void;
}

/** How much upstream text may wait for the client before the upstream is paused. */
const maxQueuedChars = 64 * 1024;

/**
 * Reads an upstream response one piece at a time (no stream adapters in between): `read()`
 * resolves with the next text, or undefined at the end; rejects when the response fails.
 */
export class ResponseText {
  private queue: string[] = [];
  private queued = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private waiting:
    | { resolve: (text: string | undefined) => void; reject: (error: unknown) => void }
    | undefined;

  constructor(private readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      const waiting = this.waiting;
      if (waiting) {
        this.waiting = undefined;
        waiting.resolve(text);
      } else {
        // Keep taking what arrives while the client is written to, up to a bound.
        this.queue.push(text);
        this.queued += text.length;
        if (this.queued > maxQueuedChars) response.pause();
      }
    });
    response.once('end', () => this.settle(undefined));
    response.once('error', (error) => this.settle({ error }));
    // A socket closed under a response not yet ended ('aborted' comes without an 'error').
    response.once('close', () => {
      if (!response.complete)
        this.settle({ error: Object.assign(new Error('aborted'), { code: 'ECONNRESET' }) });
    });
  }

  read(): Promise<string | undefined> {
    if (this.queue.length > 0) {
      // Everything that has arrived, at once: one write to the client for it.
      const queued = this.queue.length === 1 ? (this.queue[0] as string) : this.queue.join('');
      this.queue = [];
      this.queued = 0;
      this.response.resume();
      return Promise.resolve(queued);
    }
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.response.resume();
    });
  }

  /** Reads the rest in the background (the connection goes back to the pool), or cuts it. */
  close(finished: boolean): void {
    if (this.ended || this.failure) return;
    if (finished) {
      this.response.removeAllListeners('data');
      this.response.resume();
    } else this.response.destroy();
  }

  private settle(failure: { error: unknown } | undefined): void {
    if (this.ended || this.failure) return;
    if (failure) this.failure = failure;
    else this.ended = true;
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    if (failure) waiting.reject(failure.error);
    else waiting.resolve(undefined);
  }
}
