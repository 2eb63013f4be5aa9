import { describe, expect, it } from 'vitest';
import { priceLookupKey } from './price-lookup-key.js';

describe('priceLookupKey', () => {
  it.each([
    ['openai', 'openai'],
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['google.generative-ai', 'google'],
    ['google.vertex.chat', 'google'],
    ['vertex.anthropic.messages', 'google'],
    ['azure', 'azure'],
    ['azure.chat', 'azure'],
    ['bedrock', 'aws'],
    ['amazon-bedrock', 'aws'],
    ['mistral.chat', 'mistral'],
    ['groq.chat', 'groq'],
    ['xai.chat', 'x-ai'],
    ['Together', 'together'],
  ])('maps provider %s to the table id %s', (provider, providerId) => {
    expect(priceLookupKey({ provider, modelId: 'm' })).toEqual({ providerId, modelId: 'm' });
  });

  it('passes an unlisted family through as an exact table id to try', () => {
    expect(priceLookupKey({ provider: 'ollama.chat', modelId: 'llama3' })).toEqual({
      providerId: 'ollama',
      modelId: 'llama3',
    });
  });

  it('reads the real provider from a gateway model id', () => {
    expect(priceLookupKey({ provider: 'gateway', modelId: 'anthropic/claude-haiku-4-5' })).toEqual({
      providerId: 'anthropic',
      modelId: 'claude-haiku-4-5',
    });
  });

  it('gives up on a gateway model id that names no provider', () => {
    expect(priceLookupKey({ provider: 'gateway', modelId: 'gpt-4.1-mini' })).toBeUndefined();
  });
});
