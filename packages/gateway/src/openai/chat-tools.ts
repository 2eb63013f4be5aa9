import type { LanguageModelV4FunctionTool, LanguageModelV4ToolChoice } from '@ai-sdk/provider';
import {
  arrayAt,
  invalidType,
  invalidValue,
  objectAt,
  optionalBoolean,
  optionalString,
  requiredString,
} from './request-fields.js';

type JSONSchema = LanguageModelV4FunctionTool['inputSchema'];

/** OpenAI's `tools` (function tools) as V4 function tools. */
export function chatTools(value: unknown): LanguageModelV4FunctionTool[] {
  const tools = arrayAt(value, 'tools');
  const result: LanguageModelV4FunctionTool[] = [];
  for (let index = 0; index < tools.length; index += 1) {
    const param = `tools[${index}]`;
    const tool = objectAt(tools[index], param);
    const type = requiredString(tool, 'type', `${param}.type`);
    if (type !== 'function')
      throw invalidValue(
        `${param}.type`,
        `'${type}' tools are not supported; expected 'function'.`,
      );
    const fn = objectAt(tool.function, `${param}.function`);
    const name = requiredString(fn, 'name', `${param}.function.name`);
    const description = optionalString(fn, 'description', `${param}.function.description`);
    const strict = optionalBoolean(fn, 'strict', `${param}.function.strict`);
    const parameters = fn.parameters ?? undefined;
    if (parameters !== undefined && parameters !== null)
      objectAt(parameters, `${param}.function.parameters`);
    // OpenAI lets a function omit its parameters: it then takes no arguments.
    const inputSchema = (parameters ?? { type: 'object', properties: {} }) as JSONSchema;
    const converted: LanguageModelV4FunctionTool = { type: 'function', name, inputSchema };
    if (description !== undefined) converted.description = description;
    if (strict !== undefined) converted.strict = strict;
    result.push(converted);
  }
  return result;
}

/** OpenAI's `tool_choice` as the V4 tool choice; a named function must be among `tools`. */
export function chatToolChoice(
  value: unknown,
  tools: readonly LanguageModelV4FunctionTool[] | undefined,
): LanguageModelV4ToolChoice {
  if (value === 'none' || value === 'auto' || value === 'required') return { type: value };
  if (typeof value === 'string')
    throw invalidValue('tool_choice', `'${value}' is not one of none, auto, required.`);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidType('tool_choice', 'a string or an object', value);
  const choice = value as Record<string, unknown>;
  const type = requiredString(choice, 'type', 'tool_choice.type');
  if (type !== 'function')
    throw invalidValue('tool_choice.type', `'${type}' is not supported; expected 'function'.`);
  const fn = objectAt(choice.function, 'tool_choice.function');
  const toolName = requiredString(fn, 'name', 'tool_choice.function.name');
  if (!tools?.some((tool) => tool.name === toolName))
    throw invalidValue('tool_choice.function.name', `no tool named '${toolName}' is in tools.`);
  return { type: 'tool', toolName };
}
