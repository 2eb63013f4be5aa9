/**
 * Routing quality as RouteLLM measures it. A router ranks prompts by score; sending the top k to
 * the strong model gives quality q(k). PGR(k) = (q(k) - q_weak) / (q_strong - q_weak), and APGR is
 * the area under PGR over the strong-call share from 0 to 1 (trapezoids at every k).
 */
export interface Outcome {
  weak: number;
  strong: number;
}

export interface CurvePoint {
  strongShare: number;
  quality: number;
}

/**
 * The quality curve at each boundary between score groups, prompts taken in descending score
 * order. Prompts with equal scores form one group that a threshold takes or leaves whole; between
 * two boundaries the curve is the straight line a random tie-break gives on average.
 */
export function qualityCurve(
  outcomes: readonly Outcome[],
  scores: readonly number[],
): CurvePoint[] {
  const n = outcomes.length;
  const order = outcomes
    .map((_, index) => index)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let total = outcomes.reduce((sum, row) => sum + row.weak, 0);
  const points: CurvePoint[] = [{ strongShare: 0, quality: total / n }];
  order.forEach((index, position) => {
    const row = outcomes[index] as Outcome;
    total += row.strong - row.weak;
    const next = order[position + 1];
    if (next !== undefined && scores[next] === scores[index]) return;
    points.push({ strongShare: (position + 1) / n, quality: total / n });
  });
  return points;
}

export function meanOf(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface CurveSummary {
  /** Mean outcome when every call goes to the weak / the strong model. */
  weakQuality: number;
  strongQuality: number;
  /** Average performance gap recovered: area under PGR over the strong-call share. */
  apgr: number;
  /** Smallest strong-call share whose quality reaches 95% of all-strong quality. */
  shareFor95: number;
}

/** APGR and the share for 95% quality of a router that ranks `outcomes` by `scores`. */
export function routingQuality(
  outcomes: readonly Outcome[],
  scores: readonly number[],
): CurveSummary {
  return summarizeCurve(outcomes, qualityCurve(outcomes, scores));
}

export function summarizeCurve(
  outcomes: readonly Outcome[],
  curve: readonly CurvePoint[],
): CurveSummary {
  const weak = meanOf(outcomes.map((row) => row.weak));
  const strong = meanOf(outcomes.map((row) => row.strong));
  let area = 0;
  for (let index = 1; index < curve.length; index += 1) {
    const left = curve[index - 1] as CurvePoint;
    const right = curve[index] as CurvePoint;
    const pgr = (point: CurvePoint) => (point.quality - weak) / (strong - weak);
    area += ((pgr(left) + pgr(right)) / 2) * (right.strongShare - left.strongShare);
  }
  return {
    weakQuality: weak,
    strongQuality: strong,
    apgr: area,
    shareFor95: shareForQuality(curve, 0.95 * strong),
  };
}

/** The smallest strong-call share whose quality reaches `goal`, interpolating within a group. */
export function shareForQuality(curve: readonly CurvePoint[], goal: number): number {
  for (let index = 0; index < curve.length; index += 1) {
    const point = curve[index] as CurvePoint;
    if (point.quality < goal - 1e-12) continue;
    const before = curve[index - 1];
    if (!before) return point.strongShare;
    const fraction = (goal - before.quality) / (point.quality - before.quality);
    return before.strongShare + fraction * (point.strongShare - before.strongShare);
  }
  return 1;
}
