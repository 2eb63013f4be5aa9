import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeEmbeddingTarget, fakeTarget } from './support/providers.js';

async function chatGateway(options: Parameters<typeof fakeTarget>[2] = {}) {
  const mini = await fakeTarget('openai', 'mini', options);
  const embed = await fakeEmbeddingTarget('embed-small');
  const gateway = await startGateway({
    targets: [mini.target, embed.target],
    routes: { main: { targets: ['mini'] }, embed: { targets: ['embed-small'] } },
  });
  return { gateway, upstream: mini.server, embedServer: embed.server };
}

describe('the official openai client', () => {
  it('gets a chat completion with the routing headers', async () => {
    const { gateway } = await chatGateway();
    const { data, response } = await gateway
      .openai()
      .chat.completions.create({ model: 'main', messages: [{ role: 'user', content: 'hello' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('echo: hello');
    expect([data.object, data.model, data.choices[0]?.finish_reason]).toEqual([
      'chat.completion',
      'main',
      'stop',
    ]);
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(data.id).toBe(`chatcmpl-${response.headers.get('x-request-id')}`);
    expect({
      route: response.headers.get('x-modelmux-route'),
      target: response.headers.get('x-modelmux-target'),
      attempts: response.headers.get('x-modelmux-attempts'),
    }).toEqual({ route: 'main', target: 'mini', attempts: '1' });
    expect(Number(response.headers.get('x-modelmux-overhead-ms'))).toBeGreaterThanOrEqual(0);
  });

  it('streams a completion with usage last, then [DONE]', async () => {
    const { gateway } = await chatGateway({ defaultReply: { chunks: 4 } });
    const { data: stream, response } = await gateway
      .openai()
      .chat.completions.create({
        model: 'main',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'one two three' }],
      })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-modelmux-target')).toBe('mini');
    expect(Number(response.headers.get('x-modelmux-overhead-ms'))).toBeGreaterThanOrEqual(0);
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('echo: one two three');
    const last = chunks.at(-1);
    expect([last?.choices.length, (last?.usage?.completion_tokens ?? 0) > 0]).toEqual([0, true]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('passes tools and answers with tool calls, streamed and not', async () => {
    const toolCalls = [{ name: 'weather', input: { city: 'Paris' }, id: 'call_1' }];
    const { gateway, upstream } = await chatGateway({ defaultReply: { toolCalls } });
    const request = {
      model: 'main',
      messages: [{ role: 'user' as const, content: 'weather in Paris?' }],
      tools: [
        {
          type: 'function' as const,
          function: {
            name: 'weather',
            description: 'Current weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        },
      ],
      tool_choice: 'required' as const,
    };
    const completion = await gateway.openai().chat.completions.create(request);
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(
      call?.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)],
    ).toEqual(['weather', { city: 'Paris' }]);
    const sent = upstream.requests[0]?.body as {
      tools: { function: { name: string } }[];
      tool_choice: unknown;
    };
    expect([sent.tools[0]?.function.name, sent.tool_choice]).toEqual(['weather', 'required']);

    const stream = gateway.openai().chat.completions.stream(request);
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.type === 'function' && JSON.parse(streamed.function.arguments)).toEqual({
      city: 'Paris',
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('asks for JSON schema output and returns the JSON', async () => {
    const { gateway, upstream } = await chatGateway();
    const completion = await gateway.openai().chat.completions.create({
      model: 'main',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'echo',
          strict: true,
          schema: {
            type: 'object',
            properties: { echo: { type: 'string' } },
            required: ['echo'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ echo: 'hi' });
    const sent = upstream.requests[0]?.body as { response_format: { type: string } };
    expect(sent.response_format.type).toBe('json_schema');
  });

  it('gets embeddings as floats and as base64', async () => {
    const { gateway, embedServer } = await chatGateway();
    const client = gateway.openai();
    const floats = await client.embeddings.create({
      model: 'embed',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    expect([floats.data.length, floats.data[0]?.embedding.length, floats.model]).toEqual([
      2,
      8,
      'embed',
    ]);
    // The client asks for base64 by default and decodes it.
    const decoded = await client.embeddings.create({ model: 'embed', input: ['a', 'b'] });
    expect(decoded.data[0]?.embedding).toEqual(
      floats.data[0]?.embedding.map((value) => Math.fround(value)),
    );
    expect(embedServer.requests.length).toBe(2);
  });

  it('lists the routes and targets as models, and retrieves one', async () => {
    const { gateway } = await chatGateway();
    const client = gateway.openai();
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['main', 'embed', 'mini', 'embed-small']);
    expect((await client.models.retrieve('mini')).id).toBe('mini');
  });

  it('aborts the upstream request when the client aborts mid-stream', async () => {
    const { gateway, upstream } = await chatGateway({
      defaultReply: { chunks: 8, chunkDelayMs: 200 },
    });
    const controller = new AbortController();
    const stream = await gateway
      .openai()
      .chat.completions.create(
        { model: 'main', stream: true, messages: [{ role: 'user', content: 'a b c d e f g h' }] },
        { signal: controller.signal },
      );
    let text = '';
    // openai-node ends the iteration quietly on its own abort.
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (text.length > 0) controller.abort();
    }
    const closed = await upstream.waitForClose(1);
    expect([closed.outcome, closed.chunksSent < 8]).toEqual(['client-closed', true]);
    await gateway.log.waitFor((record) => record.msg === 'request');
    expect(gateway.log.records().map(({ status, clientClosed }) => [status, clientClosed])).toEqual(
      [[200, true]],
    );
  });
});
