import type {
  LanguageModelV4FilePart,
  LanguageModelV4TextPart,
  SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import {
  invalidValue,
  type JsonObject,
  objectAt,
  requiredString,
  unsupportedParameter,
} from '../openai/request-fields.js';
import { fileDataOfUrl } from '../openai/user-content.js';

/**
 * A block's `cache_control`, as @ai-sdk/anthropic reads it (other providers ignore it): prompt
 * caching keeps working for Anthropic SDK clients routed to an Anthropic target.
 */
export function cacheControlOption(block: JsonObject): SharedV4ProviderOptions | undefined {
  const cacheControl = block.cache_control;
  if (cacheControl === undefined || cacheControl === null) return undefined;
  return { anthropic: { cacheControl: cacheControl as JsonObject } } as SharedV4ProviderOptions;
}

export function withCacheControl<P extends { providerOptions?: SharedV4ProviderOptions }>(
  part: P,
  block: JsonObject,
): P {
  const providerOptions = cacheControlOption(block);
  if (providerOptions) part.providerOptions = providerOptions;
  return part;
}

/** A `text` block's text. */
export function textBlock(block: JsonObject, param: string): LanguageModelV4TextPart {
  return withCacheControl<LanguageModelV4TextPart>(
    { type: 'text', text: requiredString(block, 'text', `${param}.text`) },
    block,
  );
}

/** An `image` block (base64 or URL source) as a V4 file part. */
export function imageBlock(block: JsonObject, param: string): LanguageModelV4FilePart {
  const source = objectAt(block.source, `${param}.source`);
  const type = requiredString(source, 'type', `${param}.source.type`);
  if (type === 'base64') {
    const mediaType = requiredString(source, 'media_type', `${param}.source.media_type`);
    const data = requiredString(source, 'data', `${param}.source.data`);
    return withCacheControl<LanguageModelV4FilePart>(
      { type: 'file', mediaType, data: { type: 'data', data } },
      block,
    );
  }
  if (type === 'url') {
    const url = requiredString(source, 'url', `${param}.source.url`);
    if (url.startsWith('data:'))
      throw invalidValue(`${param}.source.url`, 'expected an http(s) URL.');
    const { mediaType, data } = fileDataOfUrl(url, `${param}.source.url`, 'image');
    return withCacheControl<LanguageModelV4FilePart>({ type: 'file', mediaType, data }, block);
  }
  throw unsupportedSource(type, `${param}.source.type`);
}

/**
 * A `document` block: a PDF (base64 or URL) as a file part; a plain-text document as a text part,
 * which every provider takes.
 */
export function documentBlock(
  block: JsonObject,
  param: string,
): LanguageModelV4FilePart | LanguageModelV4TextPart {
  const source = objectAt(block.source, `${param}.source`);
  const type = requiredString(source, 'type', `${param}.source.type`);
  if (type === 'base64') {
    const mediaType = requiredString(source, 'media_type', `${param}.source.media_type`);
    const data = requiredString(source, 'data', `${param}.source.data`);
    return withCacheControl<LanguageModelV4FilePart>(
      { type: 'file', mediaType, data: { type: 'data', data } },
      block,
    );
  }
  if (type === 'url') {
    const url = requiredString(source, 'url', `${param}.source.url`);
    const { mediaType, data } = fileDataOfUrl(url, `${param}.source.url`, 'application/pdf');
    return withCacheControl<LanguageModelV4FilePart>({ type: 'file', mediaType, data }, block);
  }
  if (type === 'text') {
    const text = requiredString(source, 'data', `${param}.source.data`);
    return withCacheControl<LanguageModelV4TextPart>({ type: 'text', text }, block);
  }
  throw unsupportedSource(type, `${param}.source.type`);
}

function unsupportedSource(type: string, param: string) {
  return type === 'file'
    ? unsupportedParameter(
        param,
        'File sources (file_id) are not supported (the gateway has no Files API); send the file inline as base64.',
      )
    : invalidValue(param, `'${type}' is not a supported source type (base64, url, text).`);
}
