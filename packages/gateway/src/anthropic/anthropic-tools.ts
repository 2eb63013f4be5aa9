import type { LanguageModelV4FunctionTool, LanguageModelV4ToolChoice } from '@ai-sdk/provider';
import {
  arrayAt,
  invalidValue,
  objectAt,
  optionalBoolean,
  optionalString,
  requiredString,
  unsupportedParameter,
} from '../openai/request-fields.js';
import { cacheControlOption } from './anthropic-blocks.js';

type JSONSchema = LanguageModelV4FunctionTool['inputSchema'];

/** Anthropic's client tools as V4 function tools; server tools (web search, bash...) are refused. */
export function anthropicTools(value: unknown): LanguageModelV4FunctionTool[] {
  return arrayAt(value, 'tools').map((entry, index) => {
    const param = `tools[${index}]`;
    const tool = objectAt(entry, param);
    const type = optionalString(tool, 'type', `${param}.type`);
    if (type !== undefined && type !== 'custom')
      throw unsupportedParameter(
        `${param}.type`,
        `'${type}' is an Anthropic server tool; it is not supported because a route may answer with another provider. Define it as a client tool.`,
      );
    const name = requiredString(tool, 'name', `${param}.name`);
    const inputSchema = objectAt(tool.input_schema, `${param}.input_schema`) as JSONSchema;
    const converted: LanguageModelV4FunctionTool = { type: 'function', name, inputSchema };
    const description = optionalString(tool, 'description', `${param}.description`);
    if (description !== undefined) converted.description = description;
    const strict = optionalBoolean(tool, 'strict', `${param}.strict`);
    if (strict !== undefined) converted.strict = strict;
    const providerOptions = cacheControlOption(tool);
    if (providerOptions) converted.providerOptions = providerOptions;
    return converted;
  });
}

/** Anthropic's `tool_choice` (auto, any, tool, none) and its parallel tool use switch. */
export function anthropicToolChoice(
  value: unknown,
  tools: readonly LanguageModelV4FunctionTool[] | undefined,
): { toolChoice: LanguageModelV4ToolChoice; disableParallelToolUse: boolean } {
  const choice = objectAt(value, 'tool_choice');
  const type = requiredString(choice, 'type', 'tool_choice.type');
  const disableParallelToolUse =
    optionalBoolean(choice, 'disable_parallel_tool_use', 'tool_choice.disable_parallel_tool_use') ??
    false;
  if (type === 'auto' || type === 'none') return { toolChoice: { type }, disableParallelToolUse };
  if (type === 'any') return { toolChoice: { type: 'required' }, disableParallelToolUse };
  if (type !== 'tool')
    throw invalidValue('tool_choice.type', `'${type}' is not one of auto, any, tool, none.`);
  const toolName = requiredString(choice, 'name', 'tool_choice.name');
  if (!tools?.some((tool) => tool.name === toolName))
    throw invalidValue('tool_choice.name', `no tool named '${toolName}' is in tools.`);
  return { toolChoice: { type: 'tool', toolName }, disableParallelToolUse };
}
