import { createGoogleGenerativeAI } from '@ai-sdk/google';
import {
  generateText,
  jsonSchema,
  Output,
  stepCountIs,
  streamText,
  type TextStreamPart,
  type ToolSet,
  tool,
} from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeServerOptions } from '../src/core/fake-server.js';
import { startFakeGemini } from '../src/gemini/start-fake-gemini.js';

async function fakeGemini(options?: FakeServerOptions) {
  const server = await startFakeGemini(options);
  onTestFinished(() => server.close());
  const google = createGoogleGenerativeAI({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, google };
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
});

type GeminiChunk = {
  candidates?: { content?: { parts?: Record<string, unknown>[] }; finishReason?: string }[];
  usageMetadata?: Record<string, number>;
  modelVersion?: string;
  responseId?: string;
};

/** Every part of a streamText call; `raw` holds each SSE chunk as the SDK parsed it. */
async function collect(result: { fullStream: AsyncIterable<TextStreamPart<ToolSet>> }) {
  const parts: TextStreamPart<ToolSet>[] = [];
  for await (const part of result.fullStream) parts.push(part);
  return {
    parts,
    deltas: parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])),
    raw: parts.flatMap((part) => (part.type === 'raw' ? [part.rawValue as GeminiChunk] : [])),
    finish: parts.find((part) => part.type === 'finish'),
  };
}

describe('fake Gemini: text', () => {
  it('echoes the last user message through generateText', async () => {
    const { server, google } = await fakeGemini();
    const result = await generateText({
      model: google('gemini-2.5-flash'),
      system: 'Be brief.',
      prompt: 'hello there',
      include: { responseBody: true },
    });
    expect([result.text, result.finishReason]).toEqual(['echo: hello there', 'stop']);
    expect(result.response.id).toMatch(/^[\w-]{23}$/);
    expect(result.response.body).toMatchObject({ modelVersion: 'gemini-2.5-flash' });
    const [entry] = server.requests;
    expect([entry?.method, entry?.path, entry?.model, entry?.stream, entry?.outcome]).toEqual([
      'POST',
      '/v1beta/models/gemini-2.5-flash:generateContent',
      'gemini-2.5-flash',
      false,
      'completed',
    ]);
    expect(entry?.headers['x-goog-api-key']).toBe('[redacted]');
  });

  it('estimates usage from system instruction and contents (about 4 characters a token)', async () => {
    const { google } = await fakeGemini();
    // Prompt "Be brief.\nhello there" is 21 characters: 6 tokens; "echo: hello there" 17: 5.
    const result = await generateText({
      model: google('gemini-2.5-flash'),
      system: 'Be brief.',
      prompt: 'hello there',
    });
    expect([result.usage.inputTokens, result.usage.outputTokens, result.usage.totalTokens]).toEqual(
      [6, 5, 11],
    );
    expect(result.providerMetadata?.google?.usageMetadata).toMatchObject({
      promptTokenCount: 6,
      candidatesTokenCount: 5,
      totalTokenCount: 11,
    });
  });

  it('returns a scripted text with the scripted usage', async () => {
    const { google } = await fakeGemini({
      replies: [{ text: 'scripted answer', usage: { inputTokens: 120, outputTokens: 7 } }],
    });
    const result = await generateText({ model: google('gemini-2.5-flash'), prompt: 'hi' });
    expect(result.text).toBe('scripted answer');
    expect([result.usage.inputTokens, result.usage.outputTokens, result.usage.totalTokens]).toEqual(
      [120, 7, 127],
    );
  });

  it('accepts the key as ?key= as well as the x-goog-api-key header', async () => {
    const { server } = await fakeGemini();
    // The SDK always sends the header; this fetch moves the key into the query, as REST examples do.
    const google = createGoogleGenerativeAI({
      baseURL: server.baseURL,
      apiKey: server.apiKey,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        const key = headers.get('x-goog-api-key') ?? '';
        headers.delete('x-goog-api-key');
        return fetch(`${String(input)}?key=${encodeURIComponent(key)}`, { ...init, headers });
      },
    });
    const { text } = await generateText({ model: google('gemini-2.5-flash'), prompt: 'hi' });
    expect(text).toBe('echo: hi');
    expect(server.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
    expect(server.requests[0]?.authorized).toBe(true);
  });
});

