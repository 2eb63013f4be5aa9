import { evaluateArithmetic, roughlyEqual } from './arithmetic.js';

/**
 * What `mathAnswerCheck` found in an answer. `suspicion` grows with every sign of a wrong
 * answer; 0 means none was found.
 */
export interface MathAnswerFindings {
  suspicion: number;
  reasons: string[];
}

const annotation = /<<([^<>=]+)=([^<>]+)>>/g;
// A run of arithmetic with at least one `=`: "12 * 4 = 48", "22 + 4 x 12 = 22 + 48 = 70".
const arithmeticRun =
  /[-+*/^()$%\d.,\s=×÷]*\d[-+*/^()$%\d.,\s=×÷]*=[-+*/^()$%\d.,\s=×÷]*\d[-+*/^()$%\d.,\s×÷]*/g;
const hedging =
  /\b(?:however|assum(?:e|ing|ption)|approximately|roughly|round(?:ed|ing)? (?:up|down|to)|not possible|cannot|can't|doesn't make sense|does not make sense|not enough information|impossible|actually|wait|i apologi[sz]e|mistake|unclear|ambiguous)\b/i;
const finalMarker = /####\s*\$?(-?[\d,]*\.?\d+)/;

function numbersIn(text: string): number[] {
  return (text.replace(/(\d),(?=\d{3}\b)/g, '$1').match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
}

function numberOf(text: string): number | undefined {
  const value = Number(text.replace(/[,$%\s]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads a worked answer to a math word problem the way a reviewer would, without knowing the
 * right answer: recomputes every `a op b = c` step (and GSM8K-style `<<a*b=c>>` annotations),
 * looks for a final answer, for words that hedge and (given the prompt) for numbers of the
 * question the answer never uses. Built in as the cascade check
 * `{ mathAnswer: true }`.
 */
export function mathAnswerCheck(
  text: string,
  { prompt }: { prompt?: string } = {},
): MathAnswerFindings {
  const reasons: string[] = [];
  let suspicion = 0;
  let wrongSteps = 0;
  let lastResult: number | undefined;
  const checkStep = (expression: string, claimed: string) => {
    const expected = evaluateArithmetic(expression);
    const stated = numberOf(claimed);
    if (expected === undefined || stated === undefined) return;
    lastResult = stated;
    if (!roughlyEqual(stated, expected)) wrongSteps += 1;
  };
  for (const match of text.matchAll(annotation)) checkStep(match[1] as string, match[2] as string);
  // "a = b = c": every side that reads as arithmetic must agree with the one before it.
  const checkChain = (run: string) => {
    const sides = run
      .split('=')
      .map((side) => side.trim().replace(/^[.,]+|[.,]+$/g, ''))
      .filter((side) => /\d/.test(side));
    if (sides.length < 2 || !sides.slice(0, -1).some((side) => /\d\s*[-+*/^]\s*[\d($]/.test(side)))
      return;
    let previous: number | undefined;
    for (const side of sides) {
      const value = evaluateArithmetic(side);
      if (value === undefined) {
        previous = undefined;
        continue;
      }
      if (previous !== undefined && !roughlyEqual(value, previous)) wrongSteps += 1;
      previous = value;
      lastResult = value;
    }
  };
  // Annotated answers state each step twice; read the annotations only.
  if (!text.includes('<<')) {
    const spaced = text.replace(/(\d|\))\s*[xX]\s*(?=[\d($])/g, '$1 * ');
    for (const line of spaced.split('\n')) {
      for (const match of line.matchAll(arithmeticRun)) checkChain(match[0]);
    }
  }
  if (wrongSteps > 0) {
    suspicion += 3 * Math.min(wrongSteps, 2);
    reasons.push(`${wrongSteps} arithmetic step(s) do not add up`);
  }
  const marker = text.match(finalMarker);
  const final = marker ? numberOf(marker[1] as string) : undefined;
  if (final === undefined) {
    suspicion += 2;
    reasons.push('no final answer');
  } else {
    if (!Number.isInteger(final)) {
      suspicion += 1.5;
      reasons.push('final answer is not a whole number');
    }
    if (final < 0) {
      suspicion += 1;
      reasons.push('final answer is negative');
    }
    if (lastResult !== undefined && !roughlyEqual(final, lastResult)) {
      suspicion += 0.5;
      reasons.push('final answer differs from the last computed step');
    }
  }
  if (prompt !== undefined) {
    // A quantity of the question that the answer never uses is often a missed step.
    const used = new Set(numbersIn(text));
    const unused = new Set(numbersIn(prompt).filter((value) => !used.has(value))).size;
    if (unused > 0) {
      suspicion += 0.3 * Math.min(unused, 5);
      reasons.push(`${unused} number(s) of the question unused`);
    }
  }
  if (hedging.test(text)) {
    suspicion += 1;
    reasons.push('the answer hedges');
  }
  return { suspicion, reasons };
}
