import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('reads train-router, its data file and options', () => {
    expect(
      parseCliArgs([
        'train-router',
        'data.jsonl',
        '--out',
        'scorer.json',
        '--quality',
        '0.9',
        '--folds',
        '4',
        '--seed',
        '3',
      ]),
    ).toEqual({
      command: 'train-router',
      data: 'data.jsonl',
      out: 'scorer.json',
      targetQuality: 0.9,
      folds: 4,
      seed: 3,
    });
    expect(parseCliArgs(['train-router', 'data.jsonl', '-o', 's.json'])).toMatchObject({
      targetQuality: 0.95,
      folds: 5,
      seed: 1,
    });
  });

  it('reads serve and its options', () => {
    expect(
      parseCliArgs([
        'serve',
        '--config',
        'x.ts',
        '-p',
        '0',
        '--host',
        '0.0.0.0',
        '--drain-ms',
        '500',
        '--log-level',
        'warn',
      ]),
    ).toEqual({
      command: 'serve',
      config: 'x.ts',
      host: '0.0.0.0',
      port: 0,
      drainMs: 500,
      logLevel: 'warn',
    });
    expect(parseCliArgs(['serve'])).toEqual({
      command: 'serve',
      config: undefined,
      host: undefined,
      port: undefined,
      drainMs: 10_000,
      logLevel: 'info',
    });
  });

  it('reads help, version and hash-key', () => {
    expect(
      [[], ['--help'], ['serve', '-h'], ['-v'], ['hash-key']].map(
        (args) => parseCliArgs(args).command,
      ),
    ).toEqual(['help', 'help', 'help', 'version', 'hash-key']);
  });

  it.each([
    [['serve', '--port', '99999'], /--port must be a whole number from 0 to 65535; got '99999'/],
    [['serve', '--port', '-1'], /--port/],
    [['serve', '--log-level', 'loud'], /--log-level must be one of/],
    [['serve', '--colour'], /Unknown option '--colour'. Run modelmux --help/],
    [['start'], /Unknown command 'start'. Commands: serve, hash-key/],
    [['serve', 'extra'], /Unexpected argument 'extra'/],
    [['train-router'], /needs the examples file/],
    [['train-router', 'data.jsonl'], /needs --out <file>/],
    [
      ['train-router', 'data.jsonl', '-o', 's.json', '--quality', '2'],
      /--quality must be a number in \(0, 1\]/,
    ],
    [
      ['train-router', 'data.jsonl', '-o', 's.json', '--folds', '1'],
      /--folds must be a whole number from 2/,
    ],
  ])('%j is a usage error', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});
