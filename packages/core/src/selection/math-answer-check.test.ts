import { describe, expect, it } from 'vitest';
import { evaluateArithmetic } from './arithmetic.js';
import { mathAnswerCheck } from './math-answer-check.js';

describe('evaluateArithmetic', () => {
  it('reads numbers with separators, units and the usual operators, without eval', () => {
    expect(evaluateArithmetic('1,200 + 3 x 4')).toBe(1212);
    expect(evaluateArithmetic('$12 * (1 - 20%/100)')).toBeCloseTo(9.6);
    expect(evaluateArithmetic('(12 / 20) * 100')).toBe(60);
    expect(evaluateArithmetic('2 ^ 3 ^ 2')).toBe(512);
    expect(evaluateArithmetic('-3 + 5')).toBe(2);
    expect(evaluateArithmetic('process.exit()')).toBeUndefined();
  });
});

describe('mathAnswerCheck', () => {
  it('finds nothing wrong with a sound worked answer', () => {
    expect(
      mathAnswerCheck(
        'She has 16 - 3 = <<16-3=13>>13 eggs, sells 13 * 2 = <<13*2=26>>26.\n#### 26',
        {
          prompt: 'She has 16 eggs, eats 3 and sells the rest at $2.',
        },
      ),
    ).toEqual({ suspicion: 0, reasons: [] });
  });

  it('flags steps that do not add up, in annotations and in chains', () => {
    expect(mathAnswerCheck('3 * 4 = <<3*4=13>>13\n#### 13').reasons).toEqual([
      '1 arithmetic step(s) do not add up',
    ]);
    expect(mathAnswerCheck('22 + 4 x 12 = 22 + 48 = 71\n#### 71').reasons).toEqual([
      '1 arithmetic step(s) do not add up',
    ]);
    expect(mathAnswerCheck('22 + 4 x 12 = 22 + 48 = 70\n#### 70').suspicion).toBe(0);
  });

  it('flags a missing, fractional or negative final answer, hedging and unused quantities', () => {
    expect(mathAnswerCheck('The answer is about 7').reasons).toEqual(['no final answer']);
    expect(mathAnswerCheck('#### 2.5').reasons).toEqual(['final answer is not a whole number']);
    expect(mathAnswerCheck('#### -4').reasons).toEqual(['final answer is negative']);
    expect(mathAnswerCheck('Assuming half a bolt rounds up: #### 3').reasons).toEqual([
      'the answer hedges',
    ]);
    expect(mathAnswerCheck('#### 3', { prompt: 'Take 3 boxes of 12 and 7 more.' })).toEqual({
      suspicion: 0.6,
      reasons: ['2 number(s) of the question unused'],
    });
  });
});
