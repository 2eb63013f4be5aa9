import type { RequestSummary } from '../core/driver.js';

/** What the fake reads from a `POST /v1/messages` body. */
export interface MessagesInput extends RequestSummary {
  model: string;
  /** Text of the last user message that has text (tool results alone do not count). */
  lastUserText: string;
  /** System prompt and every message's text, for the input token estimate. */
  promptText: string;
  /** The request asks for JSON, natively (`output_config.format`) or through the `json` tool. */
  jsonMode: boolean;
  /**
   * The AI SDK's fallback for models without native structured output: a forced tool named
   * `json`, which the model answers by calling it with the object as input.
   */
  jsonTool: boolean;
}

type Block = { type?: unknown; text?: unknown; content?: unknown };

/**
 * Reads and checks a Messages API body. Throws with the real API's wording for the fields it
 * requires, so the server answers 400 invalid_request_error as Anthropic would.
 */
export function readMessagesInput(body: unknown): MessagesInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('The request body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string') throw new Error('model: Field required');
  if (typeof record.max_tokens !== 'number') throw new Error('max_tokens: Field required');
  if (!Array.isArray(record.messages)) throw new Error('messages: Field required');
  const messages = record.messages as { role?: unknown; content?: unknown }[];
  for (const [index, message] of messages.entries()) {
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      throw new Error(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
  }
  const texts = messages.map((message) => textOf(message.content));
  const lastUser = messages.findLastIndex(
    (message, index) => message.role === 'user' && (texts[index] ?? '') !== '',
  );
  return {
    model: record.model,
    stream: record.stream === true,
    lastUserText: lastUser >= 0 ? (texts[lastUser] ?? '') : '',
    promptText: [textOf(record.system), ...messages.map((message) => allTextOf(message.content))]
      .filter((text) => text !== '')
      .join('\n'),
    jsonMode: isJsonSchemaFormat(record) || isForcedJsonTool(record),
    jsonTool: isForcedJsonTool(record),
  };
}

/** The text blocks of a content (a string or an array of blocks), joined. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Block[])
    .filter((block) => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('');
}

/** Text blocks plus tool results and tool inputs: everything the model would read. */
function allTextOf(content: unknown): string {
  if (!Array.isArray(content)) return textOf(content);
  return (content as (Block & { input?: unknown })[])
    .map((block) => {
      if (block?.type === 'text') return textOf([block]);
      if (block?.type === 'tool_result') return textOf(block.content);
      if (block?.type === 'tool_use') return JSON.stringify(block.input ?? {});
      return '';
    })
    .join('');
}

function isJsonSchemaFormat(record: Record<string, unknown>): boolean {
  const config = record.output_config as { format?: { type?: unknown } } | undefined;
  // `output_format` is the beta spelling (structured-outputs-2025-11-13) some clients still send.
  const legacy = record.output_format as { type?: unknown } | undefined;
  return config?.format?.type === 'json_schema' || legacy?.type === 'json_schema';
}

function isForcedJsonTool(record: Record<string, unknown>): boolean {
  const tools = Array.isArray(record.tools) ? (record.tools as { name?: unknown }[]) : [];
  const choice = record.tool_choice as { type?: unknown; name?: unknown } | undefined;
  const forced = choice?.type === 'any' || (choice?.type === 'tool' && choice.name === 'json');
  return forced && tools.some((tool) => tool?.name === 'json');
}
