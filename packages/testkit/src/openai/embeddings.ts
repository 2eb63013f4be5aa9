import { createHash } from 'node:crypto';
import { estimateTokens } from '../core/answer.js';
import type { Endpoint } from '../core/driver.js';
import { openAIRequestId } from './openai-errors.js';

/** Small on purpose: tests compare whole vectors. Ask for more with `dimensions`. */
export const defaultEmbeddingDimensions = 8;

interface EmbeddingRequest {
  model: string;
  /** Each input as text (token arrays are serialised, so they still hash deterministically). */
  inputs: string[];
  /** Tokens each input counts for (token arrays count their length). */
  tokens: number[];
  dimensions: number;
  encoding: 'float' | 'base64';
}

export function parseEmbeddingRequest(body: unknown): EmbeddingRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('We could not parse the JSON body of your request. Send a JSON object.');
  }
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') {
    throw new Error("Missing required parameter: 'model'.");
  }
  const inputs = inputList(record.input);
  const dimensions = record.dimensions ?? defaultEmbeddingDimensions;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1) {
    throw new Error("Invalid 'dimensions': expected an integer >= 1.");
  }
  const encoding = record.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    throw new Error("Invalid 'encoding_format': expected 'float' or 'base64'.");
  }
  return {
    model: record.model,
    inputs: inputs.map((input) => (typeof input === 'string' ? input : JSON.stringify(input))),
    tokens: inputs.map((input) =>
      typeof input === 'string' ? estimateTokens(input) : input.length,
    ),
    dimensions,
    encoding,
  };
}

/** `input` is a string, an array of strings, a token array, or an array of token arrays. */
function inputList(input: unknown): (string | number[])[] {
  const isTokens = (value: unknown): value is number[] =>
    Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number');
  if (typeof input === 'string' || isTokens(input)) return [input];
  if (
    Array.isArray(input) &&
    input.length > 0 &&
    input.every((item) => typeof item === 'string' || isTokens(item))
  ) {
    return input as (string | number[])[];
  }
  throw new Error(
    "Invalid 'input': expected a string, an array of strings, or an array of token arrays.",
  );
}

/**
 * A unit vector derived from a SHA-256 of the text: the same text always gets the same vector
 * and different texts get unrelated ones. Components are float32 values so the float and
 * base64 encodings decode to the very same numbers.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push(digest.readUInt32BE(offset) / 0xffffffff - 0.5);
    }
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

/** The wire form of `encoding_format: 'base64'`: little-endian float32 bytes. */
export function base64OfFloats(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** `POST /v1/embeddings` (openai-node asks for base64 unless told otherwise). */
export const embeddingsEndpoint: Endpoint = {
  summarize(body) {
    return { model: parseEmbeddingRequest(body).model, stream: false };
  },
  async respond(exchange) {
    const request = parseEmbeddingRequest(exchange.body);
    const data = request.inputs.map((input, index) => {
      const vector = fakeEmbedding(input, request.dimensions);
      return {
        object: 'embedding',
        index,
        embedding: request.encoding === 'base64' ? base64OfFloats(vector) : vector,
      };
    });
    const promptTokens =
      exchange.reply.usage?.inputTokens ?? request.tokens.reduce((sum, count) => sum + count, 0);
    const body = {
      object: 'list',
      data,
      model: request.model,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    };
    await exchange.json(200, body, { 'x-request-id': openAIRequestId() });
  },
};
