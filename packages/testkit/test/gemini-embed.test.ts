import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { embed, embedMany } from 'ai';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeGemini } from '../src/gemini/start-fake-gemini.js';

async function fakeGemini() {
  const server = await startFakeGemini();
  onTestFinished(() => server.close());
  const google = createGoogleGenerativeAI({ baseURL: server.baseURL, apiKey: server.apiKey });
  return { server, google };
}

describe('fake Gemini: embeddings', () => {
  it('embeds one text (embedContent) as a deterministic unit vector of 3072 values', async () => {
    const { server, google } = await fakeGemini();
    const model = google.embedding('gemini-embedding-001');
    const first = await embed({ model, value: 'hello' });
    const again = await embed({ model, value: 'hello' });
    expect(first.embedding).toHaveLength(3072);
    expect(again.embedding).toEqual(first.embedding);
    const norm = Math.sqrt(first.embedding.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 10);
    expect(server.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:embedContent');
  });

  it('embeds several texts (batchEmbedContents) at the asked outputDimensionality', async () => {
    const { server, google } = await fakeGemini();
    const model = google.embedding('gemini-embedding-001');
    const { embeddings } = await embedMany({
      model,
      values: ['a', 'b', 'a'],
      providerOptions: { google: { outputDimensionality: 8 } },
    });
    expect(embeddings.map((vector) => vector.length)).toEqual([8, 8, 8]);
    expect(embeddings[2]).toEqual(embeddings[0]);
    expect(embeddings[1]).not.toEqual(embeddings[0]);
    expect(server.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });
});
