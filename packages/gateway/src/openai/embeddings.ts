import type { EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import { GatewayError } from './gateway-error.js';
import {
  invalidType,
  invalidValue,
  isJsonObject,
  optionalNumber,
  optionalString,
  requiredString,
  unsupportedParameter,
} from './request-fields.js';

export type EncodingFormat = 'float' | 'base64';

/** An embeddings request, translated for the router's embedding model. */
export interface EmbeddingsRequest {
  model: string;
  /** Everything but the abort signal, which the server adds. */
  callOptions: Omit<EmbeddingModelV4CallOptions, 'abortSignal'>;
  encodingFormat: EncodingFormat;
  user?: string;
}

const knownKeys = new Set(['model', 'input', 'dimensions', 'encoding_format', 'user']);
/** OpenAI's own limit on inputs per request. */
const maxInputs = 2048;

/** Validates an OpenAI embeddings body; a wrong type is a 400 naming the `param`. */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (!isJsonObject(body)) throw invalidValue('body', 'the request body must be a JSON object.');
  for (const key of Object.keys(body))
    if (!knownKeys.has(key))
      throw new GatewayError({
        status: 400,
        code: 'unknown_parameter',
        param: key,
        message: `Unrecognized request argument supplied: ${key}.`,
      });
  const model = requiredString(body, 'model');
  const callOptions: Omit<EmbeddingModelV4CallOptions, 'abortSignal'> = {
    values: inputValues(body.input),
  };
  const dimensions = optionalNumber(body, 'dimensions', { integer: true, min: 1 });
  if (dimensions !== undefined) callOptions.dimensions = dimensions;
  const format = optionalString(body, 'encoding_format') ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw invalidValue('encoding_format', `'${format}' is not one of float, base64.`);
  const user = optionalString(body, 'user');
  if (user !== undefined) callOptions.providerOptions = { openai: { user } };
  const request: EmbeddingsRequest = { model, callOptions, encodingFormat: format };
  if (user !== undefined) request.user = user;
  return request;
}

function inputValues(input: unknown): string[] {
  if (input === undefined || input === null)
    throw new GatewayError({
      status: 400,
      code: 'missing_required_parameter',
      param: 'input',
      message: "Missing required parameter: 'input'.",
    });
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) throw invalidType('input', 'a string or an array of strings', input);
  if (input.length === 0) throw invalidValue('input', 'expected at least one input.');
  if (input.length > maxInputs)
    throw invalidValue('input', `${input.length} inputs; at most ${maxInputs} are allowed.`);
  for (let index = 0; index < input.length; index += 1) {
    const value = input[index];
    if (typeof value === 'string') continue;
    if (typeof value === 'number' || Array.isArray(value))
      throw unsupportedParameter(
        'input',
        'Token arrays are not supported: a route may answer with a model whose tokenizer differs; send text.',
      );
    throw invalidType(`input[${index}]`, 'a string', value);
  }
  return input as string[];
}

export interface EmbeddingsResponse {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** A V4 embedding result as OpenAI's embeddings list (base64: little-endian float32, as openai-node decodes). */
export function toEmbeddingsResponse(
  result: EmbeddingModelV4Result,
  { model, encodingFormat }: { model: string; encodingFormat: EncodingFormat },
): EmbeddingsResponse {
  const tokens = result.usage?.tokens ?? 0;
  return {
    object: 'list',
    data: result.embeddings.map((embedding, index) => ({
      object: 'embedding',
      index,
      embedding: encodingFormat === 'base64' ? float32Base64(embedding) : embedding,
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

export function float32Base64(embedding: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(embedding.length * 4);
  for (let index = 0; index < embedding.length; index += 1)
    bytes.writeFloatLE(embedding[index] as number, index * 4);
  return bytes.toString('base64');
}
