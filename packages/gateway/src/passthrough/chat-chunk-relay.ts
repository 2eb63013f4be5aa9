import { StreamBrokenError } from '@modelmux/core';
import { doneEvent } from '../openai/chat-stream.js';
import type { UpstreamUsage } from './openai-usage.js';

/** A chunk of an upstream chat completion stream, as far as the relay reads it. */
interface UpstreamChunk {
  id?: unknown;
  model?: unknown;
  error?: unknown;
  usage?: UpstreamUsage | null;
  choices?: { delta?: Record<string, unknown> }[];
}

/**
 * Reads an upstream's `chat.completion.chunk` SSE text and re-emits it for the client: the
 * completion's `id` and `model` are the gateway's (as on the translated path), and the usage the
 * gateway asked for on the client's behalf is taken out when the client did not ask for it. It
 * notes the usage, whether content has started and whether `[DONE]` has arrived; an upstream
 * error event is thrown (as the provider's error object, which core classifies).
 */
export class ChatChunkRelay {
  /** The upstream's usage chunk, once it has arrived. */
  usage: UpstreamUsage | undefined;
  /** A chunk with content (text, a tool call, a refusal, reasoning) has been relayed. */
  content = false;
  /** `data: [DONE]` has arrived. */
  done = false;
  private pending = '';

  constructor(
    private readonly id: string,
    private readonly model: string,
    private readonly includeUsage: boolean,
  ) {}

  /**
   * Takes the next piece of upstream text (or '' to go on with what is pending); returns the SSE
   * text to send on ('' for none yet). It stops after the first content chunk, so that what
   * follows it in the same piece (a malformed chunk, say) fails the stream, not the opening.
   */
  push(text: string): string {
    this.pending += text;
    let out = '';
    for (;;) {
      if (this.done) {
        this.pending = '';
        return out;
      }
      const end = eventEnd(this.pending);
      if (end === undefined) return out;
      const event = this.pending.slice(0, end.at);
      this.pending = this.pending.slice(end.at + end.length);
      const opening = !this.content;
      out += this.relay(event);
      if (opening && this.content) return out;
    }
  }

  /** The upstream's body ended: anything but a `[DONE]` before it is a broken stream. */
  end(): void {
    if (!this.done)
      throw new StreamBrokenError('The upstream stream ended without its completion signal.');
  }

  private relay(event: string): string {
    const data = dataOf(event);
    if (data === undefined) return '';
    if (data === '[DONE]') {
      this.done = true;
      return doneEvent;
    }
    const chunk = JSON.parse(data) as UpstreamChunk;
    if (chunk.error !== undefined && chunk.error !== null) throw chunk;
    if (chunk.usage) this.usage = chunk.usage;
    if (!this.includeUsage) {
      if (chunk.usage && chunk.choices?.length === 0) return '';
      delete chunk.usage;
    }
    if (!this.content && hasContent(chunk)) this.content = true;
    chunk.id = this.id;
    chunk.model = this.model;
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
}

/** Where the first complete event of `text` ends (at the blank line), and the separator's length. */
function eventEnd(text: string): { at: number; length: number } | undefined {
  const lf = text.indexOf('\n\n');
  const crlf = text.indexOf('\r\n\r\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf !== -1) return { at: lf, length: 2 };
  return undefined;
}

/** An event's data (its `data:` lines joined); undefined for a comment or an event without data. */
function dataOf(event: string): string | undefined {
  let data: string | undefined;
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

function hasContent(chunk: UpstreamChunk): boolean {
  const delta = chunk.choices?.[0]?.delta;
  if (delta === undefined || delta === null) return false;
  return (
    nonEmpty(delta.content) ||
    nonEmpty(delta.refusal) ||
    nonEmpty(delta.reasoning_content) ||
    nonEmpty(delta.reasoning) ||
    (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0)
  );
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
