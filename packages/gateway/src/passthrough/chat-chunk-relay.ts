import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { doneEvent } from '../openai/chat-stream.js';
import { dataOf, EventRelay, nonEmpty } from './event-relay.js';
import { type UpstreamUsage, usageFromOpenAI } from './openai-usage.js';

/** A chunk of an upstream chat completion stream, as far as the relay reads it. */
interface UpstreamChunk {
  id?: unknown;
  model?: unknown;
  error?: unknown;
  usage?: UpstreamUsage | null;
  choices?: { delta?: Record<string, unknown> }[];
}

/**
 * OpenAI's `chat.completion.chunk` events, re-emitted with the gateway's `id` and `model` (as on
 * the translated path); the usage the gateway asked for on the client's behalf is taken out when
 * the client did not ask for it.
 */
export class ChatChunkRelay extends EventRelay {
  protected readonly missingEnd = 'The upstream stream ended without its completion signal.';
  private upstreamUsage: UpstreamUsage | undefined;

  constructor(
    private readonly id: string,
    private readonly model: string,
    private readonly includeUsage: boolean,
  ) {
    super();
  }

  usage(): LanguageModelV4Usage | undefined {
    return usageFromOpenAI(this.upstreamUsage);
  }

  protected relay(event: string): string {
    const data = dataOf(event);
    if (data === undefined) return '';
    if (data === '[DONE]') {
      this.done = true;
      return doneEvent;
    }
    const chunk = JSON.parse(data) as UpstreamChunk;
    if (chunk.error !== undefined && chunk.error !== null) throw chunk;
    if (chunk.usage) this.upstreamUsage = chunk.usage;
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
