import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../test/support/gateway-error-of.js';
import { userContent } from './user-content.js';

function rejection(content: unknown) {
  const { code, param, message } = gatewayErrorOf(() =>
    userContent(content, 'messages[0].content'),
  );
  return { code, param, message };
}

describe('userContent', () => {
  it('keeps a data: URL image inline as base64 with its media type, and its detail for OpenAI', () => {
    expect(
      userContent(
        [
          { type: 'text', text: 'What is this?' },
          {
            type: 'image_url',
            image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
          },
        ],
        'messages[0].content',
      ),
    ).toEqual([
      { type: 'text', text: 'What is this?' },
      {
        type: 'file',
        mediaType: 'image/png',
        data: { type: 'data', data: 'iVBORw0KGgo=' },
        providerOptions: { openai: { imageDetail: 'low' } },
      },
    ]);
  });

  it('passes an http(s) image URL on as a URL for the provider to fetch', () => {
    const [part] = userContent(
      [{ type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } }],
      'messages[0].content',
    );
    expect(part).toEqual({
      type: 'file',
      mediaType: 'image',
      data: { type: 'url', url: new URL('https://example.com/cat.jpg') },
    });
  });

  it('decodes a percent-encoded data: URL to bytes', () => {
    const [part] = userContent(
      [{ type: 'image_url', image_url: { url: 'data:image/svg+xml,%3Csvg%2F%3E' } }],
      'messages[0].content',
    );
    expect(part).toEqual({
      type: 'file',
      mediaType: 'image/svg+xml',
      data: { type: 'data', data: new TextEncoder().encode('<svg/>') },
    });
  });

  it('translates input_audio and inline files', () => {
    expect(
      userContent(
        [
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
          {
            type: 'file',
            file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
          },
          { type: 'file', file: { file_data: 'JVBERi0=' } },
        ],
        'messages[0].content',
      ),
    ).toEqual([
      { type: 'file', mediaType: 'audio/wav', data: { type: 'data', data: 'UklGRg==' } },
      { type: 'file', mediaType: 'audio/mpeg', data: { type: 'data', data: 'SUQz' } },
      {
        type: 'file',
        mediaType: 'application/pdf',
        data: { type: 'data', data: 'JVBERi0=' },
        filename: 'a.pdf',
      },
      { type: 'file', mediaType: 'application/pdf', data: { type: 'data', data: 'JVBERi0=' } },
    ]);
  });

  it('rejects URLs that are neither http(s) nor data:, without echoing them', () => {
    const answer = rejection([{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }]);
    expect(answer).toEqual({
      code: 'invalid_value',
      param: 'messages[0].content[0].image_url.url',
      message:
        "Invalid 'messages[0].content[0].image_url.url': expected an http(s) URL or a data: URL.",
    });
    expect(
      rejection([{ type: 'image_url', image_url: { url: 'data:image/png;base64' } }]).message,
    ).toBe(
      "Invalid 'messages[0].content[0].image_url.url': a data: URL needs a comma before its data.",
    );
  });

  it('rejects file_id, unknown part types and unknown audio formats, naming the param', () => {
    expect(rejection([{ type: 'file', file: { file_id: 'file-1' } }])).toMatchObject({
      code: 'unsupported_parameter',
      param: 'messages[0].content[0].file.file_id',
    });
    expect(rejection([{ type: 'video', video: {} }]).param).toBe('messages[0].content[0].type');
    expect(
      rejection([{ type: 'input_audio', input_audio: { data: 'x', format: 'flac' } }]).param,
    ).toBe('messages[0].content[0].input_audio.format');
    expect(rejection([{ type: 'image_url', image_url: 'https://x' }])).toMatchObject({
      code: 'invalid_type',
      param: 'messages[0].content[0].image_url',
    });
  });
});