describe('fake Gemini: streaming', () => {
  it('streams one SSE chunk per text piece, then a chunk with finishReason STOP and usage', async () => {
    const { server, google } = await fakeGemini();
    const { deltas, raw, finish } = await collect(
      streamText({
        model: google('gemini-2.5-flash'),
        prompt: 'one two three',
        includeRawChunks: true,
      }),
    );
    expect(deltas).toEqual(['echo: ', 'one ', 'two ', 'three']);
    expect(raw).toHaveLength(5);
    expect(raw.map((chunk) => chunk.candidates?.[0]?.finishReason ?? null)).toEqual([
      null,
      null,
      null,
      null,
      'STOP',
    ]);
    // Content chunks carry the prompt count only; the last one has the output count too.
    expect(raw[0]?.usageMetadata).toEqual({
      promptTokenCount: 4,
      totalTokenCount: 4,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }],
    });
    expect(raw[4]?.usageMetadata).toMatchObject({
      promptTokenCount: 4,
      candidatesTokenCount: 5,
      totalTokenCount: 9,
    });
    expect(new Set(raw.map((chunk) => chunk.responseId)).size).toBe(1);
    expect(
      finish?.type === 'finish' && [finish.finishReason, finish.totalUsage.outputTokens],
    ).toEqual(['stop', 5]);
    const [entry] = server.requests;
    expect([entry?.path, entry?.stream, entry?.chunksSent, entry?.outcome]).toEqual([
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      true,
      4,
      'completed',
    ]);
  });

  it('splits a scripted text into the scripted number of chunks', async () => {
    const { google } = await fakeGemini({
      replies: [{ text: 'alpha beta gamma delta', chunks: 2 }],
    });
    const { deltas } = await collect(
      streamText({ model: google('gemini-2.5-flash'), prompt: 'hi' }),
    );
    expect(deltas).toEqual(['alpha beta ', 'gamma delta']);
  });
});

describe('fake Gemini: tool calls', () => {
  it('answers with a functionCall part; finishReason STOP becomes tool-calls', async () => {
    const { google } = await fakeGemini({
      replies: [{ toolCalls: [{ name: 'weather', input: { city: 'Oslo' } }] }],
    });
    const result = await generateText({
      model: google('gemini-2.5-flash'),
      prompt: 'Weather in Oslo?',
      tools: { weather: weatherTool },
      include: { responseBody: true },
    });
    expect(result.toolCalls.map(({ toolName, input }) => ({ toolName, input }))).toEqual([
      { toolName: 'weather', input: { city: 'Oslo' } },
    ]);
    expect([result.finishReason, result.text]).toEqual(['tool-calls', '']);
    expect(result.response.body).toMatchObject({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ functionCall: { name: 'weather', args: { city: 'Oslo' } } }],
          },
        },
      ],
    });
  });

  it('sends a scripted call id as functionCall.id and omits ids nobody scripted', async () => {
    const { google } = await fakeGemini({
      replies: [
        {
          toolCalls: [
            { name: 'weather', input: { city: 'Oslo' }, id: 'fc-oslo' },
            { name: 'weather', input: { city: 'Rome' } },
          ],
        },
      ],
    });
    const result = await generateText({
      model: google('gemini-2.5-flash'),
      prompt: 'Weather?',
      tools: { weather: weatherTool },
    });
    expect(result.toolCalls[0]?.toolCallId).toBe('fc-oslo');
    expect(result.toolCalls[1]?.toolCallId).not.toMatch(/^call_/);
  });

  it('streams text, then all function calls whole in one chunk', async () => {
    const { server, google } = await fakeGemini({
      replies: [
        {
          text: 'Checking.',
          toolCalls: [
            { name: 'weather', input: { city: 'Oslo' } },
            { name: 'weather', input: { city: 'Rome' } },
          ],
        },
      ],
    });
    const { parts, deltas, finish } = await collect(
      streamText({
        model: google('gemini-2.5-flash'),
        prompt: 'Weather?',
        tools: { weather: weatherTool },
      }),
    );
    expect(deltas).toEqual(['Checking.']);
    const calls = parts.flatMap((part) => (part.type === 'tool-call' ? [part.input] : []));
    expect(calls).toEqual([{ city: 'Oslo' }, { city: 'Rome' }]);
    expect(finish?.type === 'finish' && finish.finishReason).toBe('tool-calls');
    expect(server.requests[0]?.chunksSent).toBe(2);
  });

  it('reads the tool result turn and echoes the last user text on the next step', async () => {
    const { server, google } = await fakeGemini({
      replies: [{ toolCalls: [{ name: 'weather', input: { city: 'Oslo' } }] }],
    });
    const result = await generateText({
      model: google('gemini-2.5-flash'),
      prompt: 'Weather in Oslo?',
      tools: { weather: tool({ ...weatherTool, execute: async ({ city }) => `sunny in ${city}` }) },
      stopWhen: stepCountIs(2),
    });
    expect(result.text).toBe('echo: Weather in Oslo?');
    const second = server.requests[1]?.body as { contents: { role: string; parts: object[] }[] };
    expect(second.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(second.contents[2]?.parts[0]).toHaveProperty('functionResponse.name', 'weather');
  });
});

