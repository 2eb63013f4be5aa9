import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { EventRelay } from './event-relay.js';
import type { StreamSource } from './stream-source.js';
import { ResponseText } from './stream-source.js';
import type { Upstream } from './upstream.js';
import { postUpstream, readText } from './upstream-request.js';

/**
 * A non-stream attempt relayed as it is: the upstream's answer, with what `rewrite` changes in
 * it (the gateway's `id` and `model`); `rewrite` returns the usage for the router's cost.
 */
export async function relayGenerate(
  upstream: Upstream,
  body: string,
  signal: AbortSignal,
  rewrite: (answer: Record<string, unknown>) => LanguageModelV4Usage | undefined,
): Promise<{ value: string; usage: LanguageModelV4Usage | undefined }> {
  const response = await postUpstream(upstream, body, signal);
  const answer = JSON.parse(await readText(response)) as Record<string, unknown>;
  const usage = rewrite(answer);
  return { value: JSON.stringify(answer), usage };
}

/**
 * A stream attempt relayed as it is: resolves once the upstream's first content event (or its
 * completion signal, for an answer without content) has arrived, with what came before it
 * buffered. Until then, anything that goes wrong rejects and the router fails over.
 */
export async function relayStream(
  upstream: Upstream,
  body: string,
  signal: AbortSignal,
  relay: EventRelay,
): Promise<StreamSource> {
  const response = await postUpstream(upstream, body, signal);
  const text = new ResponseText(response);
  let opening = '';
  try {
    while (!relay.content && !relay.done) {
      const piece = await text.read();
      if (piece === undefined) relay.end();
      else opening += relay.push(piece);
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
    usage: () => relay.usage(),
    close: () => text.close(relay.done),
  };
}
