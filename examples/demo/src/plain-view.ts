import type { DemoView } from './demo-view.js';
import { seconds, usd } from './format.js';

/** Plain lines, for CI and pipes: no cursor moves, one line per thing that happened. */
export function createPlainView(write: (text: string) => void): DemoView {
  return {
    start(header) {
      write(`${header}\n`);
    },
    phase(frame) {
      write(
        `${seconds(frame.elapsedMs)}  --- phase ${frame.phase.index + 1}/${frame.phase.count}: ${frame.phase.name}\n`,
      );
    },
    phaseEnded(frame, during) {
      const saving = frame.tally.saving();
      write(
        `${seconds(frame.elapsedMs)}      ${during.calls} calls, ${during.failed} failed, ${during.failovers} failed over, ${during.hedges} hedged | saved so far ${usd(saving.usd)} (${saving.percent.toFixed(0)}%)\n`,
      );
    },
    event(atMs, text) {
      write(`${seconds(atMs)}      ${text}\n`);
    },
    refresh() {},
    stop() {},
  };
}
