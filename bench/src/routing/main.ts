import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeResult } from '../results.js';
import { loadSet, type Row, type SetName } from './data.js';
import { bootstrapApgr, type RouterFigures, routerFigures } from './figures.js';
import { goalsOf, reportText, type SetReport } from './report.js';
import { cascadeRouter, heuristicRouter, randomRouter, trainedRouter } from './routers.js';

// `pnpm bench:routing`: replays RouteLLM's per-prompt outcomes of GPT-4 (strong) and Mixtral
// (weak) on MMLU, GSM8K and MT-Bench through modelmux's scorers. No model is called.

const here = fileURLToPath(new URL('.', import.meta.url));

/** `shared/data/routing` beside the repository, or beside any folder above it (worktrees). */
function defaultDataDir(): string {
  let dir = resolve(here, '..', '..', '..', '..');
  for (;;) {
    const candidate = resolve(dir, 'shared', 'data', 'routing');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return resolve(here, '..', '..', '..', '..', 'shared', 'data', 'routing');
    dir = parent;
  }
}
const seed = 7;
const progress = (text: string) => process.stderr.write(`bench:routing: ${text}\n`);

function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      folds: { type: 'string' },
      'inner-folds': { type: 'string' },
    },
  });
  const dataDir = resolve(values.data ?? process.env.MODELMUX_ROUTING_DATA ?? defaultDataDir());
  if (!existsSync(resolve(dataDir, 'gsm8k.jsonl'))) {
    process.stderr.write(
      `bench:routing: no routing data in ${dataDir}; pass --data <dir> (the folder holding mmlu.jsonl, gsm8k.jsonl, mt_bench.jsonl)\n`,
    );
    process.exit(2);
  }
  const folds = Number(values.folds ?? 5);
  const innerFolds = Number(values['inner-folds'] ?? 3);
  const started = performance.now();
  const reports: SetReport[] = [];
  for (const name of ['mmlu', 'gsm8k', 'mt_bench'] as const satisfies SetName[]) {
    const { rows, contaminated } = loadSet(dataDir, name);
    progress(
      `${name}: ${rows.length} rows (${contaminated} contaminated dropped); training ${folds} folds`,
    );
    reports.push(runSet(name, rows, contaminated, { folds, innerFolds }));
  }
  const text = reportText(reports, {
    seconds: (performance.now() - started) / 1000,
    folds,
    innerFolds,
  });
  process.stdout.write(`${text}\n`);
  const command = ['pnpm bench:routing', ...process.argv.slice(2)].join(' ');
  const path = writeResult('routing', command, {
    text,
    folds,
    innerFolds,
    goals: goalsOf(reports),
    sets: reports,
  });
  progress(`wrote ${path}`);
}

function runSet(
  name: SetName,
  rows: Row[],
  contaminated: number,
  { folds, innerFolds }: { folds: number; innerFolds: number },
): SetReport {
  const random = randomRouter(rows, seed);
  const heuristic = heuristicRouter(rows);
  const trained = trainedRouter(rows, { folds, innerFolds, seed });
  const routers: RouterFigures[] = [
    routerFigures('random (50% strong)', rows, random, { operatingShare: 0.5 }),
    routerFigures('heuristic (below 0.35: weak)', rows, {
      ...heuristic,
      routedStrong: heuristic.scores.map((score) => score >= 0.35),
    }),
    routerFigures('trained, k-fold (own threshold)', rows, trained),
  ];
  if (name === 'mt_bench') {
    const samples = 1000;
    for (const [figures, run] of [
      [routers[0], random],
      [routers[1], heuristic],
      [routers[2], trained],
    ] as const) {
      (figures as RouterFigures).apgrInterval = bootstrapApgr(rows, run.scores, { samples, seed });
    }
  }
  if (name === 'gsm8k') {
    routers.push(
      routerFigures(
        'cascade: mathAnswer + heuristic',
        rows,
        cascadeRouter(rows, heuristic.scores),
        {
          cascade: true,
        },
      ),
      routerFigures(
        'cascade: mathAnswer + trained',
        rows,
        cascadeRouter(
          rows,
          trained.scores.map((score) => (score + 1) / 2),
        ),
        { cascade: true },
      ),
    );
  }
  const report: SetReport = {
    name,
    rows: rows.length,
    contaminated,
    routers,
    thresholds: trained.thresholds,
  };
  if (name === 'mmlu') {
    // RouteLLM's single-token artefact: GPT-4 scores 3% on high_school_mathematics.
    const keep = rows.map((row) => row.subject !== 'high_school_mathematics');
    const subset = rows.filter((_, index) => keep[index]);
    const pick = <T>(values: readonly T[]) => values.filter((_, index) => keep[index]);
    report.withoutMath = {
      rows: subset.length,
      routers: [
        routerFigures(
          'random (50% strong)',
          subset,
          { scores: pick(random.scores) },
          { operatingShare: 0.5 },
        ),
        routerFigures('heuristic (below 0.35: weak)', subset, {
          scores: pick(heuristic.scores),
          routedStrong: pick(heuristic.scores).map((score) => score >= 0.35),
        }),
        routerFigures('trained, k-fold (own threshold)', subset, {
          scores: pick(trained.scores),
          routedStrong: pick(trained.routedStrong ?? []),
        }),
      ],
    };
  }
  return report;
}

main();
