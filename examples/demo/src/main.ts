import { runDemo } from './run-demo.js';

// `npm run demo`: fake providers (or real ones when their keys are set), an outage, a 429 storm
// and a slow provider, live in the terminal; plain lines when stdout is not a terminal.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const summary = await runDemo({
  write: (text) => process.stdout.write(text),
  live: process.stdout.isTTY === true,
  color: !process.env.NO_COLOR,
  rows: process.stdout.rows,
  phaseMs: process.env.MODELMUX_DEMO_PHASE_MS
    ? Number(process.env.MODELMUX_DEMO_PHASE_MS)
    : undefined,
  statusPort: process.env.MODELMUX_DEMO_STATUS_PORT
    ? Number(process.env.MODELMUX_DEMO_STATUS_PORT)
    : undefined,
  env: process.env,
  signal: controller.signal,
});
process.exitCode = summary.failed === 0 || summary.mode === 'real' ? 0 : 1;
