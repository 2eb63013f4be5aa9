import type { Burst, Mode } from './concurrent.js';
import type { CostFigure } from './decision-cost.js';
import type { FaultResult } from './fault-run.js';
import type { Row } from './rows.js';
import type { SequentialSamples } from './sequential.js';
import { median, quantile } from './stats.js';

/** The issue's goals for a routed call, relative to the direct call measured in the same run. */
export const goals = {
  latencyRatioMax: 1.03,
  throughputRatioMin: 0.97,
  lostMax: 0,
  decisionUsMax: 5,
};

export interface RowFigures {
  name: string;
  reference: boolean;
  generateMedianMs: number;
  generateP99Ms: number;
  ttftMedianMs: number;
  ttftP99Ms: number;
  streamMedianMs: number;
  streamP99Ms: number;
  /** c=1, row / direct, from the medians. */
  generateRatio: number;
  ttftRatio: number;
  streamRatio: number;
  throughput: Record<
    Mode,
    { rps: number; ratio: number; ratioMin: number; ratioMax: number; cpuUsPerCall: number }
  >;
  lost: number;
  calls: number;
  misses: string[];
}

/** Per-round ratio of a row's throughput to the direct row's in the same round, then the median. */
function throughputFigures(bursts: readonly Burst[], direct: readonly Burst[]) {
  const rps = bursts.map((entry) => entry.calls / entry.seconds);
  const directRps = direct.map((entry) => entry.calls / entry.seconds);
  const ratios = rps.map((value, index) => value / (directRps[index] as number));
  return {
    rps: median(rps),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    cpuUsPerCall: median(bursts.map((entry) => entry.cpuUsPerCall)),
  };
}

export function rowFigures(
  rows: readonly Row[],
  sequential: Map<string, SequentialSamples>,
  concurrent: Map<string, Record<Mode, Burst[]>>,
): RowFigures[] {
  const directSeq = sequential.get('direct') as SequentialSamples;
  const directCon = concurrent.get('direct') as Record<Mode, Burst[]>;
  const base = {
    generate: median(directSeq.generateMs),
    ttft: median(directSeq.ttftMs),
    stream: median(directSeq.streamMs),
  };
  return rows.map((row) => {
    const seq = sequential.get(row.name) as SequentialSamples;
    const con = concurrent.get(row.name) as Record<Mode, Burst[]>;
    const bursts = [...con.generate, ...con.stream];
    const figures: RowFigures = {
      name: row.name,
      reference: row.reference === true,
      generateMedianMs: median(seq.generateMs),
      generateP99Ms: quantile(seq.generateMs, 0.99),
      ttftMedianMs: median(seq.ttftMs),
      ttftP99Ms: quantile(seq.ttftMs, 0.99),
      streamMedianMs: median(seq.streamMs),
      streamP99Ms: quantile(seq.streamMs, 0.99),
      generateRatio: median(seq.generateMs) / base.generate,
      ttftRatio: median(seq.ttftMs) / base.ttft,
      streamRatio: median(seq.streamMs) / base.stream,
      throughput: {
        generate: throughputFigures(con.generate, directCon.generate),
        stream: throughputFigures(con.stream, directCon.stream),
      },
      lost: seq.lost + bursts.reduce((sum, entry) => sum + entry.lost, 0),
      calls: seq.generateMs.length + seq.streamMs.length + bursts.reduce((s, e) => s + e.calls, 0),
      misses: [],
    };
    const latency = (label: string, ratio: number) => {
      if (!(ratio <= goals.latencyRatioMax)) figures.misses.push(`${label} ${ratio.toFixed(3)}x`);
    };
    latency('c=1 generate', figures.generateRatio);
    latency('c=1 TTFT', figures.ttftRatio);
    latency('c=1 stream', figures.streamRatio);
    for (const mode of ['generate', 'stream'] as const) {
      const { ratio } = figures.throughput[mode];
      if (!(ratio >= goals.throughputRatioMin))
        figures.misses.push(`c=32 ${mode} ${ratio.toFixed(3)}x`);
    }
    if (figures.lost > goals.lostMax) figures.misses.push(`${figures.lost} lost`);
    return figures;
  });
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(3));
const ratio = (value: number) => `${value.toFixed(3)}x`;
/** A c=32 ratio with the range of its rounds, e.g. `0.981x (0.95-1.01)`. */
const spread = ({ ratio: value, ratioMin, ratioMax }: RowFigures['throughput'][Mode]) =>
  `${ratio(value)} (${ratioMin.toFixed(2)}-${ratioMax.toFixed(2)})`;

