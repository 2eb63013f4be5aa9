/** What the answer planner needs from a Chat Completions `messages` array. */
export interface ChatPromptText {
  /** Text of the last `user` message ('' when there is none). */
  lastUserText: string;
  /** Every message's text, system and tool results included, one message a line. */
  promptText: string;
}

/**
 * A message's `content` is a string, null (assistant turns that only call tools) or an array
 * of parts; only `text` parts (and `refusal` parts of assistant turns) carry text.
 */
export function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      if (typeof part !== 'object' || part === null) return '';
      const record = part as { type?: unknown; text?: unknown; refusal?: unknown };
      if (record.type === 'text' && typeof record.text === 'string') return record.text;
      if (record.type === 'refusal' && typeof record.refusal === 'string') return record.refusal;
      return '';
    })
    .join('');
}

export function chatPromptText(messages: readonly unknown[]): ChatPromptText {
  let lastUserText = '';
  const lines: string[] = [];
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    const text = textOfContent(content);
    if (role === 'user') lastUserText = text;
    if (text !== '') lines.push(text);
  }
  return { lastUserText, promptText: lines.join('\n') };
}
