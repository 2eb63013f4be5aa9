import Anthropic from '@anthropic-ai/sdk';
import type { DecisionTrace, RouterOptions, TargetOptions } from '@modelmux/core';
import type { FakeServerOptions } from '@modelmux/testkit';
import { describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { fakeTarget, type ProviderName } from './support/providers.js';
import { rawRequest } from './support/raw-http.js';

const price = { inputUsdPerMillion: 1, outputUsdPerMillion: 2 };
const messages = [{ role: 'user' as const, content: 'pass it through' }];

async function gatewayOver(targets: TargetOptions[], options: { passThrough?: boolean } = {}) {
  const decisions: DecisionTrace[] = [];
  const gateway = await startGateway(
    {
      targets,
      routes: { main: { targets: targets.map((target) => target.id) } },
      onDecision: (trace) => decisions.push(trace),
    } as RouterOptions,
    options,
  );
  const client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
  return { gateway, client, decisions };
}

function anthropicTarget(id: string, options: FakeServerOptions = {}) {
  return fakeTarget('anthropic', id, options, { price });
}

function postMessages(url: string, body: Record<string, unknown>) {
  return rawRequest(`${url}/v1/messages`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ max_tokens: 100, ...body }),
  });
}

/** The text of a Messages SSE answer, and whether it ended with message_stop or an error event. */
function readEvents(text: string): { text: string; stopped: boolean; error: boolean } {
  let answer = '';
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = JSON.parse(line.slice(6)) as { type: string; delta?: { text?: string } };
    if (data.type === 'content_block_delta') answer += data.delta?.text ?? '';
  }
  return {
    text: answer,
    stopped: text.includes('event: message_stop'),
    error: text.includes('event: error'),
  };
}

describe('pass-through to an Anthropic Messages target', () => {
  it("non-stream: sends the client's body with the target's model, and answers the upstream's message", async () => {
    const haiku = await anthropicTarget('haiku', {
      defaultReply: { usage: { inputTokens: 12, outputTokens: 6 } },
    });
    const { client, decisions } = await gatewayOver([haiku.target]);
    const { data, response } = await client.messages
      .create({ model: 'main', max_tokens: 100, system: 'be brief', messages })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'echo: pass it through' }]);
    expect([data.model, data.id]).toEqual(['main', `msg_${response.headers.get('x-request-id')}`]);
    // The body as the client wrote it (translation would send content blocks, not a string).
    expect(haiku.server.requests[0]?.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      system: 'be brief',
      messages,
    });
    expect(haiku.server.requests[0]?.authorized).toBe(true);
    expect(response.headers.get('x-modelmux-target')).toBe('haiku');
    expect(decisions[0]?.attempts[0]?.usage).toEqual({ inputTokens: 12, outputTokens: 6 });
    expect(decisions[0]?.attempts[0]?.costUsd).toBeCloseTo((12 + 12) / 1e6, 12);
  });

  it('passThrough: false translates the same request through the AI SDK', async () => {
    const haiku = await anthropicTarget('haiku');
    const { client } = await gatewayOver([haiku.target], { passThrough: false });
    await client.messages.create({ model: 'main', max_tokens: 100, messages });
    const sent = haiku.server.requests[0]?.body as { messages: { content: unknown }[] };
    expect(Array.isArray(sent.messages[0]?.content)).toBe(true);
  });

  it('stream: relays the named events, with usage for the cost', async () => {
    const haiku = await anthropicTarget('haiku', {
      defaultReply: { chunks: 3, usage: { inputTokens: 9, outputTokens: 4 } },
    });
    const { client, decisions } = await gatewayOver([haiku.target]);
    const stream = client.messages.stream({ model: 'main', max_tokens: 100, messages });
    const message = await stream.finalMessage();
    expect([message.content, message.model]).toEqual([
      [{ type: 'text', text: 'echo: pass it through' }],
      'main',
    ]);
    expect(message.usage.output_tokens).toBe(4);
    expect(decisions[0]?.attempts[0]?.usage).toEqual({ inputTokens: 9, outputTokens: 4 });
    expect(decisions[0]?.outcome).toBe('success');
  });
});

describe.each([false, true])(
  'fail-over from an Anthropic pass-through target (stream: %s)',
  (stream) => {
    it.each<[string, FakeServerOptions['defaultReply']]>([
      ['529 overloaded', { error: 'overloaded' }],
      ['a reset before the answer', { fault: 'reset' }],
      ['a break before the first content', { resetAfterChunks: 0 }],
    ])('%s on the first target: the second answers', async (_name, fault) => {
      const first = await anthropicTarget('first', { defaultReply: fault });
      const second = await anthropicTarget('second');
      const { gateway } = await gatewayOver([first.target, second.target]);
      const raw = await postMessages(gateway.url, { model: 'main', stream, messages });
      expect(raw.status).toBe(200);
      const text = stream
        ? readEvents(raw.text).text
        : (raw.json as { content: { text: string }[] }).content[0]?.text;
      expect(text).toBe('echo: pass it through');
      expect([raw.headers['x-modelmux-target'], raw.headers['x-modelmux-attempts']]).toEqual([
        'second',
        '2',
      ]);
    });

    it.each<[ProviderName, ProviderName]>([
      ['anthropic', 'openai'],
      ['openai', 'anthropic'],
    ])(
      '%s failing first, then %s: the client gets Anthropic’s protocol',
      async (failing, answering) => {
        const first = await fakeTarget(
          failing,
          'first',
          { defaultReply: { status: 503 } },
          { price },
        );
        const second = await fakeTarget(answering, 'second', {}, { price });
        const { gateway } = await gatewayOver([first.target, second.target]);
        const raw = await postMessages(gateway.url, { model: 'main', stream, messages });
        const text = stream
          ? readEvents(raw.text).text
          : (raw.json as { content: { text: string }[] }).content[0]?.text;
        expect([raw.status, text, raw.headers['x-modelmux-target']]).toEqual([
          200,
          'echo: pass it through',
          'second',
        ]);
      },
    );
  },
);

describe('an Anthropic pass-through stream that breaks after its first content', () => {
  it('ends with the error event and no message_stop, without failing over', async () => {
    const first = await anthropicTarget('first', {
      defaultReply: { chunks: 6, resetAfterChunks: 2 },
    });
    const second = await anthropicTarget('second');
    const { gateway, decisions } = await gatewayOver([first.target, second.target]);
    const raw = await postMessages(gateway.url, {
      model: 'main',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four five six' }],
    });
    const events = readEvents(raw.text);
    expect([events.text.length > 0, events.stopped, events.error]).toEqual([true, false, true]);
    expect(second.server.requests.length).toBe(0);
    expect(decisions[0]?.outcome).toBe('interrupted');
  });
});
