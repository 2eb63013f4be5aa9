import type {
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
  LanguageModelV4ToolCallPart,
  LanguageModelV4ToolResultPart,
  SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import {
  arrayAt,
  invalidType,
  invalidValue,
  type JsonObject,
  missingParameter,
  objectAt,
  optionalString,
  requiredString,
  unsupportedParameter,
} from './request-fields.js';
import { userContent } from './user-content.js';

/**
 * OpenAI's `messages` as a V4 prompt. `developer` is a system message; a tool message's tool name
 * comes from the assistant tool call it answers; consecutive tool messages form one V4 tool
 * message, as the AI SDK builds them.
 */
export function chatPrompt(value: unknown): LanguageModelV4Prompt {
  if (value === undefined || value === null) throw missingParameter('messages');
  const messages = arrayAt(value, 'messages');
  if (messages.length === 0) throw invalidValue('messages', 'expected at least one message.');
  const prompt: LanguageModelV4Prompt = [];
  const toolNames = new Map<string, string>();
  for (let index = 0; index < messages.length; index += 1) {
    const param = `messages[${index}]`;
    const message = objectAt(messages[index], param);
    const role = requiredString(message, 'role', `${param}.role`);
    const providerOptions = nameOption(message, param);
    if (role === 'system' || role === 'developer') {
      // One V4 system message per text part: providers keep them as separate blocks.
      for (const text of textsOf(message.content, `${param}.content`))
        prompt.push(withOptions({ role: 'system', content: text }, providerOptions));
    } else if (role === 'user') {
      const content = userContent(message.content, `${param}.content`);
      prompt.push(withOptions({ role: 'user', content }, providerOptions));
    } else if (role === 'assistant') {
      prompt.push(withOptions(assistantMessage(message, param, toolNames), providerOptions));
    } else if (role === 'tool') {
      const part = toolResult(message, param, toolNames);
      const last = prompt[prompt.length - 1];
      if (last?.role === 'tool') last.content.push(part);
      else prompt.push({ role: 'tool', content: [part] });
    } else if (role === 'function') {
      throw unsupportedParameter(
        `${param}.role`,
        "The legacy 'function' role is not supported; use tool_calls and 'tool' messages.",
      );
    } else {
      throw invalidValue(
        `${param}.role`,
        `'${role}' is not one of system, developer, user, assistant, tool.`,
      );
    }
  }
  return prompt;
}

function assistantMessage(
  message: JsonObject,
  param: string,
  toolNames: Map<string, string>,
): LanguageModelV4Message {
  if (message.audio !== undefined && message.audio !== null)
    throw unsupportedParameter(`${param}.audio`, 'Audio in assistant messages is not supported.');
  if (message.function_call !== undefined && message.function_call !== null)
    throw unsupportedParameter(
      `${param}.function_call`,
      'The legacy function_call is not supported; use tool_calls.',
    );
  const content: Array<LanguageModelV4TextPart | LanguageModelV4ToolCallPart> = [];
  const hasText = message.content !== undefined && message.content !== null;
  if (hasText)
    for (const text of textsOf(message.content, `${param}.content`, true))
      content.push({ type: 'text', text });
  const toolCalls = message.tool_calls ?? undefined;
  if (toolCalls !== undefined && toolCalls !== null) {
    const calls = arrayAt(toolCalls, `${param}.tool_calls`);
    for (let index = 0; index < calls.length; index += 1) {
      const callParam = `${param}.tool_calls[${index}]`;
      const call = objectAt(calls[index], callParam);
      const id = requiredString(call, 'id', `${callParam}.id`);
      const type = optionalString(call, 'type', `${callParam}.type`) ?? 'function';
      if (type !== 'function')
        throw invalidValue(`${callParam}.type`, `'${type}' is not supported; expected 'function'.`);
      const fn = objectAt(call.function, `${callParam}.function`);
      const toolName = requiredString(fn, 'name', `${callParam}.function.name`);
      const input = argumentsOf(requiredString(fn, 'arguments', `${callParam}.function.arguments`));
      toolNames.set(id, toolName);
      content.push({ type: 'tool-call', toolCallId: id, toolName, input });
    }
  } else if (!hasText) {
    throw missingParameter(`${param}.content`);
  }
  return { role: 'assistant', content };
}

/** Arguments are a JSON string; the V4 part holds the value (a model's invalid JSON stays text). */
function argumentsOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toolResult(
  message: JsonObject,
  param: string,
  toolNames: Map<string, string>,
): LanguageModelV4ToolResultPart {
  const toolCallId = requiredString(message, 'tool_call_id', `${param}.tool_call_id`);
  const toolName = toolNames.get(toolCallId);
  if (toolName === undefined)
    throw invalidValue(
      `${param}.tool_call_id`,
      `'${toolCallId}' does not answer a tool call of an earlier assistant message.`,
    );
  const value = textsOf(message.content, `${param}.content`).join('');
  return { type: 'tool-result', toolCallId, toolName, output: { type: 'text', value } };
}

/** A string, or an array of text parts (and, for an assistant, refusal parts), as texts. */
function textsOf(content: unknown, param: string, allowRefusal = false): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array of parts', content);
  const texts: string[] = [];
  for (let index = 0; index < content.length; index += 1) {
    const partParam = `${param}[${index}]`;
    const part = objectAt(content[index], partParam);
    const type = requiredString(part, 'type', `${partParam}.type`);
    if (type === 'text') texts.push(requiredString(part, 'text', `${partParam}.text`));
    else if (type === 'refusal' && allowRefusal)
      texts.push(requiredString(part, 'refusal', `${partParam}.refusal`));
    else
      throw invalidValue(
        `${partParam}.type`,
        `'${type}' is not allowed here; expected ${allowRefusal ? "'text' or 'refusal'" : "'text'"}.`,
      );
  }
  return texts;
}

/** A participant `name`: @ai-sdk/openai reads it from here; other providers have no equivalent. */
function nameOption(message: JsonObject, param: string): SharedV4ProviderOptions | undefined {
  const name = optionalString(message, 'name', `${param}.name`);
  return name === undefined ? undefined : { openai: { name } };
}

function withOptions<M extends LanguageModelV4Message>(
  message: M,
  providerOptions: SharedV4ProviderOptions | undefined,
): M {
  if (providerOptions) message.providerOptions = providerOptions;
  return message;
}
