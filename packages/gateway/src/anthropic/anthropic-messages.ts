import type {
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
  LanguageModelV4ToolResultOutput,
  LanguageModelV4ToolResultPart,
} from '@ai-sdk/provider';
import {
  arrayAt,
  invalidType,
  invalidValue,
  type JsonObject,
  missingParameter,
  objectAt,
  optionalBoolean,
  requiredString,
  unsupportedParameter,
} from '../openai/request-fields.js';
import {
  cacheControlOption,
  documentBlock,
  imageBlock,
  textBlock,
  withCacheControl,
} from './anthropic-blocks.js';

type AssistantPart = Extract<LanguageModelV4Message, { role: 'assistant' }>['content'][number];
type UserPart = LanguageModelV4TextPart | LanguageModelV4FilePart;

/** Anthropic's `system` (a string or text blocks) as V4 system messages, one a block. */
export function systemMessages(value: unknown): LanguageModelV4Message[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ role: 'system', content: value }];
  const blocks = arrayAt(value, 'system');
  return blocks.map((entry, index) => {
    const param = `system[${index}]`;
    const block = objectAt(entry, param);
    const type = requiredString(block, 'type', `${param}.type`);
    if (type !== 'text')
      throw invalidValue(`${param}.type`, `'${type}' is not allowed; expected 'text'.`);
    const message: LanguageModelV4Message = {
      role: 'system',
      content: requiredString(block, 'text', `${param}.text`),
    };
    const providerOptions = cacheControlOption(block);
    if (providerOptions) message.providerOptions = providerOptions;
    return message;
  });
}

/**
 * Anthropic's `messages` as a V4 prompt. A user turn's `tool_result` blocks become a V4 tool
 * message ahead of the rest of the turn (their tool name comes from the `tool_use` they answer);
 * thinking blocks keep their signature for Anthropic targets.
 */
export function anthropicPrompt(value: unknown): LanguageModelV4Prompt {
  if (value === undefined || value === null) throw missingParameter('messages');
  const messages = arrayAt(value, 'messages');
  if (messages.length === 0) throw invalidValue('messages', 'expected at least one message.');
  const prompt: LanguageModelV4Prompt = [];
  const toolNames = new Map<string, string>();
  for (let index = 0; index < messages.length; index += 1) {
    const param = `messages[${index}]`;
    const message = objectAt(messages[index], param);
    const role = requiredString(message, 'role', `${param}.role`);
    const blocks = contentBlocks(message.content, `${param}.content`);
    if (role === 'user') {
      const results: LanguageModelV4ToolResultPart[] = [];
      const content: UserPart[] = [];
      blocks.forEach((block, blockIndex) => {
        const blockParam = `${param}.content[${blockIndex}]`;
        const type = requiredString(block, 'type', `${blockParam}.type`);
        if (type === 'tool_result') results.push(toolResult(block, blockParam, toolNames));
        else if (type === 'text') content.push(textBlock(block, blockParam));
        else if (type === 'image') content.push(imageBlock(block, blockParam));
        else if (type === 'document') content.push(documentBlock(block, blockParam));
        else throw blockTypeError(type, `${blockParam}.type`, 'text, image, document, tool_result');
      });
      if (results.length > 0) {
        const last = prompt[prompt.length - 1];
        if (last?.role === 'tool') last.content.push(...results);
        else prompt.push({ role: 'tool', content: results });
      }
      if (content.length > 0 || results.length === 0) prompt.push({ role: 'user', content });
    } else if (role === 'assistant') {
      const content = blocks.map((block, blockIndex) =>
        assistantPart(block, `${param}.content[${blockIndex}]`, toolNames),
      );
      prompt.push({ role: 'assistant', content });
    } else {
      throw invalidValue(`${param}.role`, `'${role}' is not one of user, assistant.`);
    }
  }
  return prompt;
}

/** A string is one text block. */
function contentBlocks(content: unknown, param: string): JsonObject[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array of blocks', content);
  return content.map((block, index) => objectAt(block, `${param}[${index}]`));
}

function assistantPart(
  block: JsonObject,
  param: string,
  toolNames: Map<string, string>,
): AssistantPart {
  const type = requiredString(block, 'type', `${param}.type`);
  if (type === 'text') return textBlock(block, param);
  if (type === 'tool_use') {
    const toolCallId = requiredString(block, 'id', `${param}.id`);
    const toolName = requiredString(block, 'name', `${param}.name`);
    toolNames.set(toolCallId, toolName);
    return withCacheControl<AssistantPart>(
      { type: 'tool-call', toolCallId, toolName, input: block.input ?? {} },
      block,
    );
  }
  if (type === 'thinking') {
    const text = requiredString(block, 'thinking', `${param}.thinking`);
    const signature = requiredString(block, 'signature', `${param}.signature`);
    return { type: 'reasoning', text, providerOptions: { anthropic: { signature } } };
  }
  if (type === 'redacted_thinking') {
    const redactedData = requiredString(block, 'data', `${param}.data`);
    return { type: 'reasoning', text: '', providerOptions: { anthropic: { redactedData } } };
  }
  throw blockTypeError(type, `${param}.type`, 'text, tool_use, thinking, redacted_thinking');
}

function toolResult(
  block: JsonObject,
  param: string,
  toolNames: Map<string, string>,
): LanguageModelV4ToolResultPart {
  const toolCallId = requiredString(block, 'tool_use_id', `${param}.tool_use_id`);
  const toolName = toolNames.get(toolCallId);
  if (toolName === undefined)
    throw invalidValue(
      `${param}.tool_use_id`,
      `'${toolCallId}' does not answer a tool_use block of an earlier assistant message.`,
    );
  const isError = optionalBoolean(block, 'is_error', `${param}.is_error`) ?? false;
  const output = toolOutput(block.content, `${param}.content`, isError);
  return withCacheControl<LanguageModelV4ToolResultPart>(
    { type: 'tool-result', toolCallId, toolName, output },
    block,
  );
}

function toolOutput(
  content: unknown,
  param: string,
  isError: boolean,
): LanguageModelV4ToolResultOutput {
  if (content === undefined || content === null || typeof content === 'string') {
    const value = (content as string | null | undefined) ?? '';
    return { type: isError ? 'error-text' : 'text', value };
  }
  const blocks = contentBlocks(content, param);
  const parts = blocks.map((block, index) => {
    const blockParam = `${param}[${index}]`;
    const type = requiredString(block, 'type', `${blockParam}.type`);
    if (type === 'text') return textBlock(block, blockParam);
    if (type === 'image') return imageBlock(block, blockParam);
    throw blockTypeError(type, `${blockParam}.type`, 'text, image');
  });
  if (parts.every((part) => part.type === 'text')) {
    const value = parts.map((part) => (part as LanguageModelV4TextPart).text).join('');
    return { type: isError ? 'error-text' : 'text', value };
  }
  return {
    type: 'content',
    value: parts.map((part) =>
      part.type === 'text'
        ? { type: 'text', text: part.text }
        : { type: 'file', data: part.data, mediaType: part.mediaType },
    ),
  };
}

function blockTypeError(type: string, param: string, allowed: string) {
  return type.startsWith('server_tool') || type.endsWith('_tool_result') || type === 'mcp_tool_use'
    ? unsupportedParameter(
        param,
        `'${type}' blocks are not supported: server tools are not routed.`,
      )
    : invalidValue(param, `'${type}' is not allowed here; expected one of ${allowed}.`);
}
