import type { Reply } from './reply.js';

/** A reply turned into the concrete answer a driver renders in its own wire format. */
export interface Answer {
  text: string;
  /** The text split into content chunks (empty when the answer is only tool calls). */
  textChunks: string[];
  toolCalls: { id: string; name: string; arguments: string; argumentChunks: string[] }[];
  finish: 'stop' | 'tool-calls';
  usage: { inputTokens: number; outputTokens: number };
}

const defaultMaxChunks = 8;

/** About 4 characters a token: close to real tokenizers on English, and deterministic. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function planAnswer(
  reply: Reply,
  request: { lastUserText: string; promptText: string; jsonMode: boolean },
): Answer {
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => {
    const args = JSON.stringify(call.input ?? {});
    return {
      id: call.id ?? `call_${index + 1}`,
      name: call.name,
      arguments: args,
      argumentChunks: splitIntoChunks(args, 2),
    };
  });
  const text =
    reply.text ??
    (toolCalls.length > 0
      ? ''
      : request.jsonMode
        ? JSON.stringify({ echo: request.lastUserText })
        : `echo: ${request.lastUserText}`);
  const textChunks = text === '' ? [] : splitIntoChunks(text, reply.chunks);
  const outputText = text + toolCalls.map((call) => call.name + call.arguments).join('');
  return {
    text,
    textChunks,
    toolCalls,
    finish: toolCalls.length > 0 ? 'tool-calls' : 'stop',
    usage: {
      inputTokens: reply.usage?.inputTokens ?? estimateTokens(request.promptText),
      outputTokens: reply.usage?.outputTokens ?? estimateTokens(outputText),
    },
  };
}

/**
 * Splits text into `count` pieces on word boundaries when it has enough words, otherwise on
 * characters. Without a count: one piece per word, grouped into at most 8 pieces.
 */
export function splitIntoChunks(text: string, count?: number): string[] {
  if (text === '') return [];
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const target = count ?? Math.min(words.length, defaultMaxChunks);
  if (words.length >= target) return distribute(words, target);
  const characters = [...text];
  return distribute(characters, Math.min(target, characters.length));
}

function distribute(parts: string[], count: number): string[] {
  const pieces: string[] = [];
  const base = Math.floor(parts.length / count);
  let extra = parts.length % count;
  let index = 0;
  for (let piece = 0; piece < count; piece += 1) {
    const size = base + (extra > 0 ? 1 : 0);
    if (extra > 0) extra -= 1;
    pieces.push(parts.slice(index, index + size).join(''));
    index += size;
  }
  return pieces;
}
