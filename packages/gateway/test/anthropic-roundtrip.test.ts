import Anthropic from '@anthropic-ai/sdk';
import { createRouter, type TargetOptions } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { anthropicErrorBody } from '../src/anthropic/anthropic-error.js';
import { parseMessagesRequest } from '../src/anthropic/messages-request.js';
import { toAnthropicMessage } from '../src/anthropic/messages-response.js';
import { anthropicMessageEvents } from '../src/anthropic/messages-stream.js';
import { gatewayErrorOf } from '../src/openai/gateway-error.js';
import { fakeTarget, providerNames } from './support/providers.js';

// The official Anthropic SDK over the Anthropic translation: its `fetch` runs the translation and
// the router's model at the spec level in-process (the gateway's HTTP server is tested apart), so
// what is checked is that the SDK accepts what the translation writes.

function anthropicOver(targets: TargetOptions[]): Anthropic {
  const router = createRouter({
    targets,
    routes: { main: { targets: targets.map((target) => target.id) } },
  });
  const fetch = async (_url: unknown, init?: RequestInit): Promise<Response> => {
    try {
      const request = parseMessagesRequest(JSON.parse(String(init?.body)));
      const binding = { signal: init?.signal ?? undefined, metadata: request.metadata };
      const model = router.createClient(binding).model(request.model);
      const identity = { id: 'msg_gateway1', model: request.model };
      if (!request.stream) {
        const result = await model.doGenerate(request.callOptions);
        return Response.json(toAnthropicMessage(result, identity));
      }
      const { stream } = await model.doStream(request.callOptions);
      const events = anthropicMessageEvents(stream, identity)[Symbol.asyncIterator]();
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await events.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        cancel: () => events.return?.().then(() => {}),
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    } catch (error) {
      const answer = gatewayErrorOf(error);
      return Response.json(anthropicErrorBody(answer), {
        status: answer.status,
        headers: { 'x-should-retry': 'false' },
      });
    }
  };
  return new Anthropic({
    apiKey: 'unused',
    baseURL: 'http://gateway.invalid',
    fetch,
    maxRetries: 0,
  });
}

const weather = {
  name: 'weather',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

describe.each(providerNames)('Anthropic SDK through %s', (provider) => {
  it('creates a message', async () => {
    const { target } = await fakeTarget(provider, provider, {
      defaultReply: { text: 'Bonjour', usage: { inputTokens: 5, outputTokens: 2 } },
    });
    const message = await anthropicOver([target]).messages.create({
      model: 'main',
      max_tokens: 50,
      system: 'Answer in French.',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect([
      message.content,
      message.stop_reason,
      message.usage.input_tokens,
      message.usage.output_tokens,
    ]).toEqual([[{ type: 'text', text: 'Bonjour' }], 'end_turn', 5, 2]);
  });

  it('streams a message the SDK accumulates, usage included', async () => {
    const { target } = await fakeTarget(provider, provider, {
      defaultReply: { text: 'one two three', usage: { inputTokens: 6, outputTokens: 3 } },
    });
    const stream = anthropicOver([target]).messages.stream({
      model: 'main',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'count' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe('one two three');
    expect([
      message.content,
      message.stop_reason,
      message.usage.input_tokens,
      message.usage.output_tokens,
    ]).toEqual([[{ type: 'text', text: 'one two three' }], 'end_turn', 6, 3]);
  });

  it('streams a tool call the SDK parses, then carries its result back upstream', async () => {
    const { server, target } = await fakeTarget(provider, provider, {
      replies: [{ toolCalls: [{ name: 'weather', input: { city: 'Paris' }, id: 'toolu_9' }] }],
      defaultReply: { text: 'Sunny.' },
    });
    const client = anthropicOver([target]);
    const first = await client.messages
      .stream({
        model: 'main',
        max_tokens: 50,
        tools: [weather],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      })
      .finalMessage();
    const call = first.content.find((block) => block.type === 'tool_use');
    expect([call?.name, call?.input, first.stop_reason]).toEqual([
      'weather',
      { city: 'Paris' },
      'tool_use',
    ]);
    const second = await client.messages.create({
      model: 'main',
      max_tokens: 50,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: call?.id ?? '', content: '18 C and sunny' },
          ],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Sunny.' }]);
    expect(JSON.stringify(server.requests[1]?.body)).toContain('18 C and sunny');
  });

  it('throws the stream error when the answer breaks after content', async () => {
    const { target } = await fakeTarget(provider, provider, {
      defaultReply: { text: 'one two three four', chunks: 4, resetAfterChunks: 2 },
    });
    const stream = anthropicOver([target]).messages.stream({
      model: 'main',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'count' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const error = await stream.finalMessage().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String((error as Error).message)).toContain(`The stream from target '${provider}'`);
    expect(deltas.length).toBeGreaterThan(0);
  });
});

describe('Anthropic SDK errors', () => {
  it('surfaces an unknown model as NotFoundError and a bad field as BadRequestError', async () => {
    const { target } = await fakeTarget('anthropic', 'haiku');
    const client = anthropicOver([target]);
    const unknown = await client.messages
      .create({ model: 'nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    const bad = await client.messages
      .create({
        model: 'main',
        max_tokens: 0,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((error: unknown) => error);
    expect([
      unknown instanceof Anthropic.NotFoundError,
      bad instanceof Anthropic.BadRequestError,
    ]).toEqual([true, true]);
    expect((bad as Error).message).toContain("Invalid 'max_tokens': 0 is below the minimum of 1.");
  });
});
