/**
 * The zero-config complexity scorer: a score in [0, 1] from what a prompt's text shows, with no
 * model and no I/O. Higher means harder: longer prompts, several numbers or steps, code, proofs,
 * constraints. It is a rough prior; a scorer trained on your own traffic does better.
 */

export interface HeuristicSignals {
  /** 0..1 from the prompt's length (log scale, 1 at ~2,000 words). */
  length: number;
  /** 0..1 from quantities to combine (numbers, fractions, percentages). */
  quantities: number;
  /** 0..1 from words that ask for reasoning (prove, derive, step by step, why...). */
  reasoning: number;
  /** 1 when the prompt holds or asks for code. */
  code: number;
  /** 0..1 from explicit constraints and multi-part asks. */
  constraints: number;
}

const weights: Record<keyof HeuristicSignals, number> = {
  length: 0.45,
  quantities: 0.3,
  reasoning: 0.1,
  code: 0.1,
  constraints: 0.05,
};

const reasoningWords =
  /\b(?:prove|proof|derive|deduce|step[- ]by[- ]step|explain why|justify|analy[sz]e|evaluate|compare|contrast|optimi[sz]e|algorithm|complexity|calculate|compute|solve|how many|how much|what is the probability|estimate|implications?|trade-?offs?|critique)\b/gi;
const codePattern =
  /```|\b(?:def|function|class|return|import|const|let|var|public|static|void|SELECT|FROM|WHERE)\b|=>|#include|\w+\([^)]*\)\s*[{:]|\b(?:python|javascript|typescript|java|c\+\+|rust|golang|sql|regex|bash)\b/i;
const constraintWords =
  /\b(?:must|exactly|at least|at most|no more than|without|only|each|every|then|after that|finally|first|second|third|also|additionally)\b/gi;
const quantityPattern =
  /\d+(?:[.,]\d+)?%?|\b(?:half|twice|double|triple|third|quarter|percent)\b/gi;

/** The text holds code, or asks for it by language name. */
export function looksLikeCode(text: string): boolean {
  return codePattern.test(text);
}

const saturate = (count: number, full: number) => Math.min(1, count / full);

export function heuristicSignals(prompt: string): HeuristicSignals {
  const words = prompt.split(/\s+/).filter((word) => word !== '').length;
  return {
    length: Math.min(1, Math.log1p(words) / Math.log1p(2000)),
    quantities: saturate(prompt.match(quantityPattern)?.length ?? 0, 8),
    reasoning: saturate(prompt.match(reasoningWords)?.length ?? 0, 3),
    code: looksLikeCode(prompt) ? 1 : 0,
    constraints: saturate(prompt.match(constraintWords)?.length ?? 0, 6),
  };
}

/** The weighted sum of the signals, in [0, 1]. */
export function heuristicScore(prompt: string): number {
  const signals = heuristicSignals(prompt);
  let score = 0;
  for (const key of Object.keys(weights) as (keyof HeuristicSignals)[])
    score += weights[key] * signals[key];
  return Math.round(score * 1e6) / 1e6;
}
