import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, Output, streamText, tool } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServerOptions } from '../src/core/fake-server.js';
import { startFakeOpenAI } from '../src/openai/start-fake-openai.js';

async function chatModel(options?: FakeServerOptions) {
  const server = await startFakeOpenAI(options);
  onTestFinished(() => server.close());
  const openai = createOpenAI({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, model: openai.chat('gpt-4.1-mini') };
}

const weatherTool = tool({
  description: 'Weather in a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  }),
});

describe('fake OpenAI chat completions through @ai-sdk/openai .chat()', () => {
  it('echoes the last user message with estimated usage', async () => {
    const { server, model } = await chatModel();
    const result = await generateText({
      model,
      system: 'Be brief.',
      prompt: 'hello there',
      maxRetries: 0,
    });
    expect(result.text).toBe('echo: hello there');
    expect(result.finishReason).toBe('stop');
    // 'Be brief.\nhello there' is 21 characters: 6 tokens; 'echo: hello there' is 17: 5 tokens.
    expect([result.usage.inputTokens, result.usage.outputTokens]).toEqual([6, 5]);
    expect(
      server.requests.map((entry) => [entry.method, entry.path, entry.model, entry.stream]),
    ).toEqual([['POST', '/v1/chat/completions', 'gpt-4.1-mini', false]]);
  });

  it('streams a scripted text as the scripted number of deltas', async () => {
    const { server, model } = await chatModel({
      replies: [
        { text: 'one two three four', chunks: 4, usage: { inputTokens: 11, outputTokens: 7 } },
      ],
    });
    const result = streamText({ model, prompt: 'count', maxRetries: 0 });
    const deltas: string[] = [];
    for await (const part of result.stream) if (part.type === 'text-delta') deltas.push(part.text);
    // The role chunk's empty content also surfaces as a (empty) delta, as with the real API.
    expect(deltas.filter((delta) => delta !== '')).toEqual(['one ', 'two ', 'three ', 'four']);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect([usage.inputTokens, usage.outputTokens, usage.totalTokens]).toEqual([11, 7, 18]);
    expect(server.requests[0]?.stream).toBe(true);
    expect(server.requests[0]?.chunksSent).toBe(4);
    expect(
      (server.requests[0]?.body as { stream_options?: unknown } | undefined)?.stream_options,
    ).toEqual({
      include_usage: true,
    });
  });

  it('returns a scripted tool call without streaming', async () => {
    const { model } = await chatModel({
      replies: [{ toolCalls: [{ name: 'weather', input: { city: 'Paris' }, id: 'call_abc' }] }],
    });
    const result = await generateText({
      model,
      prompt: 'Weather in Paris?',
      tools: { weather: weatherTool },
      maxRetries: 0,
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls.map((call) => [call.toolCallId, call.toolName, call.input])).toEqual([
      ['call_abc', 'weather', { city: 'Paris' }],
    ]);
  });

  it('streams two scripted tool calls as argument deltas', async () => {
    const { model } = await chatModel({
      replies: [
        {
          toolCalls: [
            { name: 'weather', input: { city: 'Paris' } },
            { name: 'weather', input: { city: 'Oslo' } },
          ],
        },
      ],
    });
    const result = streamText({
      model,
      prompt: 'Weather in Paris and Oslo?',
      tools: { weather: weatherTool },
      maxRetries: 0,
    });
    const inputDeltas: Record<string, string[]> = {};
    for await (const part of result.stream) {
      if (part.type === 'tool-input-delta') {
        inputDeltas[part.id] = [...(inputDeltas[part.id] ?? []), part.delta];
      }
    }
    const calls = await result.toolCalls;
    expect(calls.map((call) => [call.toolCallId, call.toolName, call.input])).toEqual([
      ['call_1', 'weather', { city: 'Paris' }],
      ['call_2', 'weather', { city: 'Oslo' }],
    ]);
    // Each call's arguments arrive in two pieces after a header naming the function.
    expect(Object.values(inputDeltas).map((pieces) => pieces.length)).toEqual([2, 2]);
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('sends json_schema for Output.object and parses the scripted JSON', async () => {
    const { server, model } = await chatModel({
      replies: [{ text: '{"city":"Paris","celsius":21}' }],
    });
    const result = await generateText({
      model,
      prompt: 'Weather as JSON',
      output: Output.object({
        schema: jsonSchema<{ city: string; celsius: number }>({
          type: 'object',
          properties: { city: { type: 'string' }, celsius: { type: 'number' } },
          required: ['city', 'celsius'],
          additionalProperties: false,
        }),
      }),
      maxRetries: 0,
    });
    expect(result.output).toEqual({ city: 'Paris', celsius: 21 });
    const body = server.requests[0]?.body as { response_format?: { type: string } };
    expect(body.response_format?.type).toBe('json_schema');
  });

  it('echoes as a JSON object in json_object mode', async () => {
    const { server, model } = await chatModel();
    const result = await generateText({
      model,
      prompt: 'hi',
      output: Output.json(),
      maxRetries: 0,
    });
    expect(result.output).toEqual({ echo: 'hi' });
    const body = server.requests[0]?.body as { response_format?: { type: string } };
    expect(body.response_format?.type).toBe('json_object');
  });

  it('answers a multi-turn conversation from the last user message', async () => {
    const { model } = await chatModel();
    const result = await generateText({
      model,
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'echo: first' },
        { role: 'user', content: [{ type: 'text', text: 'second' }] },
      ],
      maxRetries: 0,
    });
    expect(result.text).toBe('echo: second');
  });
});
