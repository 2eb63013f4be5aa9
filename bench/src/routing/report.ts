import type { SetName } from './data.js';
import type { RouterFigures } from './figures.js';

export interface SetReport {
  name: SetName;
  rows: number;
  contaminated: number;
  routers: RouterFigures[];
  /** The thresholds each fold's trained scorer picked. */
  thresholds: number[];
  withoutMath?: { rows: number; routers: RouterFigures[] };
}

/** RouteLLM (arXiv 2406.18665), best router per benchmark, GPT-4 vs Mixtral. */
const published: Partial<Record<SetName, number>> = { mmlu: 0.603, gsm8k: 0.622 };

const titles: Record<SetName, string> = { mmlu: 'MMLU', gsm8k: 'GSM8K', mt_bench: 'MT-Bench' };
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const fixed = (value: number) => value.toFixed(3);

function table(routers: readonly RouterFigures[], set: SetName): string[] {
  const header =
    '| router | strong calls | cost vs all-strong (100x) | cost (10x) | quality vs all-strong | APGR | strong calls for 95% quality |';
  const lines = [header, '|---|---:|---:|---:|---:|---:|---:|'];
  for (const router of routers) {
    const interval = router.apgrInterval
      ? ` [${fixed(router.apgrInterval[0])}, ${fixed(router.apgrInterval[1])}]`
      : '';
    lines.push(
      `| ${router.name} | ${pct(router.strongShare)} | ${pct(router.costVsStrong[100])} | ${pct(router.costVsStrong[10])} | ${pct(router.qualityVsStrong)} | ${fixed(router.apgr)}${interval} | ${pct(router.shareFor95)} |`,
    );
  }
  const paper = published[set];
  if (paper !== undefined)
    lines.push(`| RouteLLM, best published router | | | | | ${fixed(paper)} | |`);
  lines.push('| RouteLLM, random router | | | | | 0.500 | |');
  return lines;
}

export interface Goal {
  text: string;
  value: string;
  met: boolean;
}

export function goalsOf(reports: readonly SetReport[]): Goal[] {
  const set = (name: SetName) => reports.find((report) => report.name === name) as SetReport;
  const router = (name: SetName, prefix: string) =>
    set(name).routers.find((entry) => entry.name.startsWith(prefix)) as RouterFigures;
  const goals: Goal[] = [];
  for (const name of ['mmlu', 'gsm8k'] as const) {
    const trained = router(name, 'trained');
    goals.push({
      text: `trained scorer APGR >= 0.65 on ${titles[name]}`,
      value: fixed(trained.apgr),
      met: trained.apgr >= 0.65,
    });
  }
  for (const [name, most] of [
    ['mmlu', 0.45],
    ['gsm8k', 0.6],
  ] as const) {
    const trained = router(name, 'trained');
    goals.push({
      text: `trained scorer keeps 95% quality with <= ${pct(most)} strong calls on ${titles[name]}`,
      value: pct(trained.shareFor95),
      met: trained.shareFor95 <= most,
    });
  }
  const cascades = set('gsm8k').routers.filter((entry) => entry.name.startsWith('cascade'));
  const best = cascades.reduce((a, b) => (b.apgr > a.apgr ? b : a));
  goals.push({
    text: 'cascade APGR >= 0.78 on GSM8K',
    value: `${fixed(best.apgr)} (${best.name})`,
    met: best.apgr >= 0.78,
  });
  for (const name of ['mmlu', 'gsm8k', 'mt_bench'] as const) {
    const heuristic = router(name, 'heuristic');
    const interval = heuristic.apgrInterval;
    const value = interval
      ? `${fixed(heuristic.apgr)}, 95% interval [${fixed(interval[0])}, ${fixed(interval[1])}]${interval[0] > 0.5 ? '' : ' (includes 0.5: not significant)'}`
      : fixed(heuristic.apgr);
    goals.push({
      text: `heuristic better than random (0.5) on ${titles[name]}`,
      value,
      met: heuristic.apgr > 0.5,
    });
  }
  return goals;
}

/** The report as Markdown text (what the bench prints and stores in bench/results/routing.json). */
export function reportText(
  reports: readonly SetReport[],
  { seconds, folds, innerFolds }: { seconds: number; folds: number; innerFolds: number },
): string {
  const out: string[] = [
    '# modelmux routing quality (RouteLLM data: GPT-4 strong, Mixtral-8x7B weak)',
    '',
    `Contaminated rows dropped as RouteLLM does. Trained scorer: ${folds}-fold (each fold scored by a scorer trained on the others, threshold picked by that scorer on ${innerFolds} inner folds for 95% quality). Cost assumes equal tokens per call for both models.`,
    '',
  ];
  for (const report of reports) {
    out.push(
      `## ${titles[report.name]} (n = ${report.rows}, ${report.contaminated} contaminated dropped)`,
      '',
    );
    out.push(...table(report.routers, report.name), '');
    out.push(
      `Trained thresholds per fold: ${report.thresholds.map((value) => value.toFixed(3)).join(', ')}`,
      '',
    );
    if (report.withoutMath) {
      out.push(
        `Without high_school_mathematics (n = ${report.withoutMath.rows}; the single-token artefact):`,
        '',
      );
      out.push(...table(report.withoutMath.routers, report.name), '');
    }
  }
  out.push('## Goals', '');
  for (const goal of goalsOf(reports))
    out.push(`- ${goal.met ? 'PASS' : 'MISS'} ${goal.text}: ${goal.value}`);
  out.push('', `(${seconds.toFixed(1)} s)`);
  return out.join('\n');
}
