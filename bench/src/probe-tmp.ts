import { burst } from './concurrent.js';
import { buildRow } from './rows.js';
import { startUpstream } from './upstream-process.js';
const up = await startUpstream();
const rows = ['direct', 'routed'].map((n) => buildRow(n as any, up.servers.primary, up.servers.secondary));
for (const row of rows) { await burst(row.model, 'generate', { calls: 2000, concurrency: 8 }); await burst(row.model, 'stream', { calls: 1000, concurrency: 8 }); }
for (const c of [1, 2, 4, 8, 16, 32, 64]) {
  for (const row of rows) {
    for (const mode of ['generate', 'stream'] as const) {
      (globalThis as any).gc?.();
      const r = await burst(row.model, mode, { calls: 1500, concurrency: c });
      console.log(`c=${c} ${row.name} ${mode} rps=${(1500 / r.seconds).toFixed(0)} cpu/call=${(r.cpuUs / 1500).toFixed(0)}us`);
    }
  }
}
up.stop();
