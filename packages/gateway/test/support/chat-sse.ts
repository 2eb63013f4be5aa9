import { createParser } from 'eventsource-parser';

interface ChunkToolCall {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

interface Chunk {
  object?: string;
  choices?: {
    index: number;
    delta: { role?: string; content?: string; tool_calls?: ChunkToolCall[] };
    finish_reason: string | null;
  }[];
  usage?: Record<string, unknown> | null;
  error?: { message: string; type: string; code: string | null; param: string | null };
}

/** A chat completion stream as a client reassembles it. */
export interface AssembledStream {
  /** Every `data:` payload, in order ('[DONE]' as text). */
  data: string[];
  role: string | undefined;
  content: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: string | null;
  usage: Record<string, unknown> | null | undefined;
  error: Chunk['error'];
  done: boolean;
}

/** Parses SSE text with eventsource-parser (as clients do) and reassembles the answer. */
export async function assembleChatStream(events: AsyncIterable<string>): Promise<AssembledStream> {
  const data: string[] = [];
  const parser = createParser({ onEvent: (event) => data.push(event.data) });
  for await (const text of events) parser.feed(text);
  const assembled: AssembledStream = {
    data,
    role: undefined,
    content: '',
    toolCalls: [],
    finishReason: null,
    usage: undefined,
    error: undefined,
    done: false,
  };
  for (const payload of data) {
    if (payload === '[DONE]') {
      assembled.done = true;
      continue;
    }
    const chunk = JSON.parse(payload) as Chunk;
    if (chunk.error) assembled.error = chunk.error;
    if (chunk.usage) assembled.usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      assembled.role ??= choice.delta.role;
      assembled.content += choice.delta.content ?? '';
      for (const call of choice.delta.tool_calls ?? []) {
        let entry = assembled.toolCalls[call.index];
        if (!entry) {
          entry = { id: '', name: '', arguments: '' };
          assembled.toolCalls[call.index] = entry;
        }
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason) assembled.finishReason = choice.finish_reason;
    }
  }
  return assembled;
}
