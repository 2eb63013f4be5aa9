import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import {
  invalidValue,
  objectAt,
  optionalBoolean,
  optionalString,
  requiredString,
} from './request-fields.js';

type ResponseFormat = NonNullable<LanguageModelV4CallOptions['responseFormat']>;
type JSONSchema = NonNullable<Extract<ResponseFormat, { type: 'json' }>['schema']>;

/**
 * OpenAI's `response_format` as the V4 response format: `json_object` is JSON mode, `json_schema`
 * carries its schema, name and description (every provider takes those); `strict` is returned
 * apart, as an option for OpenAI targets.
 */
export function chatResponseFormat(value: unknown): {
  responseFormat: ResponseFormat;
  strict: boolean | undefined;
} {
  const format = objectAt(value, 'response_format');
  const type = requiredString(format, 'type', 'response_format.type');
  if (type === 'text') return { responseFormat: { type: 'text' }, strict: undefined };
  if (type === 'json_object') return { responseFormat: { type: 'json' }, strict: undefined };
  if (type !== 'json_schema')
    throw invalidValue(
      'response_format.type',
      `'${type}' is not one of text, json_object, json_schema.`,
    );
  const jsonSchema = objectAt(format.json_schema, 'response_format.json_schema');
  const name = requiredString(jsonSchema, 'name', 'response_format.json_schema.name');
  const description = optionalString(
    jsonSchema,
    'description',
    'response_format.json_schema.description',
  );
  const strict = optionalBoolean(jsonSchema, 'strict', 'response_format.json_schema.strict');
  const responseFormat: ResponseFormat = { type: 'json', name };
  if (jsonSchema.schema !== undefined && jsonSchema.schema !== null)
    responseFormat.schema = objectAt(
      jsonSchema.schema,
      'response_format.json_schema.schema',
    ) as JSONSchema;
  if (description !== undefined) responseFormat.description = description;
  return { responseFormat, strict };
}
