import type { DemoFrame, DemoView } from './demo-view.js';
import { ms, pad, seconds, usd } from './format.js';

const esc = '\u001b[';
const paint = (color: boolean) => (code: string, text: string) =>
  color ? `${esc}${code}m${text}${esc}0m` : text;

/**
 * The live terminal view: one screen redrawn in place (plain ANSI: cursor home, clear, draw),
 * with per-target calls, errors, breaker state, latency, hedges and cost, the routes' fail-overs,
 * the money saved, and the last events.
 */
export function createLiveView(
  write: (text: string) => void,
  options: { color: boolean; rows: number },
): DemoView {
  const style = paint(options.color);
  const events: string[] = [];
  let header = '';

  function breakerCell(frame: DemoFrame, id: string): string {
    const health = frame.router.stats().targets[id]?.health;
    if (!health) return '-';
    const now = Date.now();
    if (health.state === 'open') {
      const left = health.openUntil ? Math.max(0, Math.ceil((health.openUntil - now) / 1000)) : 0;
      return style('1;31', pad(`OPEN ${left}s`, 11));
    }
    if (health.state === 'half-open') return style('33', pad('half-open', 11));
    if (health.coolUntil !== undefined && health.coolUntil > now) {
      const left = Math.max(0, Math.ceil((health.coolUntil - now) / 1000));
      return style('36', pad(`cooling ${left}s`, 11));
    }
    return style('32', pad('closed', 11));
  }

  function draw(frame: DemoFrame): string {
    const lines: string[] = [];
    const { totals } = frame.tally;
    lines.push(style('1', header));
    lines.push(
      `${seconds(frame.elapsedMs).trim()} of ~${Math.round(frame.plannedMs / 1000)}s   ` +
        style('1;33', `phase ${frame.phase.index + 1}/${frame.phase.count}: ${frame.phase.name}`),
    );
    if (frame.statusUrl) lines.push(`status page: ${style('4', frame.statusUrl)}`);
    lines.push('');
    lines.push(
      style(
        '2',
        `${pad('target', 9)} ${pad('served', 7, 'right')} ${pad('attempts', 9, 'right')} ${pad('errors', 7, 'right')}  ${pad('breaker', 11)} ${pad('latency', 8, 'right')} ${pad('in-flight', 9, 'right')} ${pad('hedges', 7, 'right')} ${pad('cost', 9, 'right')}`,
      ),
    );
    const stats = frame.router.stats();
    for (const [id, tally] of frame.tally.targets) {
      const target = stats.targets[id];
      const errors = pad(String(tally.errors), 7, 'right');
      lines.push(
        `${pad(id, 9)} ${pad(String(tally.served), 7, 'right')} ${pad(String(tally.attempts), 9, 'right')} ${tally.errors > 0 ? style('31', errors) : errors}  ${breakerCell(frame, id)} ${pad(ms(target?.health.latencyMs), 8, 'right')} ${pad(String(target?.health.inFlight ?? 0), 9, 'right')} ${pad(String(tally.hedges), 7, 'right')} ${pad(usd(target?.costUsd ?? 0), 9, 'right')}`,
      );
    }
    lines.push('');
    for (const [name, route] of frame.tally.routes) {
      const failed = route.failed > 0 ? style('1;31', String(route.failed)) : style('32', '0');
      lines.push(
        `route ${pad(name, 7)} ${pad(String(route.calls), 6, 'right')} calls  ${failed} failed  ${route.failovers} failed over`,
      );
    }
    const saving = frame.tally.saving();
    lines.push('');
    lines.push(
      `calls ${totals.calls}  ok ${style('32', String(totals.ok))}  failed ${totals.failed > 0 ? style('1;31', String(totals.failed)) : '0'}  fail-overs ${totals.failovers}  hedges ${totals.hedges}`,
    );
    lines.push(
      `cost ${usd(totals.costUsd)}  vs all-strong ${usd(totals.allStrongUsd)}  ${style('1;32', `saved ${usd(saving.usd)} (${saving.percent.toFixed(0)}%)`)} by routing`,
    );
    lines.push('');
    lines.push(style('2', 'events'));
    const room = Math.max(3, options.rows - lines.length - 2);
    for (const line of events.slice(-room)) lines.push(`  ${line}`);
    lines.push(style('2', 'Ctrl-C ends the demo with a summary'));
    return `${esc}H${lines.map((line) => `${line}${esc}K`).join('\n')}${esc}J`;
  }

  return {
    start(text) {
      header = text.split('\n')[0] ?? text;
      write(`${esc}?25l${esc}2J`);
    },
    phase(frame) {
      events.push(`${seconds(frame.elapsedMs)}  --- ${frame.phase.name}`);
    },
    phaseEnded() {},
    event(atMs, text) {
      events.push(`${seconds(atMs)}  ${text}`);
    },
    refresh(frame) {
      write(draw(frame));
    },
    stop() {
      write(`${esc}?25h\n`);
    },
  };
}
