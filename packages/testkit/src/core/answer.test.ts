import { describe, expect, it } from 'vitest';
import { estimateTokens, planAnswer, splitIntoChunks } from './answer.js';

describe('splitIntoChunks', () => {
  it('splits on words into the requested count and loses nothing', () => {
    const pieces = splitIntoChunks('one two three four five', 3);
    expect(pieces).toEqual(['one two ', 'three four ', 'five']);
  });

  it('falls back to characters when there are fewer words than chunks', () => {
    expect(splitIntoChunks('ok', 2)).toEqual(['o', 'k']);
  });

  it('defaults to one chunk per word, at most 8', () => {
    expect(splitIntoChunks('a b c')).toHaveLength(3);
    expect(splitIntoChunks('a b c d e f g h i j k l').join('')).toBe('a b c d e f g h i j k l');
    expect(splitIntoChunks('a b c d e f g h i j k l')).toHaveLength(8);
  });
});

describe('planAnswer', () => {
  const request = {
    lastUserText: 'hello there',
    promptText: 'You are terse. hello there',
    jsonMode: false,
  };

  it('echoes the last user message and estimates usage at ~4 characters a token', () => {
    const answer = planAnswer({}, request);
    expect(answer).toMatchObject({
      text: 'echo: hello there',
      finish: 'stop',
      usage: { inputTokens: estimateTokens(request.promptText), outputTokens: 5 },
    });
  });

  it('answers JSON in JSON mode', () => {
    expect(planAnswer({}, { ...request, jsonMode: true }).text).toBe('{"echo":"hello there"}');
  });

  it('turns scripted tool calls into calls with ids and JSON arguments', () => {
    const answer = planAnswer(
      { toolCalls: [{ name: 'weather', input: { city: 'Oslo' } }] },
      request,
    );
    expect(answer.finish).toBe('tool-calls');
    expect(answer.text).toBe('');
    expect(answer.toolCalls[0]).toMatchObject({
      id: 'call_1',
      name: 'weather',
      arguments: '{"city":"Oslo"}',
    });
    expect(answer.toolCalls[0]?.argumentChunks.join('')).toBe('{"city":"Oslo"}');
  });

  it('reports the scripted usage instead of the estimate', () => {
    expect(planAnswer({ usage: { inputTokens: 1000, outputTokens: 7 } }, request).usage).toEqual({
      inputTokens: 1000,
      outputTokens: 7,
    });
  });
});
