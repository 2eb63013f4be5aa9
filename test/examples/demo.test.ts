import { describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/demo/src/run-demo.js';

// `npm run demo`'s plain mode (what CI and pipes see), shortened to 0.8 s a phase: the same code.
describe('examples/demo', () => {
  it('survives the outage, the 429 storm and the slow provider, and prints the saving', async () => {
    let output = '';
    const summary = await runDemo({
      write: (text) => {
        output += text;
      },
      live: false,
      phaseMs: 800,
      workers: 4,
      env: {},
    });
    expect(summary.mode).toBe('fake');
    expect(summary.calls).toBeGreaterThan(10);
    expect(summary.failed).toBe(0);
    expect(summary.failovers).toBeGreaterThan(0);
    expect(summary.trips.flash).toBeGreaterThanOrEqual(1);
    expect(summary.savedPercent).toBeGreaterThan(30);
    expect(output).toContain('OUTAGE: flash answers 503');
    expect(output).toContain('breaker OPEN       flash');
    expect(output).toContain('the outage, the 429 storm and the slow provider were survived');
    expect(output).toMatch(/saved \$\d+\.\d+ \(\d+%\) by routing/);
    expect(output).toMatch(
      /status page \(live, while the demo runs\): http:\/\/127\.0\.0\.1:\d+\/status\?key=/,
    );
    // The slow phase: gpt-mini's first token takes 3 s, far past the cheap route's 300 ms hedge
    // delay, so calls that reach it race haiku beside it (the phase's line counts them).
    expect(summary.hedges).toBeGreaterThan(0);
    const slowPhase = output.split('--- phase ').find((phase) => phase.includes('SLOW: gpt-mini'));
    const slowHedges = Number(/(\d+) hedged \|/.exec(slowPhase ?? '')?.[1]);
    expect(slowHedges).toBeGreaterThan(0);
    // Plain lines only: no cursor movement or colour codes.
    expect(output).not.toContain('\u001b[');
  }, 60_000);
});
