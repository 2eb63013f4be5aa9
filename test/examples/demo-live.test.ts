import { describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/demo/src/run-demo.js';

// The terminal view: one screen redrawn in place with plain ANSI, then the summary.
describe('examples/demo live view', () => {
  it('redraws the target table in place and ends with the summary', async () => {
    let output = '';
    const summary = await runDemo({
      write: (text) => {
        output += text;
      },
      live: true,
      color: false,
      rows: 30,
      phaseMs: 500,
      workers: 3,
      env: {},
    });
    const frames = output.split('\u001b[H');
    expect(frames.length).toBeGreaterThan(5);
    const last = frames.at(-1) ?? '';
    expect(last).toMatch(/target\s+served\s+attempts\s+errors\s+breaker\s+latency/);
    expect(last).toMatch(/flash\s+\d+/);
    expect(last).toContain('route cheap');
    expect(last).toMatch(/saved \$\d+\.\d+ \(\d+%\) by routing/);
    expect(output).toContain('\u001b[?25h');
    expect(summary.calls).toBeGreaterThan(0);
  }, 60_000);
});
