import type { ChatCompletionIdentity } from '../openai/chat-response.js';
import { ChatChunkRelay } from './chat-chunk-relay.js';
import type { ChatStreamSource } from './chat-stream-source.js';
import { ResponseText } from './chat-stream-source.js';
import type { OpenAIUpstream } from './openai-upstream.js';
import { usageFromOpenAI } from './openai-usage.js';
import { postUpstream, readText } from './upstream-request.js';

/**
 * A non-stream attempt relayed as it is: the upstream's `chat.completion` with the gateway's
 * `id` and `model`, and its usage for the router's cost.
 */
export async function relayGenerate(
  upstream: OpenAIUpstream,
  body: string,
  signal: AbortSignal,
  { id, model }: ChatCompletionIdentity,
): Promise<{ value: string; usage: ReturnType<typeof usageFromOpenAI> }> {
  const response = await postUpstream(upstream, body, signal);
  const completion = JSON.parse(await readText(response)) as Record<string, unknown>;
  completion.id = id;
  completion.model = model;
  return {
    value: JSON.stringify(completion),
    usage: usageFromOpenAI(completion.usage as Parameters<typeof usageFromOpenAI>[0]),
  };
}

/**
 * A stream attempt relayed as it is: resolves once the upstream's first content chunk (or its
 * `[DONE]`, for an answer without content) has arrived, with what came before it buffered.
 * Until then, anything that goes wrong rejects and the router fails over.
 */
export async function relayStream(
  upstream: OpenAIUpstream,
  body: string,
  signal: AbortSignal,
  { id, model }: ChatCompletionIdentity,
  includeUsage: boolean,
): Promise<ChatStreamSource> {
  const response = await postUpstream(upstream, body, signal);
  const text = new ResponseText(response);
  const relay = new ChatChunkRelay(id, model, includeUsage);
  let opening = '';
  try {
    while (!relay.content && !relay.done) {
      const piece = await text.read();
      if (piece === undefined) relay.end();
      else opening += relay.push(piece as string);
    }
  } catch (error) {
    text.close(false);
    throw error;
  }
  let first: string | undefined = opening;
  return {
    async next() {
      if (first !== undefined) {
        const out = first;
        first = undefined;
        return { text: out, done: relay.done };
      }
      let out = relay.push('');
      while (out === '' && !relay.done) {
        const piece = await text.read();
        if (piece === undefined) relay.end();
        else out = relay.push(piece);
      }
      return { text: out, done: relay.done };
    },
    usage: () => usageFromOpenAI(relay.usage),
    close: () => text.close(relay.done),
  };
}
