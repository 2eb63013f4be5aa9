import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText, type TextStreamPart, type ToolSet } from 'ai';
import type { DecisionTrace } from '../../src/trace/decision-trace.js';

export type CallMode = 'generate' | 'stream';

export interface RoutedAnswer {
  text: string;
  trace: DecisionTrace;
}

/** The trace a routed call returns as `providerMetadata.modelmux`. */
export function traceOf(metadata: Record<string, unknown> | undefined): DecisionTrace {
  const trace = metadata?.modelmux as DecisionTrace | undefined;
  if (!trace) throw new Error('no providerMetadata.modelmux on the result');
  return trace;
}

/**
 * One call through the AI SDK, as an app makes it: `generateText`, or `streamText` read to
 * the end. A stream's error parts are collected, never swallowed: a stream that reports one
 * rejects, so a fail-over test cannot pass on a stream that broke visibly.
 */
export async function callRoute(
  mode: CallMode,
  model: LanguageModelV4,
  prompt = 'hi',
): Promise<RoutedAnswer> {
  if (mode === 'generate') {
    const result = await generateText({ model, prompt });
    return { text: result.text, trace: traceOf(result.providerMetadata) };
  }
  const { parts, errors } = await readStream(model, prompt);
  if (errors.length > 0) throw errors[0];
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  const finish = parts.find((part) => part.type === 'finish-step');
  return { text, trace: traceOf(finish?.providerMetadata) };
}

/** Reads `streamText`'s full stream to its end; error parts are returned, not thrown. */
export async function readStream(
  model: LanguageModelV4,
  prompt = 'hi',
  options: { abortSignal?: AbortSignal } = {},
): Promise<{ parts: TextStreamPart<ToolSet>[]; errors: unknown[] }> {
  const errors: unknown[] = [];
  const result = streamText({
    model,
    prompt,
    abortSignal: options.abortSignal,
    onError: ({ error }) => {
      errors.push(error);
    },
  });
  const parts: TextStreamPart<ToolSet>[] = [];
  for await (const part of result.fullStream) parts.push(part);
  return { parts, errors };
}
