import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { StreamBrokenError } from '@modelmux/core';

/**
 * Reads an upstream's SSE text and re-emits it for the client (a protocol's relay says how, in
 * `relay`): `push` takes the next piece of text ('' to go on with what is pending) and returns
 * what to send on, stopping after the first content event so that what follows it fails the
 * stream, not the opening; an upstream error event is thrown (the provider's error object, which
 * core classifies).
 */
export abstract class EventRelay {
  /** An event with content (text, a tool call, a refusal, reasoning) has been relayed. */
  content = false;
  /** The completion signal has arrived (`[DONE]`, `message_stop`). */
  done = false;
  private readonly events = new SseEvents();

  /** What `end` reports when the upstream ended without its completion signal. */
  protected abstract readonly missingEnd: string;

  push(text: string): string {
    this.events.add(text);
    let out = '';
    for (;;) {
      if (this.done) {
        this.events.clear();
        return out;
      }
      const event = this.events.next();
      if (event === undefined) return out;
      const opening = !this.content;
      out += this.relay(event);
      if (opening && this.content) return out;
    }
  }

  /** The upstream's body ended: anything but its completion signal before it is a broken stream. */
  end(): void {
    if (!this.done) throw new StreamBrokenError(this.missingEnd);
  }

  /** The answer's usage so far, for the router's cost. */
  abstract usage(): LanguageModelV4Usage | undefined;

  /** One upstream event, as the client gets it; sets `content` and `done`. */
  protected abstract relay(event: string): string;
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
