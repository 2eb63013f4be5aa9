import { createRequire } from 'node:module';
import { RouterError, redact } from '@modelmux/core';
import { CliUsageError, helpText, parseCliArgs } from './cli/cli-args.js';
import { hashKeyFromStdin } from './cli/hash-key.js';
import { serve } from './cli/serve.js';
import { trainRouter } from './cli/train-router.js';

/** The `modelmux` command. Exit codes: 0 done, 1 failed, 2 bad usage. */
async function main(args: readonly string[]): Promise<void> {
  const command = parseCliArgs(args);
  if (command.command === 'help') {
    process.stdout.write(helpText);
    return;
  }
  if (command.command === 'version') {
    const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
    process.stdout.write(`${manifest.version}\n`);
    return;
  }
  if (command.command === 'hash-key') {
    await hashKeyFromStdin(process.stdin, process.stdout);
    return;
  }
  if (command.command === 'train-router') {
    await trainRouter(command, process.stdout);
    return;
  }
  const running = await serve(command, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator does not want to wait.
      running.logger.warn({ signal }, 'stopping now');
      process.exit(1);
    }
    stopping = true;
    running.logger.info({ signal, drainMs: command.drainMs }, 'draining');
    running.server
      .close(command.drainMs)
      .then(() => running.router.close())
      .then(
        () => {
          running.logger.info({}, 'stopped');
          process.exit(0);
        },
        (error: unknown) => {
          running.logger.error({ error: String(error) }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Config and usage errors say what to fix; their messages hold no secret.
  const known =
    error instanceof CliUsageError || error instanceof RangeError || RouterError.isInstance(error);
  process.stderr.write(`modelmux: ${known ? (error as Error).message : redact(String(error))}\n`);
  process.exit(error instanceof CliUsageError ? 2 : 1);
});
