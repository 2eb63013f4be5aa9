import { describe, expect, it } from 'vitest';
import { endpointOf } from './endpoint-of.js';

describe('endpointOf', () => {
  it.each([
    ['/v1/chat/completions', 'chat-completions'],
    ['/v1/chat/completions?x=1', 'chat-completions'],
    ['/chat/completions', 'chat-completions'],
    ['/api/v1/chat/completions', 'chat-completions'],
    ['/v1/embeddings/', 'embeddings'],
    ['/v1/models', 'models'],
    ['/models', 'models'],
    ['/v1/messages', 'messages'],
  ])('%s is %s', (url, name) => {
    expect(endpointOf(url)?.name).toBe(name);
  });

  it('reads a model id, slashes and escapes included', () => {
    expect(endpointOf('/v1/models/openai%2Fgpt-4.1')).toEqual({
      name: 'model',
      method: 'GET',
      id: 'openai/gpt-4.1',
    });
    expect(endpointOf('/v1/models/a/b')).toEqual({ name: 'model', method: 'GET', id: 'a/b' });
    expect(endpointOf('/v1/models/%E0%A4%A')).toEqual({
      name: 'model',
      method: 'GET',
      id: '%E0%A4%A',
    });
  });

  it.each([
    '/',
    '/v1',
    '/v1/completions',
    '/admin/models',
    '/api/chat/completions',
    '/v1/chat/completions/x',
    '/v1/responses',
  ])('%s is not the gateway’s', (url) => {
    expect(endpointOf(url)).toBeUndefined();
  });
});
