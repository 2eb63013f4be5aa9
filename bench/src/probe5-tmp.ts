import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { buildRow } from './rows.js';
import { startUpstream } from './upstream-process.js';
const up = await startUpstream();
const p = up.servers.primary;
const direct = createOpenAI({ baseURL: p.baseURL, apiKey: p.apiKey }).chat('gpt-4.1-mini');
const routed = buildRow('routed', p, up.servers.secondary).model;
const model = process.argv[2] === 'routed' ? routed : direct;
const stream = process.argv[3] === 'stream';
const t = performance.now();
for (let i = 0; i < 6000; i++) {
  if (stream) { const r = streamText({ model, prompt: 'hi', maxRetries: 0 }); for await (const _ of r.stream) {} }
  else await generateText({ model, prompt: 'hi', maxRetries: 0 });
}
console.log(process.argv[2], ((performance.now() - t) / 6).toFixed(0), 'us/call');
up.stop();
