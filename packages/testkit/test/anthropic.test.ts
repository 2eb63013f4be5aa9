import { createAnthropic } from '@ai-sdk/anthropic';
import { generateObject, generateText, jsonSchema, Output, streamText, tool } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type FakeServerOptions, startFakeAnthropic } from '../src/index.js';

async function fakeAnthropic(options?: FakeServerOptions) {
  const server = await startFakeAnthropic(options);
  onTestFinished(() => server.close());
  const anthropic = createAnthropic({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, anthropic };
}

const weatherTool = tool({
  description: 'Current weather in a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
});

const echoSchema = jsonSchema<{ echo: string }>({
  type: 'object',
  properties: { echo: { type: 'string' } },
  required: ['echo'],
  additionalProperties: false,
});

describe('fake Anthropic: text', () => {
  it('echoes the last user message through generateText', async () => {
    const { server, anthropic } = await fakeAnthropic();
    const result = await generateText({
      model: anthropic('claude-haiku-4-5'),
      system: 'Be brief.',
      prompt: 'hello there',
    });
    expect(result.text).toBe('echo: hello there');
    expect(result.finishReason).toBe('stop');
    expect(result.response.modelId).toBe('claude-haiku-4-5');
    expect(result.response.headers?.['request-id']).toMatch(/^req_011C/);
    const [entry] = server.requests;
    expect([entry?.path, entry?.model, entry?.stream, entry?.outcome]).toEqual([
      '/v1/messages',
      'claude-haiku-4-5',
      false,
      'completed',
    ]);
    expect(entry?.headers['x-api-key']).toBe('[redacted]');
  });

  it('returns a scripted text and reports the planned usage', async () => {
    const { anthropic } = await fakeAnthropic({
      replies: [{ text: 'scripted answer', usage: { inputTokens: 120, outputTokens: 7 } }],
    });
    const result = await generateText({ model: anthropic('claude-haiku-4-5'), prompt: 'hi' });
    expect(result.text).toBe('scripted answer');
    expect([result.usage.inputTokens, result.usage.outputTokens]).toEqual([120, 7]);
  });

  it('estimates usage from the system prompt and messages (about 4 characters a token)', async () => {
    const { anthropic } = await fakeAnthropic();
    // "Be brief." + "\n" + "hello there" = 21 characters -> 6 tokens; "echo: hello there" -> 5.
    const result = await generateText({
      model: anthropic('claude-haiku-4-5'),
      system: 'Be brief.',
      prompt: 'hello there',
    });
    expect([result.usage.inputTokens, result.usage.outputTokens]).toEqual([6, 5]);
  });

  it('streams the text as text deltas in the planned number of chunks', async () => {
    const { server, anthropic } = await fakeAnthropic({
      replies: [
        { text: 'one two three four', chunks: 4, usage: { inputTokens: 9, outputTokens: 4 } },
      ],
    });
    const result = streamText({ model: anthropic('claude-haiku-4-5'), prompt: 'count' });
    const deltas: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
    }
    expect(deltas).toEqual(['one ', 'two ', 'three ', 'four']);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect([usage.inputTokens, usage.outputTokens]).toEqual([9, 4]);
    expect([server.requests[0]?.stream, server.requests[0]?.chunksSent]).toEqual([true, 4]);
  });

  it('accepts Authorization: Bearer as well as x-api-key', async () => {
    const server = await startFakeAnthropic({ apiKey: 'bearer-key' });
    onTestFinished(() => server.close());
    const anthropic = createAnthropic({ baseURL: server.baseURL, authToken: 'bearer-key' });
    const { text } = await generateText({ model: anthropic('claude-haiku-4-5'), prompt: 'hi' });
    expect(text).toBe('echo: hi');
    expect(server.requests[0]?.authorized).toBe(true);
  });

  it('echoes the last user text, not the tool result, in a tool loop', async () => {
    const { server, anthropic } = await fakeAnthropic({
      replies: [{ toolCalls: [{ name: 'weather', input: { city: 'Oslo' }, id: 'toolu_1' }] }],
    });
    const result = await generateText({
      model: anthropic('claude-haiku-4-5'),
      prompt: 'weather in Oslo?',
      tools: { weather: tool({ ...weatherTool, execute: async () => ({ celsius: -3 }) }) },
      stopWhen: ({ steps }) => steps.length >= 2,
    });
    expect(result.text).toBe('echo: weather in Oslo?');
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1]?.body as { messages: { role: string }[] };
    expect(second.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
  });
});

