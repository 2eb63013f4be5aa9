import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Every bench writes its latest figures to bench/results/<name>.json; `pnpm bench:report`
// reads them all into bench/REPORT.md.

export const resultsDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** The machine and the versions a result was measured with. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Versions of the packages compared. */
  packages: Record<string, string>;
}

export interface BenchResult<T> {
  bench: string;
  command: string;
  measuredAt: string;
  machine: Machine;
  figures: T;
}

const comparedPackages = [
  'ai',
  '@ai-sdk/openai',
  'ai-fallback',
  'ai-retry',
  '@portkey-ai/gateway',
  'autocannon',
];

function versionOf(name: string): string {
  try {
    const path = join(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      'node_modules',
      name,
      'package.json',
    );
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'absent';
  }
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: type(),
    node: process.versions.node,
    packages: Object.fromEntries(comparedPackages.map((name) => [name, versionOf(name)])),
  };
}

/** Writes bench/results/<bench>.json; returns its path. */
export function writeResult<T>(bench: string, command: string, figures: T): string {
  mkdirSync(resultsDirectory, { recursive: true });
  const result: BenchResult<T> = {
    bench,
    command,
    measuredAt: new Date().toISOString(),
    machine: machine(),
    figures,
  };
  const path = join(resultsDirectory, `${bench}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
