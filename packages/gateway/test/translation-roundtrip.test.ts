import { createRouter, type TargetOptions } from '@modelmux/core';
import type { FakeServerOptions } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../src/openai/chat-request.js';
import { toChatCompletion } from '../src/openai/chat-response.js';
import { chatCompletionChunks } from '../src/openai/chat-stream.js';
import { assembleChatStream } from './support/chat-sse.js';
import { fakeTarget, type ProviderName, providerNames } from './support/providers.js';

// The translation functions end to end, with no HTTP server of the gateway's own: an OpenAI body
// is parsed, the router's model is called at the spec level (doStream/doGenerate, no streamText),
// and the answer is rendered and read back as a client would.

const identity = { id: 'chatcmpl-t1', model: 'main', created: 1_795_000_000 };
const weather = {
  type: 'function',
  function: {
    name: 'weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

function routerOver(targets: TargetOptions[]) {
  const router = createRouter({
    targets,
    routes: { main: { targets: targets.map((target) => target.id) } },
  });
  return router.createClient({
    signal: new AbortController().signal,
    metadata: { test: 'roundtrip' },
  });
}

async function streamThrough(targets: TargetOptions[], body: Record<string, unknown>) {
  const request = parseChatRequest({ model: 'main', stream: true, ...body });
  const model = routerOver(targets).model(request.model);
  const { stream } = await model.doStream(request.callOptions);
  return assembleChatStream(
    chatCompletionChunks(stream, { ...identity, includeUsage: request.includeUsage }),
  );
}

async function generateThrough(targets: TargetOptions[], body: Record<string, unknown>) {
  const request = parseChatRequest({ model: 'main', ...body });
  const result = await routerOver(targets).model(request.model).doGenerate(request.callOptions);
  return toChatCompletion(result, identity);
}

async function only(provider: ProviderName, options: FakeServerOptions = {}) {
  const { server, target } = await fakeTarget(provider, provider, options);
  return { server, targets: [target] };
}

describe.each(providerNames)('through %s', (provider) => {
  it('streams the answer, the usage chunk and [DONE]', async () => {
    const { targets } = await only(provider, {
      defaultReply: { text: 'Hello there, friend', usage: { inputTokens: 11, outputTokens: 7 } },
    });
    const answer = await streamThrough(targets, {
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    });
    expect(answer).toMatchObject({
      role: 'assistant',
      content: 'Hello there, friend',
      finishReason: 'stop',
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
      error: undefined,
      done: true,
    });
    expect(answer.data.at(-1)).toBe('[DONE]');
  });

  it('streams a tool call that reassembles to the provider call', async () => {
    const { targets } = await only(provider, {
      defaultReply: { toolCalls: [{ name: 'weather', input: { city: 'Paris' }, id: 'call_7' }] },
    });
    const answer = await streamThrough(targets, {
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
      tool_choice: 'required',
    });
    expect(answer.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['weather', { city: 'Paris' }],
    ]);
    expect(answer.toolCalls[0]?.id).not.toBe('');
    expect([answer.finishReason, answer.done]).toEqual(['tool_calls', true]);
  });

  it('answers without streaming: content, finish reason and usage', async () => {
    const { targets } = await only(provider, {
      defaultReply: { text: 'Bonjour', usage: { inputTokens: 4, outputTokens: 2 } },
    });
    const completion = await generateThrough(targets, {
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'hello' },
      ],
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(completion.choices[0]).toMatchObject({
      message: { role: 'assistant', content: 'Bonjour' },
      finish_reason: 'stop',
    });
    expect(completion.usage).toMatchObject({
      prompt_tokens: 4,
      completion_tokens: 2,
      total_tokens: 6,
    });
  });

  it('carries a tool result turn and a data: URL image to the provider in its own format', async () => {
    const { server, targets } = await only(provider, { defaultReply: { text: 'Sunny.' } });
    const completion = await generateThrough(targets, {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather where this photo was taken?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAA=' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18 C and sunny' },
      ],
      tools: [weather],
    });
    expect(completion.choices[0]?.message.content).toBe('Sunny.');
    const upstream = JSON.stringify(server.requests[0]?.body);
    for (const piece of ['iVBORw0KGgoAAAA=', 'image/png', 'weather', 'Paris', '18 C and sunny'])
      expect(upstream).toContain(piece);
  });

  it('answers a json_schema request with JSON', async () => {
    const { targets } = await only(provider);
    const completion = await generateThrough(targets, {
      messages: [{ role: 'user', content: 'ping' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'echo',
          schema: {
            type: 'object',
            properties: { echo: { type: 'string' } },
            required: ['echo'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ echo: 'ping' });
  });

  it('ends a stream that breaks after content with an error event and no [DONE]', async () => {
    const { targets } = await only(provider, {
      defaultReply: { text: 'one two three four', chunks: 4, resetAfterChunks: 2 },
    });
    const answer = await streamThrough(targets, { messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.content.length).toBeGreaterThan(0);
    expect('one two three four'.startsWith(answer.content)).toBe(true);
    expect(answer.content).not.toBe('one two three four');
    expect(answer.error).toMatchObject({ type: 'server_error', code: 'stream-interrupted' });
    expect(answer.error?.message).toContain(`The stream from target '${provider}'`);
    expect([answer.finishReason, answer.done, answer.data.includes('[DONE]')]).toEqual([
      null,
      false,
      false,
    ]);
  });
});

describe('fail-over through the translation', () => {
  it('shows the client only the answer of the target that took over', async () => {
    const down = await fakeTarget('openai', 'openai', { defaultReply: { status: 503 } });
    const up = await fakeTarget('anthropic', 'anthropic', { defaultReply: { text: 'from haiku' } });
    const answer = await streamThrough([down.target, up.target], {
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect([
      answer.content,
      answer.done,
      down.server.requests.length,
      up.server.requests.length,
    ]).toEqual(['from haiku', true, 1, 1]);
  });
});
