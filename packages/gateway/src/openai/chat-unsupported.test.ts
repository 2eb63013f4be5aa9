import { describe, expect, it } from 'vitest';
import { checkChatKeys } from './chat-unsupported.js';
import { GatewayError } from './gateway-error.js';

function rejection(body: Record<string, unknown>) {
  try {
    checkChatKeys(body);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { status: error.status, code: error.code, param: error.param, message: error.message };
  }
  return undefined;
}

describe('checkChatKeys', () => {
  it('says n > 1 is not supported and what to do instead', () => {
    expect(rejection({ n: 2 })).toEqual({
      status: 400,
      code: 'unsupported_parameter',
      param: 'n',
      message: 'n > 1 is not supported; make n calls.',
    });
    expect(rejection({ n: 'two' })?.code).toBe('invalid_type');
  });

  it('rejects each parameter it cannot honour, naming it', () => {
    const rejected = {
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { '50256': -100 },
      modalities: ['text', 'audio'],
      audio: { voice: 'alloy', format: 'wav' },
      prediction: { type: 'content', content: 'x' },
      web_search_options: {},
      functions: [{ name: 'f' }],
      function_call: 'auto',
    };
    const answers = Object.entries(rejected).map(([key, value]) => rejection({ [key]: value }));
    expect(answers.map((answer) => [answer?.code, answer?.param])).toEqual(
      Object.keys(rejected).map((key) => ['unsupported_parameter', key]),
    );
  });

  it('accepts those parameters at their neutral values', () => {
    expect(
      rejection({
        n: 1,
        logprobs: false,
        top_logprobs: 0,
        logit_bias: {},
        modalities: ['text'],
        functions: [],
        audio: null,
        prediction: null,
      }),
    ).toBeUndefined();
  });

  it('accepts and drops the billing and retention keys', () => {
    expect(
      rejection({
        service_tier: 'flex',
        store: true,
        safety_identifier: 'x',
        prompt_cache_retention: '24h',
      }),
    ).toBeUndefined();
  });

  it('rejects a key OpenAI does not know either, as OpenAI does', () => {
    expect(rejection({ temprature: 0.2 })).toEqual({
      status: 400,
      code: 'unknown_parameter',
      param: 'temprature',
      message: 'Unrecognized request argument supplied: temprature.',
    });
    expect(rejection({ constructor: 1 })?.code).toBe('unknown_parameter');
  });
});
