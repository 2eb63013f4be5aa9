import { parseArgs } from 'node:util';

export type CliCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'hash-key' }
  | {
      command: 'train-router';
      data: string;
      out: string;
      targetQuality: number;
      folds: number;
      seed: number;
    }
  | {
      command: 'serve';
      config: string | undefined;
      host: string | undefined;
      port: number | undefined;
      drainMs: number;
      logLevel: LogLevel;
    };

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** A command line the CLI cannot run; the message says what to type instead. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** `modelmux <command> [options]`, parsed with `node:util`'s parseArgs. */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    // node's message goes on about '--' for positionals; its first sentence says it all.
    const [first] = (error as Error).message.split('. ');
    throw new CliUsageError(`${first}. Run modelmux --help.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...extra] = positionals;
  if (command === undefined) return { command: 'help' };
  if (command === 'train-router') return trainRouterCommand(values, extra);
  if (extra.length > 0)
    throw new CliUsageError(`Unexpected argument '${extra[0]}'. Run modelmux --help.`);
  if (command === 'hash-key') return { command: 'hash-key' };
  if (command !== 'serve') {
    throw new CliUsageError(
      `Unknown command '${command}'. Commands: serve, hash-key, train-router. Run modelmux --help.`,
    );
  }
  const logLevel = values['log-level'] ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new CliUsageError(
      `--log-level must be one of ${logLevels.join(', ')}; got '${logLevel}'.`,
    );
  }
  return {
    command: 'serve',
    config: values.config,
    host: values.host,
    port: values.port === undefined ? undefined : integer('--port', values.port, 0, 65_535),
    drainMs: integer('--drain-ms', values['drain-ms'] ?? '10000', 0, 3_600_000),
    logLevel: logLevel as LogLevel,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      'drain-ms': { type: 'string' },
      'log-level': { type: 'string' },
      out: { type: 'string', short: 'o' },
      quality: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function trainRouterCommand(
  values: ReturnType<typeof parse>['values'],
  positionals: readonly string[],
): CliCommand {
  const [data, ...extra] = positionals;
  if (data === undefined)
    throw new CliUsageError(
      'train-router needs the examples file: modelmux train-router data.jsonl --out scorer.json',
    );
  if (extra.length > 0)
    throw new CliUsageError(`Unexpected argument '${extra[0]}'. Run modelmux --help.`);
  if (values.out === undefined)
    throw new CliUsageError('train-router needs --out <file>, e.g. --out scorer.json');
  const quality = values.quality ?? '0.95';
  const targetQuality = Number(quality);
  if (!(targetQuality > 0 && targetQuality <= 1))
    throw new CliUsageError(`--quality must be a number in (0, 1], e.g. 0.95; got '${quality}'.`);
  return {
    command: 'train-router',
    data,
    out: values.out,
    targetQuality,
    folds: integer('--folds', values.folds ?? '5', 2, 50),
    seed: integer('--seed', values.seed ?? '1', 0, 2 ** 31 - 1),
  };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be a whole number from ${min} to ${max}; got '${text}'.`);
  }
  return value;
}

export const helpText = `modelmux: the OpenAI-compatible gateway over the modelmux router.

Usage:
  modelmux serve [options]    serve the gateway
  modelmux hash-key           read a key on stdin, print its keyHash for gateway.keys
  modelmux train-router <data.jsonl> --out <scorer.json> [options]
                              train the complexity scorer on your own labelled prompts
  modelmux --help | --version

Options of serve:
  -c, --config <file>     the config (default: modelmux.config.{ts,mjs,js,json} in the
                          working directory, else routes from provider keys in the environment)
      --host <address>    where to listen (default: gateway.host, else 127.0.0.1)
  -p, --port <port>       the port, 0 for a free one (default: gateway.port, else 4000)
      --drain-ms <ms>     on SIGTERM/SIGINT, how long requests in flight may take to finish
                          (default: 10000)
      --log-level <level> fatal, error, warn, info, debug, trace or silent (default: info)

Options of train-router:
  -o, --out <file>        where to write the scorer (JSON), for
                          complexity: { scorer: { model: '<file>' } }
      --quality <share>   keep this share of all-strong quality when picking the threshold
                          on held-out folds (default: 0.95)
      --folds <n>         held-out folds (default: 5)
      --seed <n>          folds and training order; same data and seed, same file (default: 1)
  Each line of data.jsonl: {"prompt": "...", "weak": 0, "strong": 1} (outcomes, higher is
  better) or {"prompt": "...", "label": "strong" | "weak"} (which model the prompt needs).

serve prints the URL it listens on as one line on stdout; logs are JSON lines (pino) on stderr.
GET /healthz and GET /readyz answer health checks.
`;