function table(header: string[], lines: string[][], align: ('l' | 'r')[]): string {
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...lines.map((line) => (line[index] ?? '').length)),
  );
  const format = (line: string[]) =>
    line
      .map((cell, index) =>
        align[index] === 'l'
          ? cell.padEnd(widths[index] as number)
          : cell.padStart(widths[index] as number),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(header), rule, ...lines.map(format)].join('\n');
}

export function sequentialTable(figures: readonly RowFigures[]): string {
  return table(
    [
      'row',
      'gen med ms',
      'gen p99 ms',
      'gen/direct',
      'TTFT med ms',
      'TTFT p99 ms',
      'TTFT/direct',
      'stream med ms',
      'stream p99 ms',
      'stream/direct',
    ],
    figures.map((row) => [
      row.name,
      ms(row.generateMedianMs),
      ms(row.generateP99Ms),
      ratio(row.generateRatio),
      ms(row.ttftMedianMs),
      ms(row.ttftP99Ms),
      ratio(row.ttftRatio),
      ms(row.streamMedianMs),
      ms(row.streamP99Ms),
      ratio(row.streamRatio),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

export function concurrentTable(figures: readonly RowFigures[]): string {
  return table(
    [
      'row',
      'gen req/s',
      'gen/direct (rounds)',
      'gen CPU us/call',
      'stream req/s',
      'stream/direct (rounds)',
      'stream CPU us/call',
      'lost',
      'verdict',
    ],
    figures.map((row) => [
      row.name,
      row.throughput.generate.rps.toFixed(0),
      spread(row.throughput.generate),
      row.throughput.generate.cpuUsPerCall.toFixed(0),
      row.throughput.stream.rps.toFixed(0),
      spread(row.throughput.stream),
      row.throughput.stream.cpuUsPerCall.toFixed(0),
      `${row.lost}/${row.calls}`,
      row.name === 'direct'
        ? 'baseline'
        : row.reference
          ? `reference${row.misses.length === 0 ? '' : ` (${row.misses.join(', ')})`}`
          : row.misses.length === 0
            ? 'PASS'
            : `MISS: ${row.misses.join(', ')}`,
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
}

export function faultTable(results: readonly FaultResult[]): string {
  const rows = [...new Set(results.map((result) => result.row))];
  const find = (row: string, mode: Mode) =>
    results.find((result) => result.row === row && result.mode === mode) as FaultResult;
  return table(
    [
      'row',
      'gen lost',
      'gen primary req (503s)',
      'gen secondary req',
      'stream lost',
      'stream primary req (503s)',
      'stream secondary req',
      'verdict',
    ],
    rows.map((row) => {
      const generate = find(row, 'generate');
      const stream = find(row, 'stream');
      const lost = generate.lost + stream.lost;
      return [
        row,
        `${generate.lost}/${generate.calls}`,
        `${generate.primaryRequests} (${generate.primaryFailed})`,
        `${generate.secondaryRequests}`,
        `${stream.lost}/${stream.calls}`,
        `${stream.primaryRequests} (${stream.primaryFailed})`,
        `${stream.secondaryRequests}`,
        row === 'direct' ? 'reference (no fail-over)' : lost === 0 ? 'PASS' : `MISS: ${lost} lost`,
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
}

export function costTable(figures: readonly CostFigure[]): string {
  return table(
    ['measure (50 targets, no I/O, mitata median)', 'us/call', 'verdict'],
    figures.map((figure) => [
      figure.name,
      figure.us.toFixed(2),
      figure.goal ? (figure.us <= goals.decisionUsMax ? 'PASS' : 'MISS') : '-',
    ]),
    ['l', 'r', 'l'],
  );
}
