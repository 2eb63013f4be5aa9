import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A built `@modelmux/core` of another revision: its entry point, to `import()`. */
export interface BaseBuild {
  revision: string;
  commit: string;
  entry: string;
}

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * `@modelmux/core` as of `revision`, built in a detached worktree under the system temp folder
 * (kept, keyed by commit, so the next run against the same base builds nothing). Its
 * dependencies install from the local pnpm store when they can.
 */
export function buildBase(
  repository: string,
  revision: string,
  progress: (text: string) => void,
): BaseBuild {
  const commit = run('git', ['rev-parse', '--verify', `${revision}^{commit}`], repository);
  const folder = join(tmpdir(), `modelmux-ab-${commit.slice(0, 12)}`);
  const entry = join(folder, 'packages', 'core', 'dist', 'index.js');
  if (!existsSync(entry)) {
    if (!existsSync(folder)) {
      progress(`checking out ${revision} (${commit.slice(0, 12)}) in ${folder}`);
      run('git', ['worktree', 'add', '--detach', folder, commit], repository);
    }
    progress('installing its dependencies');
    try {
      run('pnpm', ['install', '--offline', '--frozen-lockfile'], folder);
    } catch {
      run('pnpm', ['install', '--frozen-lockfile'], folder);
    }
    progress('building its @modelmux/core');
    run('pnpm', ['exec', 'tsc', '-b', 'packages/core'], folder);
  }
  return { revision, commit, entry: pathToFileURL(entry).href };
}
