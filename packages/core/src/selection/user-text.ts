import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** The text parts of each user message, oldest first (files, images and tool parts left out). */
export function userMessages(prompt: LanguageModelV4Prompt): string[] {
  const messages: string[] = [];
  for (const message of prompt) {
    if (message.role !== 'user') continue;
    const parts: string[] = [];
    for (const part of message.content) {
      if (part.type === 'text') parts.push(part.text);
      else if (part.type === 'file' && part.data.type === 'text') parts.push(part.data.text);
    }
    messages.push(parts.join('\n'));
  }
  return messages;
}

/** What selection reads of a prompt's text, computed once and only when asked for. */
export interface PromptTextFacts {
  /** The last user message: what is being asked now. */
  lastUser(): string;
  /** Every user message, joined by blank lines. */
  allUser(): string;
}

export function promptTextFacts(prompt: LanguageModelV4Prompt): PromptTextFacts {
  let messages: string[] | undefined;
  const read = () => {
    messages ??= userMessages(prompt);
    return messages;
  };
  return {
    lastUser: () => read().at(-1) ?? '',
    allUser: () => read().join('\n\n'),
  };
}
