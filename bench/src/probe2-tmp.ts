import { createRouter } from '@modelmux/core';
import { createRouterProvider } from '@modelmux/ai-sdk';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { measure } from 'mitata';
const usage = { inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 20, text: 20, reasoning: undefined } };
const parts: any[] = [{ type: 'stream-start', warnings: [] }, { type: 'text-start', id: '1' }, ...Array.from({length: 8}, (_, i) => ({ type: 'text-delta', id: '1', delta: `w${i} ` })), { type: 'text-end', id: '1' }, { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } }];
const mk = (id: string) => new MockLanguageModelV4({ provider: 'openai.chat', modelId: id,
  doGenerate: async () => ({ content: [{ type: 'text', text: 'ok' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
  doStream: async () => { let i = 0; return { stream: new ReadableStream({ pull(c) { const p = parts[i++]; if (p) c.enqueue(p); else c.close(); } }) }; } });
const a = mk('gpt-4.1-mini'); const b = mk('gpt-4.1-nano');
const router = createRouter({ targets: [{ id: 'p', model: a }, { id: 's', model: b }], routes: { bench: { targets: ['p', 's'] } } });
const routed = createRouterProvider(router)('bench');
const direct = mk('gpt-4.1-mini');
async function gen(model: any) { const r = await generateText({ model, prompt: 'hi', maxRetries: 0 }); return r.text; }
async function str(model: any) { const r = streamText({ model, prompt: 'hi', maxRetries: 0 }); for await (const p of r.stream) {} }
for (let k = 0; k < 2; k++) {
for (const [name, m] of [['direct', direct], ['routed', routed]] as const) {
  const g = await measure(() => gen(m), { min_cpu_time: 1e9 });
  const s = await measure(() => str(m), { min_cpu_time: 1e9 });
  a.doGenerateCalls.length = 0; a.doStreamCalls.length = 0; direct.doGenerateCalls.length = 0; direct.doStreamCalls.length = 0;
  console.log(name, 'generateText', (g.p50/1000).toFixed(1), 'us; streamText', (s.p50/1000).toFixed(1), 'us');
}}
