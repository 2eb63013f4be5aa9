import { GatewayError } from './gateway-error.js';

/** A parsed JSON object from a request body. */
export type JsonObject = Record<string, unknown>;

/** 'a string', 'an array', 'null', ...: how a value reads in an error message. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function invalidType(param: string, expected: string, value: unknown): GatewayError {
  return new GatewayError({
    status: 400,
    code: 'invalid_type',
    param,
    message: `Invalid type for '${param}': expected ${expected}, got ${describeJson(value)}.`,
  });
}

export function invalidValue(param: string, message: string): GatewayError {
  return new GatewayError({
    status: 400,
    code: 'invalid_value',
    param,
    message: `Invalid '${param}': ${message}`,
  });
}

export function missingParameter(param: string): GatewayError {
  return new GatewayError({
    status: 400,
    code: 'missing_required_parameter',
    param,
    message: `Missing required parameter: '${param}'.`,
  });
}

export function unsupportedParameter(param: string, message: string): GatewayError {
  return new GatewayError({ status: 400, code: 'unsupported_parameter', param, message });
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, param: string): JsonObject {
  if (!isJsonObject(value)) throw invalidType(param, 'an object', value);
  return value;
}

export function arrayAt(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) throw invalidType(param, 'an array', value);
  return value;
}

export function requiredString(object: JsonObject, key: string, param = key): string {
  const value = object[key];
  if (value === undefined || value === null) throw missingParameter(param);
  if (typeof value !== 'string') throw invalidType(param, 'a string', value);
  return value;
}

/** A string, or undefined when absent or null (OpenAI clients send null for "not given"). */
export function optionalString(object: JsonObject, key: string, param = key): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidType(param, 'a string', value);
  return value;
}

export function optionalBoolean(object: JsonObject, key: string, param = key): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidType(param, 'a boolean', value);
  return value;
}

export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function optionalNumber(
  object: JsonObject,
  key: string,
  range: NumberRange = {},
  param = key,
): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidType(param, range.integer ? 'an integer' : 'a number', value);
  if (range.integer && !Number.isInteger(value)) throw invalidType(param, 'an integer', value);
  if (range.min !== undefined && value < range.min)
    throw invalidValue(param, `${value} is below the minimum of ${range.min}.`);
  if (range.max !== undefined && value > range.max)
    throw invalidValue(param, `${value} is above the maximum of ${range.max}.`);
  return value;
}
