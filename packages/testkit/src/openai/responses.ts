import { type Answer, planAnswer } from '../core/answer.js';
import type { Endpoint } from '../core/driver.js';
import type { Exchange } from '../core/exchange.js';
import { openAIRequestId } from './openai-errors.js';
import { readResponsesPrompt, summarizeResponsesRequest } from './responses-input.js';
import {
  completedOutput,
  type FunctionCallItem,
  type MessageItem,
  openAIId,
  outputText,
  responseObject,
  responsesUsage,
} from './responses-objects.js';

/**
 * `POST /v1/responses`, the Responses API that `@ai-sdk/openai`'s default `openai(id)` calls.
 * Non-stream: one `response` object. Stream: typed SSE events (each with an `event:` line and a
 * `sequence_number`, as api.openai.com sends them), ending with `response.completed` and no
 * `[DONE]`: the Responses API has none.
 */
export const responsesEndpoint: Endpoint = {
  summarize: (body) => summarizeResponsesRequest(body),
  async respond(exchange) {
    const answer = planAnswer(exchange.reply, readResponsesPrompt(exchange.body));
    const body = exchange.body as Record<string, unknown>;
    const headers = { 'x-request-id': openAIRequestId() };
    const started = { id: openAIId('resp'), createdAt: Math.floor(Date.now() / 1000), body };
    if (exchange.entry.stream) {
      await streamResponse(exchange, answer, started, headers);
      return;
    }
    const output = completedOutput(answer);
    await exchange.json(
      200,
      responseObject({ ...started, status: 'completed', output, usage: responsesUsage(answer) }),
      headers,
    );
  },
};

type Started = { id: string; createdAt: number; body: Record<string, unknown> };

async function streamResponse(
  exchange: Exchange,
  answer: Answer,
  started: Started,
  headers: Record<string, string>,
): Promise<void> {
  await exchange.startStream(headers);
  let sequence = 0;
  const frame = (type: string, fields: Record<string, unknown>) => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  const send = (type: string, fields: Record<string, unknown>) =>
    exchange.event(frame(type, fields));
  // Text and tool-argument deltas are the content chunks the exchange counts and faults.
  const sendContent = (type: string, fields: Record<string, unknown>) =>
    exchange.content(frame(type, fields));

  const inProgress = responseObject({ ...started, status: 'in_progress', output: [], usage: null });
  send('response.created', { response: inProgress });
  send('response.in_progress', { response: inProgress });

  const output = completedOutput(answer);
  // Tool calls follow the optional message item, in the answer's order.
  const firstCall = output.length - answer.toolCalls.length;
  for (const [outputIndex, item] of output.entries()) {
    if (item.type === 'message') {
      await streamMessage(item, outputIndex, answer.textChunks, send, sendContent);
    } else {
      const chunks = answer.toolCalls[outputIndex - firstCall]?.argumentChunks ?? [item.arguments];
      await streamFunctionCall(item, outputIndex, chunks, send, sendContent);
    }
  }

  const completed = responseObject({
    ...started,
    status: 'completed',
    output,
    usage: responsesUsage(answer),
  });
  exchange.finish([frame('response.completed', { response: completed })]);
}

type Send = (type: string, fields: Record<string, unknown>) => void;
type SendContent = (type: string, fields: Record<string, unknown>) => Promise<void>;

async function streamMessage(
  item: MessageItem,
  outputIndex: number,
  chunks: readonly string[],
  send: Send,
  sendContent: SendContent,
): Promise<void> {
  const text = item.content[0]?.text ?? '';
  const at = { item_id: item.id, output_index: outputIndex, content_index: 0 };
  send('response.output_item.added', {
    output_index: outputIndex,
    item: { ...item, status: 'in_progress', content: [] },
  });
  send('response.content_part.added', { ...at, part: outputText('') });
  for (const delta of chunks) {
    await sendContent('response.output_text.delta', { ...at, delta, logprobs: [] });
  }
  send('response.output_text.done', { ...at, text, logprobs: [] });
  send('response.content_part.done', { ...at, part: outputText(text) });
  send('response.output_item.done', { output_index: outputIndex, item });
}

async function streamFunctionCall(
  item: FunctionCallItem,
  outputIndex: number,
  chunks: readonly string[],
  send: Send,
  sendContent: SendContent,
): Promise<void> {
  const at = { item_id: item.id, output_index: outputIndex };
  send('response.output_item.added', {
    output_index: outputIndex,
    item: { ...item, status: 'in_progress', arguments: '' },
  });
  for (const delta of chunks) {
    await sendContent('response.function_call_arguments.delta', { ...at, delta });
  }
  send('response.function_call_arguments.done', { ...at, arguments: item.arguments });
  send('response.output_item.done', { output_index: outputIndex, item });
}
