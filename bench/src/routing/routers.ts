import {
  createTrainedScorer,
  heuristicScore,
  mathAnswerCheck,
  seededRandom,
  trainScorer,
} from '@modelmux/core';
import type { Row } from './data.js';

/** A router's scores (higher: send to strong) and, when it has one, its operating threshold. */
export interface RouterRun {
  scores: number[];
  /** Strong when score >= threshold, per row (each fold's own threshold for the trained one). */
  routedStrong?: boolean[];
}

export function randomRouter(rows: readonly Row[], seed: number): RouterRun {
  const random = seededRandom(seed);
  return { scores: rows.map(() => random()) };
}

export function heuristicRouter(rows: readonly Row[]): RouterRun {
  return { scores: rows.map((row) => heuristicScore(row.prompt)) };
}

/**
 * The trained scorer, k-fold: for each fold, `trainScorer` (the public API `modelmux
 * train-router` calls) sees only the other folds, and the fold is scored by the file it wrote,
 * loaded with `createTrainedScorer`, at the threshold the file picked. No row is scored by a
 * model that saw it.
 */
export function trainedRouter(
  rows: readonly Row[],
  { folds, innerFolds, seed }: { folds: number; innerFolds: number; seed: number },
): RouterRun & { thresholds: number[] } {
  const random = seededRandom(seed);
  const order = rows.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  const foldOf = new Array<number>(rows.length);
  order.forEach((index, position) => {
    foldOf[index] = position % folds;
  });
  const scores = new Array<number>(rows.length).fill(0);
  const routedStrong = new Array<boolean>(rows.length).fill(false);
  const thresholds: number[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const train = rows
      .filter((_, index) => foldOf[index] !== fold)
      .map(({ prompt, weak, strong }) => ({ prompt, weak, strong }));
    const file = trainScorer(train, { folds: innerFolds, seed, targetQuality: 0.95 });
    const scorer = createTrainedScorer(JSON.parse(JSON.stringify(file)));
    thresholds.push(scorer.threshold);
    rows.forEach((row, index) => {
      if (foldOf[index] !== fold) return;
      const score = scorer.score(row.prompt);
      scores[index] = score;
      routedStrong[index] = score >= scorer.threshold;
    });
  }
  return { scores, routedStrong, thresholds };
}

/**
 * The cascade on GSM8K: the weak model always answers; the `mathAnswer` check reads only that
 * answer and the prompt (never the correctness labels) and escalates suspicious ones. Its
 * suspicion orders the escalations; `prior` (a prompt-only score, 0..1) breaks the many ties
 * among answers that show no problem. At the default check (`maxSuspicion: 1`) it escalates
 * where suspicion > 1.
 */
export function cascadeRouter(rows: readonly Row[], prior: readonly number[]): RouterRun {
  const suspicion = rows.map(
    (row) => mathAnswerCheck(row.weakResponse ?? '', { prompt: row.prompt }).suspicion,
  );
  return {
    scores: suspicion.map((value, index) => value + 0.5 * (prior[index] as number)),
    routedStrong: suspicion.map((value) => value > 1),
  };
}
