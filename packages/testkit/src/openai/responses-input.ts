import type { RequestSummary } from '../core/driver.js';

/** What the answer planner needs from a `POST /v1/responses` body. */
export interface ResponsesPrompt {
  lastUserText: string;
  /** `instructions` plus every input item's text, for the input-token estimate. */
  promptText: string;
  /** `text.format` asks for JSON (`json_schema` or `json_object`). */
  jsonMode: boolean;
}

/**
 * Checks the parts of a Responses request the fake relies on. The messages follow the real
 * API's 400s ("Missing required parameter: 'model'.") so a client bug reads the same here.
 */
export function summarizeResponsesRequest(body: unknown): RequestSummary {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('The request body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') {
    throw new Error("Missing required parameter: 'model'.");
  }
  const input = record.input;
  if (input !== undefined && typeof input !== 'string' && !Array.isArray(input)) {
    throw new Error("Invalid type for 'input': expected a string or an array of input items.");
  }
  return { model: record.model, stream: record.stream === true };
}

/**
 * `input` is a string (one user message) or a list of items: messages whose `content` is a
 * string or parts (`input_text`, `output_text`, ...), plus `function_call` and
 * `function_call_output` items when a tool loop continues.
 */
export function readResponsesPrompt(body: unknown): ResponsesPrompt {
  const record = body as Record<string, unknown>;
  const instructions = typeof record.instructions === 'string' ? record.instructions : '';
  const input = record.input;
  const items: unknown[] =
    typeof input === 'string'
      ? [{ role: 'user', content: input }]
      : Array.isArray(input)
        ? input
        : [];
  let lastUserText = '';
  const texts: string[] = instructions === '' ? [] : [instructions];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const text = itemText(item as Record<string, unknown>);
    if (text !== '') texts.push(text);
    if ((item as { role?: unknown }).role === 'user') lastUserText = text;
  }
  return { lastUserText, promptText: texts.join('\n'), jsonMode: isJsonFormat(record.text) };
}

function itemText(item: Record<string, unknown>): string {
  if (item.type === 'function_call_output') {
    return typeof item.output === 'string' ? item.output : contentText(item.output);
  }
  if (item.type === 'function_call') {
    return `${String(item.name ?? '')}${String(item.arguments ?? '')}`;
  }
  return contentText(item.content);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const text = (part as { text?: unknown } | null)?.text;
      return typeof text === 'string' ? text : '';
    })
    .filter((text) => text !== '')
    .join('\n');
}

function isJsonFormat(text: unknown): boolean {
  const type = (text as { format?: { type?: unknown } } | null | undefined)?.format?.type;
  return type === 'json_schema' || type === 'json_object';
}
