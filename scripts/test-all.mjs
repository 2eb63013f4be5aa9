// `npm test` ends here (via scripts/bootstrap.mjs and `pnpm run test:run`): lint, typecheck and
// vitest, every step run even when an earlier one failed, so one report shows everything.
// CI reads only the last line of output, which must be `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const reportFile = join(root, '.vitest-report.json');
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
};

function step(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return result.status ?? 1;
}

const lintOk = step('biome', ['check', '.']) === 0;
const typecheckOk = step('tsc', ['-p', 'tsconfig.json', '--noEmit']) === 0;

// A stale report from an earlier run must not stand in for a crashed one.
rmSync(reportFile, { force: true });
const vitestArgs = ['run', '--passWithNoTests', '--reporter=default', '--reporter=json'];
const vitestStatus = step('vitest', [
  ...vitestArgs,
  `--outputFile=${reportFile}`,
  ...process.argv.slice(2),
]);
const report = readReport();

let passed = 0;
let failed = (lintOk ? 0 : 1) + (typecheckOk ? 0 : 1);
let testsLine = 'tests: crashed (no report)';
if (report) {
  passed = report.numPassedTests;
  // A file that fails to load, or an unhandled error, fails the run without failing a test:
  // count each, so the summary never reads "0 failed" for a red run.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
  ).length;
  let testsFailed = report.numFailedTests + brokenFiles;
  if (vitestStatus !== 0 && testsFailed === 0) testsFailed = 1;
  failed += testsFailed;
  const skipped = report.numPendingTests + report.numTodoTests;
  testsLine = `tests: ${passed} passed, ${testsFailed} failed, ${skipped} skipped`;
} else {
  failed += 1;
}

console.log(`lint: ${lintOk ? 'ok' : 'failed'}`);
console.log(`typecheck: ${typecheckOk ? 'ok' : 'failed'}`);
console.log(testsLine);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

function readReport() {
  if (!existsSync(reportFile)) return undefined;
  try {
    const data = JSON.parse(readFileSync(reportFile, 'utf8'));
    return typeof data.numPassedTests === 'number' ? data : undefined;
  } catch {
    return undefined;
  }
}
