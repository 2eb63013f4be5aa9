import { readFile, writeFile } from 'node:fs/promises';
import { parseRoutingExamples, trainScorer } from '@modelmux/core';
import type { CliCommand } from './cli-args.js';

type TrainRouterCommand = Extract<CliCommand, { command: 'train-router' }>;

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * `modelmux train-router data.jsonl --out scorer.json`: trains the complexity scorer, picks its
 * threshold on held-out folds for the target quality, writes the file and prints what the
 * held-out folds showed.
 */
export async function trainRouter(
  command: TrainRouterCommand,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const examples = parseRoutingExamples(await readFile(command.data, 'utf8'), command.data);
  const file = trainScorer(examples, {
    folds: command.folds,
    targetQuality: command.targetQuality,
    seed: command.seed,
  });
  await writeFile(command.out, `${JSON.stringify(file)}\n`);
  const { validation } = file;
  stdout.write(
    [
      `trained on ${validation.examples} examples; held-out figures over ${validation.folds} folds:`,
      `  APGR ${validation.apgr.toFixed(3)} (random routing: 0.5)`,
      `  threshold ${Number(file.threshold.toFixed(4))}: ${percent(validation.strongShare)} of calls to the strong route, ${percent(validation.quality)} of all-strong quality (target ${percent(validation.targetQuality)})`,
      `wrote ${command.out}; use it as complexity: { scorer: { model: '${command.out}' }, tiers: [{ route: '<cheap>' }, { route: '<strong>' }] }`,
      '',
    ].join('\n'),
  );
}