describe('fake Anthropic: tool calls', () => {
  it('answers a scripted tool call as a tool_use block (generateText)', async () => {
    const { anthropic } = await fakeAnthropic({
      replies: [{ toolCalls: [{ name: 'weather', input: { city: 'Paris' }, id: 'toolu_01' }] }],
    });
    const result = await generateText({
      model: anthropic('claude-haiku-4-5'),
      prompt: 'weather in Paris?',
      tools: { weather: weatherTool },
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(
      result.toolCalls.map(({ toolCallId, toolName, input }) => ({ toolCallId, toolName, input })),
    ).toEqual([{ toolCallId: 'toolu_01', toolName: 'weather', input: { city: 'Paris' } }]);
  });

  it('streams a scripted tool call as input_json_delta chunks (streamText)', async () => {
    const { server, anthropic } = await fakeAnthropic({
      replies: [
        {
          text: 'Let me check.',
          chunks: 1,
          toolCalls: [{ name: 'weather', input: { city: 'Rome' }, id: 'toolu_02' }],
        },
      ],
    });
    const result = streamText({
      model: anthropic('claude-haiku-4-5'),
      prompt: 'weather in Rome?',
      tools: { weather: weatherTool },
    });
    const inputDeltas: string[] = [];
    let text = '';
    for await (const part of result.fullStream) {
      if (part.type === 'tool-input-delta') inputDeltas.push(part.delta);
      if (part.type === 'text-delta') text += part.text;
    }
    expect(text).toBe('Let me check.');
    expect(inputDeltas.join('')).toBe('{"city":"Rome"}');
    expect(inputDeltas).toHaveLength(2);
    const toolCalls = await result.toolCalls;
    expect(toolCalls.map(({ toolCallId, input }) => ({ toolCallId, input }))).toEqual([
      { toolCallId: 'toolu_02', input: { city: 'Rome' } },
    ]);
    expect(await result.finishReason).toBe('tool-calls');
    // 1 text chunk + 2 argument chunks are the content events.
    expect(server.requests[0]?.chunksSent).toBe(3);
  });
});

describe('fake Anthropic: JSON output', () => {
  it('answers native structured output (output_config.format) with JSON text', async () => {
    const { server, anthropic } = await fakeAnthropic();
    const result = await generateText({
      model: anthropic('claude-haiku-4-5'),
      prompt: 'say hi',
      output: Output.object({ schema: echoSchema }),
    });
    expect(result.output).toEqual({ echo: 'say hi' });
    const body = server.requests[0]?.body as { output_config?: { format?: { type: string } } };
    expect(body.output_config?.format?.type).toBe('json_schema');
  });

  it('answers the forced `json` tool of models without native structured output', async () => {
    const { server, anthropic } = await fakeAnthropic();
    const result = await generateText({
      model: anthropic('claude-3-haiku-20240307'),
      prompt: 'say hi',
      output: Output.object({ schema: echoSchema }),
    });
    expect(result.output).toEqual({ echo: 'say hi' });
    expect(result.finishReason).toBe('stop');
    const body = server.requests[0]?.body as { tools: { name: string }[]; tool_choice: unknown };
    expect([body.tools.map((entry) => entry.name), body.tool_choice]).toEqual([
      ['json'],
      { type: 'any', disable_parallel_tool_use: true },
    ]);
  });

  it('streams a scripted JSON answer through the json tool (streamText + Output.object)', async () => {
    const { anthropic } = await fakeAnthropic({
      replies: [{ text: '{"echo":"streamed"}', chunks: 3 }],
    });
    const result = streamText({
      model: anthropic('claude-3-haiku-20240307'),
      prompt: 'anything',
      output: Output.object({ schema: echoSchema }),
    });
    expect(await result.output).toEqual({ echo: 'streamed' });
    expect(await result.text).toBe('{"echo":"streamed"}');
  });

  it('serves generateObject', async () => {
    const { anthropic } = await fakeAnthropic({ replies: [{ text: '{"echo":"object"}' }] });
    const { object } = await generateObject({
      model: anthropic('claude-haiku-4-5'),
      prompt: 'anything',
      schema: echoSchema,
    });
    expect(object).toEqual({ echo: 'object' });
  });
});
