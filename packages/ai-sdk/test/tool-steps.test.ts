import { createRouter } from '@modelmux/core';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouterProvider } from '../src/index.js';
import { attemptsOf, threeProviders, traceOf } from './support/providers.js';

/** A weather tool that records every city it was called for. */
function weatherTool() {
  const calls: string[] = [];
  const weather = tool({
    description: 'Current weather in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      calls.push(city);
      return { city, temperatureC: 21 };
    },
  });
  return { calls, tools: { weather } };
}

const toolCall = { toolCalls: [{ name: 'weather', input: { city: 'Paris' }, id: 'toolu_1' }] };

describe('multi-step tool calls through the router provider', () => {
  it('routes both steps of generateText, each failing over, and runs the tool once', async () => {
    const fakes = await threeProviders({
      openai: { defaultReply: { status: 503 } },
      anthropic: { replies: [toolCall, { text: 'Sunny and 21 C in Paris.' }] },
    });
    const llm = createRouterProvider(
      createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
    );
    const { calls, tools } = weatherTool();

    const result = await generateText({
      model: llm('main'),
      tools,
      stopWhen: stepCountIs(3),
      prompt: 'Weather in Paris?',
    });

    expect(result.text).toBe('Sunny and 21 C in Paris.');
    expect(calls).toEqual(['Paris']);
    expect(result.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.steps[0]?.toolResults.map((part) => part.output)).toEqual([
      { city: 'Paris', temperatureC: 21 },
    ]);
    expect(result.steps.map((step) => attemptsOf(traceOf(step.providerMetadata)))).toEqual([
      ['openai:503', 'anthropic:success'],
      ['openai:503', 'anthropic:success'],
    ]);
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      2, 2, 0,
    ]);
    // The second request carries the tool's result back to the model.
    expect(JSON.stringify(fakes.anthropic.requests[1]?.body)).toContain('"type":"tool_result"');
    expect(JSON.stringify(fakes.anthropic.requests[1]?.body)).toContain('temperatureC');
  });

  it('continues a streamText tool loop on another provider once the first recovers', async () => {
    const fakes = await threeProviders({
      openai: { replies: [{ status: 503 }, { text: 'Sunny, 21 C.' }] },
      anthropic: { replies: [toolCall] },
    });
    const llm = createRouterProvider(
      createRouter({ targets: fakes.targets, routes: { main: fakes.route } }),
    );
    const { calls, tools } = weatherTool();

    const result = streamText({
      model: llm('main'),
      tools,
      stopWhen: stepCountIs(3),
      prompt: 'Weather in Paris?',
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);

    expect(await result.text).toBe('Sunny, 21 C.');
    expect(calls).toEqual(['Paris']);
    expect(types.filter((type) => type.startsWith('tool-') && !type.includes('input'))).toEqual([
      'tool-call',
      'tool-result',
    ]);
    expect(types.filter((type) => type === 'finish-step')).toHaveLength(2);
    const steps = await result.steps;
    expect(steps.map((step) => attemptsOf(traceOf(step.providerMetadata)))).toEqual([
      ['openai:503', 'anthropic:success'],
      ['openai:success'],
    ]);
    // Anthropic's tool call, answered in OpenAI's wire format on the second step.
    const secondBody = JSON.stringify(fakes.openai.requests[1]?.body);
    expect(secondBody).toContain('"role":"tool"');
    expect(secondBody).toContain('"tool_call_id":"toolu_1"');
    expect([fakes.openai, fakes.anthropic, fakes.gemini].map((s) => s.requests.length)).toEqual([
      2, 1, 0,
    ]);
  });
});
