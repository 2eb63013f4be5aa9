import { describe, expect, it } from 'vitest';
import { providerFamily } from './provider-family.js';

describe('providerFamily', () => {
  it.each([
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['google.generative-ai', 'google'],
    ['azure-openai.chat', 'azure'],
    ['azure.responses', 'azure'],
    ['mistral.chat', 'mistral'],
    ['ollama', 'ollama'],
  ])('maps %s to %s', (provider, family) => {
    expect(providerFamily(provider)).toBe(family);
  });
});