describe('fake Gemini: JSON mode', () => {
  it('answers responseMimeType application/json with a JSON echo that Output.object parses', async () => {
    const { server, google } = await fakeGemini();
    const { output } = await generateText({
      model: google('gemini-2.5-flash'),
      prompt: 'json please',
      output: Output.object({ schema: echoSchema }),
    });
    expect(output).toEqual({ echo: 'json please' });
    expect(server.requests[0]?.body).toMatchObject({
      generationConfig: { responseMimeType: 'application/json' },
    });
  });

  it('streams the JSON echo in pieces that Output.object assembles', async () => {
    const { google } = await fakeGemini({ replies: [{ chunks: 3 }] });
    const result = streamText({
      model: google('gemini-2.5-flash'),
      prompt: 'json please',
      output: Output.object({ schema: echoSchema }),
    });
    const { deltas } = await collect(result);
    expect(deltas).toHaveLength(3);
    expect(await result.output).toEqual({ echo: 'json please' });
  });
});

describe('fake Gemini: routing and request checks', () => {
  // Plain fetch: the SDK never sends these malformed requests.
  async function post(url: string, body: unknown, key: string) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': key },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { error: Record<string, unknown> },
    };
  }

  it('answers an unknown method with 404 NOT_FOUND', async () => {
    const { server } = await fakeGemini();
    const { status, body } = await post(
      `${server.baseURL}/models/gemini-2.5-flash:countTokens`,
      {},
      server.apiKey,
    );
    expect([status, body.error.code, body.error.status]).toEqual([404, 404, 'NOT_FOUND']);
  });

  it('answers a stream request without ?alt=sse, or one without contents, with 400 and no reply used', async () => {
    const { server, google } = await fakeGemini({ replies: [{ text: 'kept' }] });
    const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];
    const noSse = await post(
      `${server.baseURL}/models/gemini-2.5-flash:streamGenerateContent`,
      { contents },
      server.apiKey,
    );
    const noContents = await post(
      `${server.baseURL}/models/gemini-2.5-flash:generateContent`,
      {},
      server.apiKey,
    );
    expect([noSse.status, noSse.body.error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    expect(noSse.body.error.message).toMatch(/alt=sse/);
    expect(noContents.body.error.message).toBe(
      '* GenerateContentRequest.contents: contents is not specified',
    );
    const { text } = await generateText({ model: google('gemini-2.5-flash'), prompt: 'hi' });
    expect(text).toBe('kept');
  });
});
