import type { EmbeddingModelV4Result } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import { float32Base64, parseEmbeddingsRequest, toEmbeddingsResponse } from './embeddings.js';

function rejection(body: unknown) {
  const { code, param, message } = gatewayErrorOf(() => parseEmbeddingsRequest(body));
  return { code, param, message };
}

const result: EmbeddingModelV4Result = {
  embeddings: [
    [1, -2, 0.5],
    [0.25, 0, -0.125],
  ],
  usage: { tokens: 6 },
  warnings: [],
};

describe('parseEmbeddingsRequest', () => {
  it('takes one string or many, dimensions, encoding_format and user', () => {
    expect(parseEmbeddingsRequest({ model: 'vectors', input: 'hi' })).toEqual({
      model: 'vectors',
      callOptions: { values: ['hi'] },
      encodingFormat: 'float',
    });
    expect(
      parseEmbeddingsRequest({
        model: 'vectors',
        input: ['a', 'b'],
        dimensions: 256,
        encoding_format: 'base64',
        user: 'u-1',
      }),
    ).toEqual({
      model: 'vectors',
      callOptions: {
        values: ['a', 'b'],
        dimensions: 256,
        providerOptions: { openai: { user: 'u-1' } },
      },
      encodingFormat: 'base64',
      user: 'u-1',
    });
  });

  it('rejects token arrays: a route may answer with another tokenizer', () => {
    const message =
      'Token arrays are not supported: a route may answer with a model whose tokenizer differs; send text.';
    expect(rejection({ model: 'vectors', input: [1, 2, 3] })).toEqual({
      code: 'unsupported_parameter',
      param: 'input',
      message,
    });
    expect(rejection({ model: 'vectors', input: [[1, 2]] }).message).toBe(message);
  });

  it('names the param of each bad field', () => {
    expect(rejection({ input: 'x' })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'model',
    });
    expect(rejection({ model: 'vectors' })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'input',
    });
    expect(rejection({ model: 'vectors', input: {} }).param).toBe('input');
    expect(rejection({ model: 'vectors', input: [] }).message).toBe(
      "Invalid 'input': expected at least one input.",
    );
    expect(rejection({ model: 'vectors', input: ['a', null] }).param).toBe('input[1]');
    expect(rejection({ model: 'vectors', input: 'x', dimensions: 0 }).param).toBe('dimensions');
    expect(rejection({ model: 'vectors', input: 'x', encoding_format: 'int8' }).message).toBe(
      "Invalid 'encoding_format': 'int8' is not one of float, base64.",
    );
    expect(rejection({ model: 'vectors', input: 'x', truncate: true })).toMatchObject({
      code: 'unknown_parameter',
      param: 'truncate',
    });
  });

  it('allows at most 2048 inputs, as OpenAI does', () => {
    expect(rejection({ model: 'vectors', input: Array(2049).fill('x') }).message).toBe(
      "Invalid 'input': 2049 inputs; at most 2048 are allowed.",
    );
  });
});

describe('toEmbeddingsResponse', () => {
  it('renders floats in input order with usage', () => {
    expect(toEmbeddingsResponse(result, { model: 'vectors', encodingFormat: 'float' })).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [1, -2, 0.5] },
        { object: 'embedding', index: 1, embedding: [0.25, 0, -0.125] },
      ],
      model: 'vectors',
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
  });

  it('renders base64 as little-endian float32, which decodes as openai-node decodes it', () => {
    const response = toEmbeddingsResponse(result, { model: 'vectors', encodingFormat: 'base64' });
    expect(response.data.map((entry) => entry.embedding)).toEqual([
      'AACAPwAAAMAAAAA/',
      float32Base64([0.25, 0, -0.125]),
    ]);
    // openai-node's toFloat32Array: Buffer from base64, viewed as Float32Array.
    const bytes = Buffer.from(response.data[1]?.embedding as string, 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4))).toEqual([
      0.25, 0, -0.125,
    ]);
  });

  it('reads missing usage as 0 tokens', () => {
    const { usage } = toEmbeddingsResponse(
      { embeddings: [[1]], warnings: [] },
      { model: 'vectors', encodingFormat: 'float' },
    );
    expect(usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
  });
});
