import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { buildRow } from './rows.js';
import { startUpstream } from './upstream-process.js';
import { median } from './stats.js';
const up = await startUpstream();
const p = up.servers.primary;
const direct = createOpenAI({ baseURL: p.baseURL, apiKey: p.apiKey }).chat('gpt-4.1-mini');
const routed = buildRow('routed', p, up.servers.secondary).model;
const variants: Record<string, () => Promise<unknown>> = {
  direct: () => generateText({ model: direct, prompt: 'hi', maxRetries: 0 }),
  directSignal: () => generateText({ model: direct, prompt: 'hi', maxRetries: 0, abortSignal: new AbortController().signal }),
  directRawSignal: () => { const c = new AbortController(); return (direct as any).doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], abortSignal: c.signal }); },
  directRaw: () => (direct as any).doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }),
  routed: () => generateText({ model: routed, prompt: 'hi', maxRetries: 0 }),
};
const names = Object.keys(variants);
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const cpu: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
for (let i = 0; i < 3000; i++) {
  for (const n of names) {
    const c0 = process.cpuUsage(); const t = performance.now(); await variants[n]!(); const dt = performance.now() - t; const c1 = process.cpuUsage(c0);
    if (i >= 300) { samples[n]!.push(dt); cpu[n]! += c1.user + c1.system; }
  }
}
for (const n of names) console.log(n.padEnd(16), (median(samples[n]!) * 1000).toFixed(0), 'us median', (cpu[n]! / 2700).toFixed(0), 'us cpu');
up.stop();
