import type { RowFigures } from './figures.js';
import { textTable } from './text-table.js';

/** The issue's goals for modelmux's gateway. */
export const goals = {
  /** At 32 in flight, at least this share of the bare proxy's throughput, per mode. */
  proxyThroughputRatioMin: 0.5,
  errorsMax: 0,
};

type Kind = 'latency' | 'throughput' | 'proxy-ratio' | 'cpu' | 'memory' | 'errors';

interface Metric {
  label: string;
  kind: Kind;
  value: (row: RowFigures) => number;
  /** Judged against Portkey: which way is better. Undefined: shown, not judged. */
  better?: 'lower' | 'higher';
  /** Throughput: the row's ratio to the direct row (median over rounds). */
  directRatio?: (row: RowFigures) => number;
}

const latencyMetrics = (
  prefix: string,
  pick: (row: RowFigures) => { median: number; p99: number },
): Metric[] => [
  { label: `${prefix} median`, kind: 'latency', value: (row) => pick(row).median, better: 'lower' },
  { label: `${prefix} p99`, kind: 'latency', value: (row) => pick(row).p99, better: 'lower' },
];

const metrics: Metric[] = [
  ...latencyMetrics('c=1  non-stream ms', (row) => row.c1.plain),
  ...latencyMetrics('c=1  stream TTFT ms', (row) => ({
    median: row.c1.stream.ttftMedian,
    p99: row.c1.stream.ttftP99,
  })),
  ...latencyMetrics('c=1  stream total ms', (row) => row.c1.stream),
  {
    label: 'c=32 non-stream req/s',
    kind: 'throughput',
    value: (row) => row.c32.plain.rps,
    directRatio: (row) => row.c32.plain.directRatio,
    better: 'higher',
  },
  {
    label: 'c=32 non-stream req/s / proxy',
    kind: 'proxy-ratio',
    value: (row) => row.c32.plain.proxyRatio,
  },
  ...latencyMetrics('c=32 non-stream ms', (row) => row.c32.plain),
  {
    label: 'c=32 stream req/s',
    kind: 'throughput',
    value: (row) => row.c32.stream.rps,
    directRatio: (row) => row.c32.stream.directRatio,
    better: 'higher',
  },
  {
    label: 'c=32 stream req/s / proxy',
    kind: 'proxy-ratio',
    value: (row) => row.c32.stream.proxyRatio,
  },
  ...latencyMetrics('c=32 stream TTFT ms', (row) => ({
    median: row.c32.stream.ttftMedian,
    p99: row.c32.stream.ttftP99,
  })),
  ...latencyMetrics('c=32 stream total ms', (row) => row.c32.stream),
  {
    label: 'gateway CPU us/call, non-stream',
    kind: 'cpu',
    value: (row) => row.c32.plain.gatewayCpuUs,
  },
  {
    label: 'gateway CPU us/call, stream',
    kind: 'cpu',
    value: (row) => row.c32.stream.gatewayCpuUs,
  },
  {
    label: 'RSS MiB after the load',
    kind: 'memory',
    value: (row) => row.rssMiB?.now ?? Number.NaN,
    better: 'lower',
  },
  {
    label: 'RSS MiB peak',
    kind: 'memory',
    value: (row) => row.rssMiB?.peak ?? Number.NaN,
    better: 'lower',
  },
  { label: 'errors', kind: 'errors', value: (row) => row.errors },
];

const fixed = (value: number) =>
  Math.abs(value) < 10
    ? value.toFixed(3)
    : Math.abs(value) < 100
      ? value.toFixed(2)
      : value.toFixed(1);

function cell(metric: Metric, row: RowFigures, direct: RowFigures): string {
  const value = metric.value(row);
  if (metric.kind === 'errors') return `${value}/${row.calls}`;
  if (Number.isNaN(value)) return '-';
  switch (metric.kind) {
    case 'latency': {
      if (row === direct) return fixed(value);
      const added = value - metric.value(direct);
      return `${added >= 0 ? '+' : ''}${fixed(added)} (${(value / metric.value(direct)).toFixed(2)}x)`;
    }
    case 'throughput':
      return `${value.toFixed(0)} (${(metric.directRatio?.(row) ?? Number.NaN).toFixed(2)}x)`;
    case 'proxy-ratio':
      return `${value.toFixed(2)}x`;
    case 'cpu':
      return value.toFixed(0);
    case 'memory':
      return value.toFixed(1);
  }
}

interface Verdict {
  goal: string;
  verdict: string;
  miss?: string;
}

function judge(
  metric: Metric,
  figures: readonly RowFigures[],
  portkeyAbsent: string | undefined,
): Verdict {
  const modelmux = figures.find((row) => row.name === 'modelmux');
  const portkey = figures.find((row) => row.name === 'portkey');
  if (!modelmux) return { goal: '', verdict: '' };
  if (metric.kind === 'errors') {
    const failing = figures.filter((row) => row.errors > goals.errorsMax);
    return failing.length === 0
      ? { goal: 'every row 0', verdict: 'PASS' }
      : {
          goal: 'every row 0',
          verdict: 'MISS',
          miss: `errors: ${failing.map((row) => `${row.name} ${row.errors}`).join(', ')}`,
        };
  }
  if (metric.kind === 'proxy-ratio') {
    const value = metric.value(modelmux);
    const ok = value >= goals.proxyThroughputRatioMin;
    return {
      goal: `modelmux >= ${goals.proxyThroughputRatioMin}x`,
      verdict: ok ? 'PASS' : 'MISS',
      ...(ok ? {} : { miss: `${metric.label.trim()} ${value.toFixed(2)}x` }),
    };
  }
  if (metric.better === undefined) return { goal: '', verdict: '' };
  const goal = `modelmux ${metric.better === 'lower' ? '<' : '>'} Portkey`;
  if (!portkey) return { goal, verdict: portkeyAbsent ? 'n/a (no Portkey)' : 'n/a' };
  const mine = metric.value(modelmux);
  const theirs = metric.value(portkey);
  const ok = metric.better === 'lower' ? mine < theirs : mine > theirs;
  return {
    goal,
    verdict: ok ? 'PASS' : 'MISS',
    ...(ok
      ? {}
      : {
          miss: `${metric.label.replace(/\s+/g, ' ')}: ${fixed(mine)} vs Portkey ${fixed(theirs)}`,
        }),
  };
}

/** The side-by-side table, one line per metric, and the misses of modelmux's goals. */
export function gatewayTable(
  figures: readonly RowFigures[],
  portkeyAbsent: string | undefined,
): { text: string; misses: string[] } {
  const direct = figures.find((row) => row.name === 'direct') as RowFigures;
  const header = ['metric', ...figures.map((row) => row.name), 'goal', 'verdict'];
  const misses: string[] = [];
  const lines = metrics.map((metric) => {
    const verdict = judge(metric, figures, portkeyAbsent);
    if (verdict.miss) misses.push(verdict.miss);
    return [
      metric.label,
      ...figures.map((row) => cell(metric, row, direct)),
      verdict.goal,
      verdict.verdict,
    ];
  });
  const align = header.map((_, index) => (index === 0 || index >= header.length - 2 ? 'l' : 'r'));
  return { text: textTable(header, lines, align), misses };
}
