import { routingQuality, seededRandom } from '@modelmux/core';
import type { Row } from './data.js';
import type { RouterRun } from './routers.js';

/** Price of a strong call over a weak one: the paper's pair (GPT-4 vs Mixtral) and a modern one. */
export const priceRatios = [100, 10] as const;

export interface RouterFigures {
  name: string;
  /** At the router's operating point. */
  strongShare: number;
  /** Relative to sending every call to the strong model, by price ratio. */
  costVsStrong: Record<(typeof priceRatios)[number], number>;
  qualityVsStrong: number;
  /** Over all thresholds. */
  apgr: number;
  shareFor95: number;
  /** 95% bootstrap interval of APGR, when computed. */
  apgrInterval?: [number, number];
}

/**
 * Figures of one router on one set. `cascade`: the weak model answers every call, so a cascade
 * pays for it on top of the escalations.
 */
export function routerFigures(
  name: string,
  rows: readonly Row[],
  run: RouterRun,
  { cascade = false, operatingShare }: { cascade?: boolean; operatingShare?: number } = {},
): RouterFigures {
  const outcomes = rows.map(({ weak, strong }) => ({ weak, strong }));
  const summary = routingQuality(outcomes, run.scores);
  const routed = run.routedStrong ?? topShare(run.scores, operatingShare ?? 0.5);
  const n = rows.length;
  const strongCalls = routed.filter(Boolean).length;
  const quality =
    rows.reduce((sum, row, index) => sum + (routed[index] ? row.strong : row.weak), 0) / n;
  const strongShare = strongCalls / n;
  const cost = (ratio: number) =>
    cascade ? strongShare + 1 / ratio : strongShare + (1 - strongShare) / ratio;
  return {
    name,
    strongShare,
    costVsStrong: { 100: cost(100), 10: cost(10) },
    qualityVsStrong: quality / summary.strongQuality,
    apgr: summary.apgr,
    shareFor95: summary.shareFor95,
  };
}

/** Sends the `share` of rows with the highest scores to strong. */
function topShare(scores: readonly number[], share: number): boolean[] {
  const order = scores
    .map((_, index) => index)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const routed = new Array<boolean>(scores.length).fill(false);
  for (const index of order.slice(0, Math.round(share * scores.length))) routed[index] = true;
  return routed;
}

/** 95% percentile bootstrap interval of APGR (rows resampled with replacement). */
export function bootstrapApgr(
  rows: readonly Row[],
  scores: readonly number[],
  { samples, seed }: { samples: number; seed: number },
): [number, number] {
  const random = seededRandom(seed);
  const values: number[] = [];
  while (values.length < samples) {
    const picks = rows.map(() => Math.floor(random() * rows.length));
    const outcomes = picks.map((index) => ({
      weak: (rows[index] as Row).weak,
      strong: (rows[index] as Row).strong,
    }));
    const strong = outcomes.reduce((sum, row) => sum + row.strong, 0);
    const weak = outcomes.reduce((sum, row) => sum + row.weak, 0);
    if (Math.abs(strong - weak) < 1e-9) continue;
    values.push(
      routingQuality(
        outcomes,
        picks.map((index) => scores[index] as number),
      ).apgr,
    );
  }
  values.sort((a, b) => a - b);
  return [
    values[Math.floor(samples * 0.025)] as number,
    values[Math.ceil(samples * 0.975) - 1] as number,
  ];
}
