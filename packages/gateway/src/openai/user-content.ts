import type {
  LanguageModelV4FilePart,
  LanguageModelV4TextPart,
  SharedV4FileData,
} from '@ai-sdk/provider';
import {
  arrayAt,
  invalidValue,
  objectAt,
  optionalString,
  requiredString,
  unsupportedParameter,
} from './request-fields.js';

type UserPart = LanguageModelV4TextPart | LanguageModelV4FilePart;

const audioMediaTypes: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg' };

/** A user message's `content` (a string, or text, image, audio and file parts) as V4 parts. */
export function userContent(content: unknown, param: string): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts = arrayAt(content, param);
  const result: UserPart[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const partParam = `${param}[${index}]`;
    const part = objectAt(parts[index], partParam);
    const type = requiredString(part, 'type', `${partParam}.type`);
    if (type === 'text') {
      result.push({ type: 'text', text: requiredString(part, 'text', `${partParam}.text`) });
    } else if (type === 'image_url') {
      result.push(imagePart(objectAt(part.image_url, `${partParam}.image_url`), partParam));
    } else if (type === 'input_audio') {
      const audio = objectAt(part.input_audio, `${partParam}.input_audio`);
      const format = requiredString(audio, 'format', `${partParam}.input_audio.format`);
      const mediaType = audioMediaTypes[format];
      if (!mediaType)
        throw invalidValue(
          `${partParam}.input_audio.format`,
          `'${format}' is not one of wav, mp3.`,
        );
      const data = requiredString(audio, 'data', `${partParam}.input_audio.data`);
      result.push({ type: 'file', mediaType, data: { type: 'data', data } });
    } else if (type === 'file') {
      result.push(filePart(objectAt(part.file, `${partParam}.file`), partParam));
    } else {
      throw invalidValue(
        `${partParam}.type`,
        `'${type}' is not a user content part type (text, image_url, input_audio, file).`,
      );
    }
  }
  return result;
}

function imagePart(image: Record<string, unknown>, partParam: string): LanguageModelV4FilePart {
  const param = `${partParam}.image_url.url`;
  const url = requiredString(image, 'url', param);
  const detail = optionalString(image, 'detail', `${partParam}.image_url.detail`);
  const { mediaType, data } = fileDataOfUrl(url, param, 'image');
  const part: LanguageModelV4FilePart = { type: 'file', mediaType, data };
  // @ai-sdk/openai reads the detail from here; other providers have no equivalent.
  if (detail !== undefined) part.providerOptions = { openai: { imageDetail: detail } };
  return part;
}

function filePart(file: Record<string, unknown>, partParam: string): LanguageModelV4FilePart {
  if (file.file_id !== undefined && file.file_id !== null)
    throw unsupportedParameter(
      `${partParam}.file.file_id`,
      'file_id is not supported (the gateway has no Files API); send the file inline as file_data.',
    );
  const param = `${partParam}.file.file_data`;
  const fileData = requiredString(file, 'file_data', param);
  const filename = optionalString(file, 'filename', `${partParam}.file.filename`);
  // OpenAI documents file_data as base64; clients send a data: URL (its media type) or bare base64
  // (a PDF, the only file type OpenAI's chat API takes).
  const { mediaType, data } = fileData.startsWith('data:')
    ? fileDataOfUrl(fileData, param, 'application/pdf')
    : { mediaType: 'application/pdf', data: { type: 'data', data: fileData } as const };
  const part: LanguageModelV4FilePart = { type: 'file', mediaType, data };
  if (filename !== undefined) part.filename = filename;
  return part;
}

/**
 * A data: URL becomes inline data (base64 kept as is, no decode); an http(s) URL stays a URL for
 * the provider to fetch (the gateway itself never downloads what a client names).
 */
export function fileDataOfUrl(
  url: string,
  param: string,
  defaultMediaType: string,
): { mediaType: string; data: SharedV4FileData } {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    if (comma < 0) throw invalidValue(param, 'a data: URL needs a comma before its data.');
    const header = url.slice(5, comma);
    const base64 = header.endsWith(';base64');
    const mediaType = (base64 ? header.slice(0, -7) : header).split(';')[0] || defaultMediaType;
    const payload = url.slice(comma + 1);
    if (base64) return { mediaType, data: { type: 'data', data: payload } };
    try {
      return {
        mediaType,
        data: { type: 'data', data: new TextEncoder().encode(decodeURIComponent(payload)) },
      };
    } catch {
      throw invalidValue(param, 'the data: URL is not valid percent-encoding.');
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidValue(param, 'expected an http(s) URL or a data: URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw invalidValue(param, 'expected an http(s) URL or a data: URL.');
  return { mediaType: defaultMediaType, data: { type: 'url', url: parsed } };
}
