import type { Router } from '@modelmux/core';
import type { Tally } from './tally.js';

/** What either view renders. */
export interface DemoFrame {
  router: Router;
  tally: Tally;
  elapsedMs: number;
  plannedMs: number;
  phase: { index: number; count: number; name: string };
  statusUrl: string | undefined;
}

/** The terminal view: a live table in a TTY, plain lines otherwise. */
export interface DemoView {
  start(header: string): void;
  phase(frame: DemoFrame): void;
  /** A phase ended: the plain view prints what it did. */
  phaseEnded(
    frame: DemoFrame,
    during: { calls: number; failed: number; failovers: number; hedges: number },
  ): void;
  event(atMs: number, text: string): void;
  refresh(frame: DemoFrame): void;
  stop(): void;
}
