import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTrainedScorer } from '@modelmux/core';
import { startFakeOpenAI } from '@modelmux/testkit';
import OpenAI from 'openai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hashApiKey } from '../src/auth/key-hash.js';

const root = join(import.meta.dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'packages', 'gateway', 'src', 'cli.ts');
const fixture = join(import.meta.dirname, 'fixtures', 'modelmux.config.ts');
const canary = 'sk-canary-0123456789abcdefghij';
const gatewayKey = 'cli-key-0123456789abcdef';

interface Cli {
  process: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves with the first stdout line. */
  firstLine: Promise<string>;
}

function runCli(args: string[], env: Record<string, string> = {}, input?: string): Cli {
  const child = spawn(tsx, ['--conditions=@modelmux/source', cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const lines = createInterface({ input: child.stdout });
  const firstLine = once(lines, 'line').then(([line]) => line as string);
  lines.on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  child.stdin.end(input);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { process: child, stdout, stderr, exited, firstLine };
}

/** The URL the gateway listens on: its first stdout line. */
async function boundUrl(cli: Cli): Promise<string> {
  const exit = cli.exited.then((code) => {
    throw new Error(`the CLI exited (${code}) before listening: ${cli.stderr.join('\n')}`);
  });
  return Promise.race([cli.firstLine, exit]);
}

describe('modelmux serve', () => {
  it('serves a config on --port 0, then drains a stream in flight on SIGTERM and exits 0', async () => {
    const upstream = await startFakeOpenAI({
      apiKey: canary,
      defaultReply: { chunks: 6, chunkDelayMs: 40 },
    });
    onTestFinished(() => upstream.close());
    const serve = runCli(['serve', '--config', fixture, '--port', '0', '--host', '127.0.0.1'], {
      FAKE_OPENAI_BASE_URL: upstream.baseURL,
      FAKE_OPENAI_KEY: canary,
      GATEWAY_KEY: gatewayKey,
    });
    const url = await boundUrl(serve);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: gatewayKey });
    const completion = await client.chat.completions.create({
      model: 'main',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: hello');

    const stream = await client.chat.completions.create({
      model: 'main',
      stream: true,
      messages: [{ role: 'user', content: 'a b c d e f' }],
    });
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content ?? '';
      if (text === '' && delta !== '') serve.process.kill('SIGTERM');
      text += delta;
    }
    expect(text).toBe('echo: a b c d e f');
    expect(await serve.exited).toBe(0);

    const records = serve.stderr.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = records.filter((record) => record.msg === 'request');
    const line = {
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      route: 'main',
      target: 'mini',
      attempts: 1,
      key: 'cli-test',
    };
    expect(
      requests.map(({ method, path, status, route, target, attempts, key }) => ({
        method,
        path,
        status,
        route,
        target,
        attempts,
        key,
      })),
    ).toEqual([line, line]);
    expect(
      requests.map((record) => [record.stream, typeof record.durationMs, typeof record.overheadMs]),
    ).toEqual([
      [false, 'number', 'number'],
      [true, 'number', 'number'],
    ]);
    expect(records.map((record) => record.msg)).toEqual(
      expect.arrayContaining(['listening', 'draining', 'stopped']),
    );
    const output = [...serve.stdout, ...serve.stderr].join('\n');
    expect(output).not.toContain('0123456789abcdefghij');
    expect(output).not.toContain(gatewayKey);
  });

  it('prints --help and exits 0; a bad flag exits 2 naming it', async () => {
    const help = runCli(['--help']);
    expect([await help.exited, help.stdout[0]]).toEqual([0, expect.stringMatching(/^modelmux:/)]);
    const bad = runCli(['serve', '--port', 'many']);
    expect([await bad.exited, bad.stderr.join('\n')]).toEqual([
      2,
      expect.stringMatching(/--port must be a whole number/),
    ]);
  });

  it('exits 1 with the config file named when the config is invalid', async () => {
    const serve = runCli([
      'serve',
      '--config',
      join(import.meta.dirname, 'fixtures', 'no-such.config.mjs'),
    ]);
    expect(await serve.exited).toBe(1);
    expect(serve.stderr.join('\n')).toContain('no-such.config.mjs');
  });

  it('hash-key prints the keyHash of the key on stdin', async () => {
    const run = runCli(['hash-key'], {}, `${gatewayKey}\n`);
    expect([await run.exited, run.stdout]).toEqual([0, [hashApiKey(gatewayKey)]]);
  });

  it('train-router trains a scorer file from JSONL that a router then loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelmux-train-'));
    const data = join(dir, 'data.jsonl');
    const out = join(dir, 'scorer.json');
    const lines = Array.from({ length: 40 }, (_, index) =>
      JSON.stringify(
        index % 2 === 0
          ? { prompt: `prove lemma ${index} about primes`, label: 'strong' }
          : { prompt: `say hi to friend ${index}`, label: 'weak' },
      ),
    );
    writeFileSync(data, `${lines.join('\n')}\n`);
    const run = runCli(['train-router', data, '--out', out, '--folds', '4']);
    expect(await run.exited).toBe(0);
    expect(run.stdout[0]).toBe('trained on 40 examples; held-out figures over 4 folds:');
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ format: 'modelmux-scorer', version: 1 });
    const scorer = createTrainedScorer(file);
    expect(scorer.score('prove lemma 3 about primes')).toBeGreaterThan(
      scorer.score('say hi to friend 3'),
    );
  });

  it('train-router names the line of a bad example and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelmux-train-'));
    const data = join(dir, 'data.jsonl');
    writeFileSync(data, '{"prompt":"ok","label":"weak"}\n{"prompt":"x"}\n');
    const run = runCli(['train-router', data, '--out', join(dir, 'scorer.json')]);
    expect(await run.exited).toBe(1);
    expect(run.stderr.join('\n')).toContain(`${data}:2: needs either "weak" and "strong"`);
  });
});
