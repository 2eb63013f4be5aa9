import { createRouter } from '@modelmux/core';
import { createRouterProvider } from '@modelmux/ai-sdk';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
const usage = { inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 20, text: 20, reasoning: undefined } };
const parts: any[] = [{ type: 'stream-start', warnings: [] }, { type: 'text-start', id: '1' }, ...Array.from({length: 8}, (_, i) => ({ type: 'text-delta', id: '1', delta: `w${i} ` })), { type: 'text-end', id: '1' }, { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } }];
const mk = (id: string) => new MockLanguageModelV4({ provider: 'openai.chat', modelId: id,
  doGenerate: async () => ({ content: [{ type: 'text', text: 'ok' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
  doStream: async () => { let i = 0; return { stream: new ReadableStream({ pull(c) { const p = parts[i++]; if (p) c.enqueue(p); else c.close(); } }) }; } });
const a = mk('gpt-4.1-mini'); const b = mk('gpt-4.1-nano');
const router = createRouter({ targets: [{ id: 'p', model: a }, { id: 's', model: b }], routes: { bench: { targets: ['p', 's'] } } });
const routed = createRouterProvider(router)('bench');
const mode = process.argv[2];
const t = performance.now();
for (let i = 0; i < 20000; i++) {
  if (mode === 'stream') {
    const r = streamText({ model: routed, prompt: 'hi', maxRetries: 0 }); for await (const p of r.stream) {}
  } else if (mode === 'raw') {
    const r = await routed.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    const reader = r.stream.getReader(); while (!(await reader.read()).done) {}
  } else { await generateText({ model: routed, prompt: 'hi', maxRetries: 0 }); }
  if (i % 1000 === 0) { a.doGenerateCalls.length = 0; a.doStreamCalls.length = 0; }
}
console.log(mode, ((performance.now() - t) / 20000 * 1000).toFixed(1), 'us/call');
