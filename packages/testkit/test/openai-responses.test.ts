import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, Output, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function start(options: Parameters<typeof startFakeOpenAI>[0] = {}) {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  const provider = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, model: provider('gpt-4.1-mini') };
}

const weather = tool({
  description: 'Current weather in a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  }),
});

describe('Responses API through @ai-sdk/openai generateText', () => {
  it('echoes the last user message from POST /v1/responses with estimated usage', async () => {
    const { server, model } = await start();
    const result = await generateText({ model, prompt: 'hello there', maxRetries: 0 });
    expect(result.text).toBe('echo: hello there');
    expect(result.finishReason).toBe('stop');
    // 'hello there' is 11 characters (3 tokens); 'echo: hello there' is 17 (5 tokens).
    expect([result.usage.inputTokens, result.usage.outputTokens, result.usage.totalTokens]).toEqual(
      [3, 5, 8],
    );
    expect(result.response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(result.response.modelId).toBe('gpt-4.1-mini');
    const [entry] = server.requests;
    expect([entry?.method, entry?.path, entry?.model, entry?.stream, entry?.status]).toEqual([
      'POST',
      '/v1/responses',
      'gpt-4.1-mini',
      false,
      200,
    ]);
  });

  it('answers the last user turn and counts the system prompt as input', async () => {
    const { model } = await start();
    const result = await generateText({
      model,
      system: 'Be terse.',
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: [{ type: 'text', text: 'second question' }] },
      ],
      maxRetries: 0,
    });
    expect(result.text).toBe('echo: second question');
    // 'Be terse.\nfirst question\nfirst answer\nsecond question' is 53 characters: 14 tokens.
    expect(result.usage.inputTokens).toBe(14);
  });

  it('reports scripted usage figures with no cached or reasoning tokens', async () => {
    const { model } = await start({
      replies: [{ text: 'ok', usage: { inputTokens: 120, outputTokens: 7 } }],
    });
    const { usage, text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect([text, usage.inputTokens, usage.outputTokens, usage.totalTokens]).toEqual([
      'ok',
      120,
      7,
      127,
    ]);
    expect([
      usage.inputTokenDetails.cacheReadTokens,
      usage.outputTokenDetails.reasoningTokens,
    ]).toEqual([0, 0]);
  });

  it('returns scripted function calls with finish reason tool-calls', async () => {
    const { server, model } = await start({
      replies: [
        {
          toolCalls: [
            { name: 'weather', input: { city: 'Paris' }, id: 'call_paris' },
            { name: 'weather', input: { city: 'Oslo' } },
          ],
        },
      ],
    });
    const result = await generateText({
      model,
      prompt: 'weather in Paris and Oslo?',
      tools: { weather },
      maxRetries: 0,
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.text).toBe('');
    expect(result.toolCalls.map((call) => [call.toolCallId, call.toolName, call.input])).toEqual([
      ['call_paris', 'weather', { city: 'Paris' }],
      ['call_2', 'weather', { city: 'Oslo' }],
    ]);
    const body = server.requests[0]?.body as
      | { tools?: { type: string; name: string }[] }
      | undefined;
    expect(body?.tools?.map((declared) => [declared.type, declared.name])).toEqual([
      ['function', 'weather'],
    ]);
  });

  it('answers JSON mode (text.format json_schema) with a JSON echo the schema accepts', async () => {
    const { server, model } = await start();
    const { output } = await generateText({
      model,
      prompt: 'ping',
      output: Output.object({
        schema: jsonSchema<{ echo: string }>({
          type: 'object',
          properties: { echo: { type: 'string' } },
          required: ['echo'],
          additionalProperties: false,
        }),
      }),
      maxRetries: 0,
    });
    expect(output).toEqual({ echo: 'ping' });
    const body = server.requests[0]?.body as { text?: { format?: { type: string } } } | undefined;
    expect(body?.text?.format?.type).toBe('json_schema');
  });
});

describe('Responses API through @ai-sdk/openai streamText', () => {
  it('streams the text in the scripted number of deltas, then usage and finish reason', async () => {
    const { server, model } = await start({
      replies: [
        { text: 'one two three four', chunks: 3, usage: { inputTokens: 11, outputTokens: 4 } },
      ],
    });
    const result = streamText({ model, prompt: 'count', maxRetries: 0 });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(['one two ', 'three ', 'four']);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect([usage.inputTokens, usage.outputTokens]).toEqual([11, 4]);
    expect([
      server.requests[0]?.stream,
      server.requests[0]?.chunksSent,
      server.requests[0]?.outcome,
    ]).toEqual([true, 3, 'completed']);
  });

  it('streams function-call arguments as tool-input deltas and ends with the tool call', async () => {
    const { model } = await start({
      replies: [
        { text: 'Checking.', chunks: 1, toolCalls: [{ name: 'weather', input: { city: 'Rome' } }] },
      ],
    });
    const result = streamText({
      model,
      prompt: 'weather in Rome?',
      tools: { weather },
      maxRetries: 0,
    });
    const parts: string[] = [];
    let argumentText = '';
    for await (const part of result.fullStream) {
      parts.push(part.type);
      if (part.type === 'tool-input-delta') argumentText += part.delta;
    }
    expect(parts.filter((type) => type === 'tool-input-delta')).toHaveLength(2);
    expect(argumentText).toBe('{"city":"Rome"}');
    expect(await result.text).toBe('Checking.');
    expect((await result.toolCalls).map((call) => [call.toolCallId, call.input])).toEqual([
      ['call_1', { city: 'Rome' }],
    ]);
    expect(await result.finishReason).toBe('tool-calls');
  });
});

describe('Responses API through the official openai client', () => {
  function client(server: { baseURL: string; apiKey: string }) {
    return new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
  }

  it('returns a completed response object with output_text and usage', async () => {
    const server = await startFakeOpenAI();
    onTestFinished(() => server.close());
    const response = await client(server).responses.create({
      model: 'gpt-4.1',
      instructions: 'Reply briefly.',
      input: 'hi',
    });
    expect([response.object, response.status, response.model, response.output_text]).toEqual([
      'response',
      'completed',
      'gpt-4.1',
      'echo: hi',
    ]);
    // 'Reply briefly.\nhi' is 17 characters (5 tokens); 'echo: hi' is 8 (2 tokens).
    expect(response.usage).toMatchObject({ input_tokens: 5, output_tokens: 2, total_tokens: 7 });
    expect(response._request_id).toMatch(/^req_/);
  });

  it('streams typed events with increasing sequence numbers, ending in response.completed', async () => {
    const server = await startFakeOpenAI({ replies: [{ text: 'a b', chunks: 2 }] });
    onTestFinished(() => server.close());
    const stream = await client(server).responses.create({
      model: 'gpt-4.1',
      input: 'x',
      stream: true,
    });
    const events: { type: string; sequence_number: number }[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('accumulates a streamed function call into the final response (responses.stream)', async () => {
    const server = await startFakeOpenAI({
      replies: [{ toolCalls: [{ name: 'lookup', input: { q: 'x' }, id: 'call_x' }] }],
    });
    onTestFinished(() => server.close());
    const final = await client(server)
      .responses.stream({ model: 'gpt-4.1', input: 'look it up' })
      .finalResponse();
    expect(final.output).toMatchObject([
      {
        type: 'function_call',
        call_id: 'call_x',
        name: 'lookup',
        arguments: '{"q":"x"}',
        status: 'completed',
      },
    ]);
  });

  it('answers json_object format with JSON text', async () => {
    const server = await startFakeOpenAI();
    onTestFinished(() => server.close());
    const response = await client(server).responses.create({
      model: 'gpt-4.1',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'as JSON' }] }],
      text: { format: { type: 'json_object' } },
    });
    expect(JSON.parse(response.output_text)).toEqual({ echo: 'as JSON' });
  });

  it('rejects a body without a model with a 400 in the OpenAI error format, keeping the queued reply', async () => {
    const server = await startFakeOpenAI({ replies: [{ text: 'kept' }] });
    onTestFinished(() => server.close());
    const openai = client(server);
    const error = await openai.responses
      .create({ input: 'hi' } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      "Missing required parameter: 'model'.",
    );
    const next = await openai.responses.create({ model: 'gpt-4.1', input: 'hi' });
    expect(next.output_text).toBe('kept');
  });
});
