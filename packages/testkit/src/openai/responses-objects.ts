import { randomBytes } from 'node:crypto';
import type { Answer } from '../core/answer.js';

/**
 * The objects of the Responses API (`object: 'response'`, its output items and usage), shaped
 * as api.openai.com returns them, so both `@ai-sdk/openai` and `openai` parse them as real.
 */

export interface MessageItem {
  id: string;
  type: 'message';
  status: 'in_progress' | 'completed';
  role: 'assistant';
  content: OutputText[];
}

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}

export interface FunctionCallItem {
  id: string;
  type: 'function_call';
  status: 'in_progress' | 'completed';
  arguments: string;
  call_id: string;
  name: string;
}

export type OutputItem = MessageItem | FunctionCallItem;

/** OpenAI ids are a prefix and 48 hex digits (`resp_67cc...`, `msg_...`, `fc_...`). */
export function openAIId(prefix: 'resp' | 'msg' | 'fc'): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}

export function outputText(text: string): OutputText {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

/**
 * The completed output items of an answer: a message when there is text (or nothing else to
 * say), then one `function_call` item per tool call, in the order the real API uses.
 */
export function completedOutput(answer: Answer): OutputItem[] {
  const items: OutputItem[] = [];
  if (answer.text !== '' || answer.toolCalls.length === 0) {
    items.push({
      id: openAIId('msg'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [outputText(answer.text)],
    });
  }
  for (const call of answer.toolCalls) {
    items.push({
      id: openAIId('fc'),
      type: 'function_call',
      status: 'completed',
      arguments: call.arguments,
      call_id: call.id,
      name: call.name,
    });
  }
  return items;
}

export function responsesUsage(answer: Answer) {
  const { inputTokens, outputTokens } = answer.usage;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

/**
 * A `response` object. While streaming it is sent `in_progress` with no output and null usage
 * (response.created / in_progress), then `completed` with everything (response.completed).
 */
export function responseObject({
  id,
  createdAt,
  body,
  status,
  output,
  usage,
}: {
  id: string;
  createdAt: number;
  body: Record<string, unknown>;
  status: 'in_progress' | 'completed';
  output: OutputItem[];
  usage: ReturnType<typeof responsesUsage> | null;
}) {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    // The fake answers at once, so a completed response completes in the second it was created.
    completed_at: status === 'completed' ? createdAt : null,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: body.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}
