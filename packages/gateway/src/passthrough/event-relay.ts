import type { LanguageModelV4Usage } from '@ai-sdk/provider';

/**
 * Reads an upstream's SSE text and re-emits it for the client (see the protocol's relay):
 * `push` takes the next piece of text ('' to go on with what is pending) and returns what to send
 * on, stopping after the first content event so that what follows it fails the stream, not the
 * opening; an upstream error event is thrown (the provider's error object, which core classifies).
 */
export interface EventRelay {
  push(text: string): string;
  /** The upstream's body ended: anything but its completion signal before it is a broken stream. */
  end(): void;
  /** An event with content (text, a tool call, a refusal, reasoning) has been relayed. */
  readonly content: boolean;
  /** The completion signal has arrived (`[DONE]`, `message_stop`). */
  readonly done: boolean;
  /** The answer's usage so far, for the router's cost. */
  usage(): LanguageModelV4Usage | undefined;
}

/** Splits SSE text into events, keeping an incomplete one for the next piece. */
export class SseEvents {
  private pending = '';

  add(text: string): void {
    this.pending += text;
  }

  /** The next complete event (without its blank line), or undefined. */
  next(): string | undefined {
    const text = this.pending;
    const lf = text.indexOf('\n\n');
    const crlf = text.indexOf('\r\n\r\n');
    let at: number;
    let length: number;
    if (crlf !== -1 && (lf === -1 || crlf < lf)) {
      at = crlf;
      length = 4;
    } else if (lf !== -1) {
      at = lf;
      length = 2;
    } else return undefined;
    this.pending = text.slice(at + length);
    return text.slice(0, at);
  }

  clear(): void {
    this.pending = '';
  }
}

/** An event's data (its `data:` lines joined); undefined for a comment or an event without data. */
export function dataOf(event: string): string | undefined {
  let data: string | undefined;
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

export function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
