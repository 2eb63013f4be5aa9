import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ScenarioFigure, summaryFileVariable } from './summary.js';

// The vitest globalSetup: the chaos scenarios append their figures to one file (the workers
// inherit its path from this process's environment), and teardown prints every figure as one
// table and writes it to test/chaos/summary.txt (git-ignored).

const here = dirname(fileURLToPath(import.meta.url));

export function setup(): void {
  const directory = join(tmpdir(), `modelmux-chaos-${process.pid}`);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'figures.jsonl');
  rmSync(file, { force: true });
  process.env[summaryFileVariable] = file;
}

export function teardown(): void {
  const file = process.env[summaryFileVariable];
  if (!file || !existsSync(file)) return;
  const figures = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ScenarioFigure);
  rmSync(dirname(file), { recursive: true, force: true });
  if (figures.length === 0) return;
  const table = summaryTable(figures);
  writeFileSync(join(here, '..', 'summary.txt'), `${table}\n`);
  console.log(`\n${table}\n`);
}

export function summaryTable(figures: readonly ScenarioFigure[]): string {
  const sorted = [...figures].sort(
    (a, b) => a.scenario.localeCompare(b.scenario) || a.path.localeCompare(b.path),
  );
  const header = ['scenario', 'path', 'figure', 'criterion', 'result'];
  const rows = sorted.map((figure) => [
    figure.scenario,
    figure.path,
    figure.figure,
    figure.criterion,
    figure.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ');
  const passed = figures.filter((figure) => figure.pass).length;
  return [
    `chaos suite: ${passed}/${figures.length} scenario figures within their criteria`,
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}
