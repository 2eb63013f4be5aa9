import OpenAI, { type APIError } from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServerOptions } from '../src/core/fake-server.js';
import { fakeEmbedding } from '../src/openai/embeddings.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function officialClient(options?: FakeServerOptions) {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  return { server, client };
}

describe('fake OpenAI through the official openai client', () => {
  it('answers a chat completion with the scripted text, tool-free, and usage', async () => {
    const { client } = await officialClient({
      replies: [{ text: 'Paris.', usage: { inputTokens: 12, outputTokens: 2 } }],
    });
    const { data: completion, request_id } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Capital of France?' }] })
      .withResponse();
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toBe('chatcmpl-testkit1');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Paris.' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 2,
      total_tokens: 14,
    });
    expect(request_id).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('returns tool calls with null content', async () => {
    const { client } = await officialClient({
      replies: [{ toolCalls: [{ name: 'lookup', input: { q: 'x' }, id: 'call_9' }] }],
    });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'look it up' }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    });
    const message = completion.choices[0]?.message;
    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toEqual([
      { id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams chunks with a role chunk first and a finish_reason chunk last, without usage', async () => {
    const { client } = await officialClient({ replies: [{ text: 'a b c', chunks: 3 }] });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'abc' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'a ' },
      { content: 'b ' },
      { content: 'c' },
      {},
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
      null,
      null,
      null,
      null,
      'stop',
    ]);
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && !('usage' in chunk)),
    ).toBe(true);
  });

  it('streams usage: null on every chunk and a final empty-choices usage chunk with include_usage', async () => {
    const { client } = await officialClient({
      replies: [{ text: 'hi there', chunks: 2, usage: { inputTokens: 5, outputTokens: 3 } }],
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(chunks.slice(0, -1).map((chunk) => chunk.usage)).toEqual([null, null, null, null]);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({
      prompt_tokens: 5,
      completion_tokens: 3,
      total_tokens: 8,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
  });

  it('streams tool-call deltas: a header with id and name, then argument pieces', async () => {
    const { client } = await officialClient({
      replies: [{ toolCalls: [{ name: 'lookup', input: { q: 'x' } }] }],
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'look' }],
      stream: true,
    });
    const toolDeltas = [];
    for await (const chunk of stream)
      toolDeltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    expect(toolDeltas).toEqual([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } },
      { index: 0, function: { arguments: '{"q":' } },
      { index: 0, function: { arguments: '"x"}' } },
    ]);
  });

  it('lists the default models and every model a request named', async () => {
    const { client } = await officialClient();
    await client.chat.completions.create({
      model: 'my-custom-model',
      messages: [{ role: 'user', content: 'x' }],
    });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual([
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4o',
      'gpt-4o-mini',
      'text-embedding-3-small',
      'my-custom-model',
    ]);
    expect(await client.models.retrieve('my-custom-model')).toMatchObject({
      id: 'my-custom-model',
      object: 'model',
    });
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it('embeds with base64 by default, decoding to the same vectors as float', async () => {
    const { server, client } = await officialClient();
    const base64 = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
    });
    const float = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    expect(
      (server.requests[0]?.body as { encoding_format?: string } | undefined)?.encoding_format,
    ).toBe('base64');
    expect(base64.data.map((item) => item.embedding)).toEqual(
      float.data.map((item) => item.embedding),
    );
    expect(float.data.map((item) => [item.index, item.embedding.length])).toEqual([
      [0, 8],
      [1, 8],
    ]);
    expect(float.data[0]?.embedding).toEqual(fakeEmbedding('a', 8));
    expect(float.data[0]?.embedding).not.toEqual(float.data[1]?.embedding);
    expect(Math.hypot(...(float.data[0]?.embedding ?? []))).toBeCloseTo(1, 5);
    expect(float.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
  });

  it('honours dimensions and gives the same input the same vector on every call', async () => {
    const { client } = await officialClient();
    const first = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'same',
      dimensions: 40,
    });
    const second = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'same',
      dimensions: 40,
    });
    expect(first.data[0]?.embedding.length).toBe(40);
    expect(second.data[0]?.embedding).toEqual(first.data[0]?.embedding);
  });

  it('rejects a body without messages with a 400 naming the parameter', async () => {
    const { server, client } = await officialClient();
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini' } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as APIError).message).toContain("Missing required parameter: 'messages'.");
    expect(server.requests[0]?.reply).toEqual({});
  });
});
