import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
  SharedV4FileData,
} from '@ai-sdk/provider';

/** Receives the pieces of a prompt a model reads, in order. */
export interface PromptTextVisitor {
  /** A message starts (system, user, assistant or tool). */
  message(): void;
  text(text: string): void;
  /** A JSON value the provider sends serialised: tool-call input, JSON tool results, schemas. */
  json(value: unknown): void;
  /** A file part, anywhere in the prompt (tool results included). */
  file(mediaType: string): void;
}

type Tools = LanguageModelV4CallOptions['tools'];

/**
 * Walks every piece of input text of a prompt once. The one place that decides what counts as
 * input, so the character count and the token estimate can never disagree on it.
 *
 * Reasoning parts are skipped: providers drop (Anthropic) or send encrypted (OpenAI) earlier
 * turns' reasoning, so counting it would over-estimate and could skip a target that fits.
 */
export function visitPromptText(prompt: LanguageModelV4Prompt, visitor: PromptTextVisitor): void {
  for (const message of prompt) {
    visitor.message();
    if (message.role === 'system') {
      visitor.text(message.content);
      continue;
    }
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
          visitor.text(part.text);
          break;
        case 'file':
          visitFile(part.mediaType, part.data, visitor);
          break;
        case 'tool-call':
          visitor.text(part.toolName);
          visitor.json(part.input);
          break;
        case 'tool-result':
          visitToolResult(part.output, visitor);
          break;
        case 'tool-approval-response':
          if (part.reason !== undefined) visitor.text(part.reason);
          break;
        default:
          // reasoning, reasoning-file, custom: see above.
          break;
      }
    }
  }
}

/** Tool definitions are input too: providers put names, descriptions and schemas in the prompt. */
export function visitToolText(tools: Tools, visitor: PromptTextVisitor): void {
  if (tools === undefined) return;
  for (const tool of tools) {
    visitor.text(tool.name);
    if (tool.type !== 'function') continue;
    if (tool.description !== undefined) visitor.text(tool.description);
    visitor.json(tool.inputSchema);
  }
}

function visitToolResult(output: LanguageModelV4ToolResultOutput, visitor: PromptTextVisitor) {
  switch (output.type) {
    case 'text':
    case 'error-text':
      visitor.text(output.value);
      break;
    case 'json':
    case 'error-json':
      visitor.json(output.value);
      break;
    case 'execution-denied':
      if (output.reason !== undefined) visitor.text(output.reason);
      break;
    case 'content':
      for (const item of output.value) {
        if (item.type === 'text') visitor.text(item.text);
        else if (item.type === 'file') visitFile(item.mediaType, item.data, visitor);
      }
      break;
  }
}

function visitFile(mediaType: string, data: SharedV4FileData, visitor: PromptTextVisitor) {
  visitor.file(mediaType);
  // An inline text document is read as text; bytes, URLs and references are not text input.
  if (data.type === 'text') visitor.text(data.text);
}
